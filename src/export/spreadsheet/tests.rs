//! The workbooks read back with calamine (the reader of many Rust tools and, as python-calamine,
//! of pandas): every CSV cell is there, typed, with the code labels beside the codes; the bytes
//! do not depend on when or how often they are built.

use std::io::{Cursor, Read};

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

/// A cell as its CSV writes it (calamine reads whole numbers as floats, ODS dates as ISO text
/// or date values depending on the format).
fn shown(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Int(n) => n.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// Checks every sheet of a workbook read by calamine against the CSV files.
fn assert_mirrors_the_csv<R: Reader<Cursor<Vec<u8>>>>(book: &mut R, tables: &[CsvTable]) {
    let mut names = vec![ABOUT_SHEET.to_string()];
    names.extend(tables.iter().map(|t| t.name.clone()));
    assert_eq!(book.sheet_names(), names);
    for table in tables {
        let range = book.worksheet_range(&table.name).expect("the sheet");
        let rows: Vec<&[Data]> = range.rows().collect();
        let mut csv = csv::Reader::from_reader(&table.csv[..]);
        let records: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("CSV")).collect();
        assert_eq!(rows.len(), records.len() + 1, "{}", table.name);
        // French titles (a code column is followed by its `*_label` column, as in the CSV).
        let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        let header: Vec<String> = rows[0].iter().map(shown).collect();
        assert_eq!(header, titles, "{}", table.name);
        for (record, row) in records.iter().zip(&rows[1..]) {
            let mut cells = row.iter();
            for (column, value) in table.columns.iter().zip(record.iter()) {
                let cell = cells.next().expect("a cell per column");
                assert_eq!(shown(cell), value, "{} {}", table.name, column.name);
                let typed = match column.column_type {
                    ColumnType::String => matches!(cell, Data::String(_)),
                    ColumnType::Integer => matches!(cell, Data::Float(_) | Data::Int(_)),
                    ColumnType::Boolean => matches!(cell, Data::Bool(_)),
                    ColumnType::Date => matches!(cell, Data::DateTime(_) | Data::DateTimeIso(_)),
                };
                assert!(
                    value.is_empty() || typed,
                    "{} {}: {cell:?}",
                    table.name,
                    column.name
                );
            }
        }
    }
}

#[test]
fn the_xlsx_has_every_csv_cell_typed_with_french_titles_and_labels() {
    let (corpus, publication) = bundled();
    let tables = csv_tables(&corpus).unwrap();
    let bytes = xlsx(&corpus_workbook(&tables, &publication).unwrap()).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_mirrors_the_csv(&mut book, &tables);
}

#[test]
fn the_ods_has_every_csv_cell_typed_with_french_titles_and_labels() {
    let (corpus, publication) = bundled();
    let tables = csv_tables(&corpus).unwrap();
    let bytes = ods(&corpus_workbook(&tables, &publication).unwrap()).unwrap();
    let mut book: Ods<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_mirrors_the_csv(&mut book, &tables);
}

#[test]
fn the_about_sheet_describes_the_dataset_and_every_column() {
    let (corpus, publication) = bundled();
    let tables = csv_tables(&corpus).unwrap();
    let book = corpus_workbook(&tables, &publication).unwrap();
    let about = &book.sheets[0];
    assert_eq!(about.name, ABOUT_SHEET);
    let texts: Vec<String> = about
        .rows
        .iter()
        .flatten()
        .filter_map(|c| match c {
            Cell::Text(s) | Cell::Heading(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t.contains(&publication.license.title)));
    assert!(texts.iter().any(|t| t.contains(&publication.base_url)));
    let header = about
        .rows
        .iter()
        .position(|row| {
            row.iter()
                .map(|c| match c {
                    Cell::Heading(s) => s.as_str(),
                    _ => "",
                })
                .eq(COLUMN_TABLE_HEADER)
        })
        .expect("the column table");
    // One line per CSV column (with its name) and per label column (without), per sheet.
    for table in &tables {
        let described: Vec<(String, String)> = about.rows[header + 1..]
            .iter()
            .filter(|row| row.first() == Some(&Cell::Text(table.name.clone())))
            .map(|row| (shown_cell(&row[1]), shown_cell(&row[2])))
            .collect();
        let expected: Vec<(String, String)> = table
            .columns
            .iter()
            .map(|c| (c.title.clone(), c.name.clone()))
            .collect();
        assert_eq!(described, expected, "{}", table.name);
    }
}

fn shown_cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) | Cell::Heading(s) => s.clone(),
        _ => String::new(),
    }
}

#[test]
fn data_sheets_freeze_a_bold_header_and_wrap_only_long_texts() {
    let (corpus, publication) = bundled();
    let tables = csv_tables(&corpus).unwrap();
    let book = corpus_workbook(&tables, &publication).unwrap();
    for sheet in &book.sheets[1..] {
        assert!(sheet.header, "{}", sheet.name);
        assert!(sheet.rows[0].iter().all(|c| matches!(c, Cell::Heading(_))));
        assert!(sheet.name.chars().count() <= 31, "Excel's limit");
        for (col, (width, wrap)) in sheet.widths.iter().zip(&sheet.wrap).enumerate() {
            assert!((MIN_WIDTH..=MAX_WIDTH).contains(width));
            let paragraphs = sheet
                .rows
                .iter()
                .any(|row| matches!(row.get(col), Some(Cell::Text(s)) if s.contains('\n')));
            assert!(
                !wrap || *width == MAX_WIDTH || paragraphs,
                "{} column {col}: only long lines and paragraphs wrap",
                sheet.name
            );
            assert!(
                !paragraphs || *wrap,
                "{} column {col}: paragraphs wrap",
                sheet.name
            );
        }
    }
    let motions = book.sheets.iter().find(|s| s.name == "motions").unwrap();
    assert!(motions.wrap.iter().any(|w| *w), "preambles wrap");
}

#[test]
fn the_same_corpus_gives_the_same_bytes() {
    let (corpus, publication) = bundled();
    let tables = csv_tables(&corpus).unwrap();
    let book = corpus_workbook(&tables, &publication).unwrap();
    assert_eq!(xlsx(&book).unwrap(), xlsx(&book).unwrap());
    assert_eq!(ods(&book).unwrap(), ods(&book).unwrap());
    // No clock in the archives: every entry is dated 1980-01-01, and `mimetype` comes first,
    // stored, as ODF requires.
    for bytes in [xlsx(&book).unwrap(), ods(&book).unwrap()] {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        for i in 0..archive.len() {
            let entry = archive.by_index(i).unwrap();
            let date = entry.last_modified().expect("a date");
            assert_eq!((date.year(), date.month(), date.day()), (1980, 1, 1));
        }
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(ods(&book).unwrap())).unwrap();
    let mut first = archive.by_index(0).unwrap();
    assert_eq!(first.name().unwrap(), "mimetype");
    assert_eq!(first.compression(), zip::CompressionMethod::Stored);
    let mut media_type = String::new();
    first.read_to_string(&mut media_type).unwrap();
    assert_eq!(media_type, ODS_MEDIA_TYPE);
}

fn column(name: &str, column_type: ColumnType) -> SheetColumn {
    SheetColumn {
        name: name.to_string(),
        title: name.to_uppercase(),
        description: String::new(),
        column_type,
        required: false,
    }
}

fn source<'a>(columns: Vec<SheetColumn>, csv: &'a [u8]) -> SheetSource<'a> {
    SheetSource {
        name: "t".to_string(),
        title: "T".to_string(),
        description: String::new(),
        columns,
        csv,
    }
}

#[test]
fn a_csv_that_does_not_match_its_columns_is_refused() {
    let (_, publication) = bundled();
    let columns = vec![column("id", ColumnType::String)];
    let error = workbook(&[source(columns, b"other\nx\n")], &publication, &[]).unwrap_err();
    assert!(matches!(error, SpreadsheetError::Header { .. }), "{error}");

    let columns = vec![
        column("id", ColumnType::String),
        column("n", ColumnType::Integer),
    ];
    let error = workbook(&[source(columns, b"id,n\na,1\nb,2x\n")], &publication, &[]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "sheet t, row 3, column n: \"2x\" is not a valid integer"
    );
}

#[test]
fn texts_stay_texts_whatever_they_look_like() {
    let (_, publication) = bundled();
    let columns = vec![column("text", ColumnType::String)];
    let csv = "text\n=1+1\n0012\n\"two\n\nparagraphs\"\n  spaced  \n".as_bytes();
    let book = workbook(&[source(columns, csv)], &publication, &[]).unwrap();
    for bytes in [xlsx(&book).unwrap(), ods(&book).unwrap()] {
        let cells: Vec<Data> = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .unwrap()
            .worksheet_range("t")
        {
            Ok(range) => range.rows().skip(1).map(|row| row[0].clone()).collect(),
            Err(e) => panic!("{e}"),
        };
        assert_eq!(
            cells,
            [
                Data::String("=1+1".into()),
                Data::String("0012".into()),
                Data::String("two\n\nparagraphs".into()),
                Data::String("  spaced  ".into()),
            ]
        );
    }
}
