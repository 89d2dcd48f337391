//! Every list as an Excel workbook, by `Accept` or `?format=xlsx`: the whole filtered list, each
//! cell the CSV's, typed, read back with calamine.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use congres_numerique::tables;

use crate::helpers::spawn_app;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn open(body: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(body.to_vec())).expect("an .xlsx workbook")
}

fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    book.worksheet_range(name)
        .expect("the sheet exists")
        .rows()
        .map(<[Data]>::to_vec)
        .collect()
}

/// A cell as the CSV writes it (calamine reads whole numbers as floats).
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
        other => panic!("unexpected cell {other:?}"),
    }
}

#[actix_web::test]
async fn accept_xlsx_gives_the_whole_list_as_a_workbook_to_save() {
    let app = spawn_app().await;
    let response = app
        .get_with("/api/v1/items?page_size=5", &[("Accept", XLSX)])
        .await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), Some(XLSX));
    assert_eq!(
        response.header("content-disposition"),
        Some("attachment; filename=\"items.xlsx\"")
    );
    assert_eq!(response.header("x-total-count"), Some("46"));
    assert_eq!(response.header("vary"), Some("Accept"));
    let mut book = open(&response.body);
    assert_eq!(book.sheet_names(), ["À propos", "items"]);
    // Every row, not a page.
    assert_eq!(sheet(&mut book, "items").len(), 1 + 46);
}

#[actix_web::test]
async fn the_workbook_has_the_csv_cells_french_titles_and_code_labels() {
    let app = spawn_app().await;
    let csv = app
        .get("/api/v1/items?format=csv&page_size=100")
        .await
        .text();
    let xlsx = app.get("/api/v1/items?format=xlsx").await;
    let rows = sheet(&mut open(&xlsx.body), "items");

    let fields: Vec<_> = tables::table("items")
        .expect("items")
        .fields()
        .into_iter()
        .filter(|f| f.in_csv())
        .collect();
    // The code columns' French labels are columns of their own (`kind_label`), as in the CSV.
    let titles: Vec<String> = fields.iter().map(|f| f.title.to_string()).collect();
    let header: Vec<String> = rows[0].iter().map(shown).collect();
    assert_eq!(header, titles);
    assert!(header.contains(&"Nature (libellé)".to_string()));

    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("CSV")).collect();
    assert_eq!(records.len(), rows.len() - 1);
    for (record, row) in records.iter().zip(&rows[1..]) {
        let mut cells = row.iter();
        for (field, value) in fields.iter().zip(record.iter()) {
            let cell = cells.next().expect("a cell per column");
            assert_eq!(shown(cell), value, "{}", field.name);
            if field.field_type == tables::FieldType::Integer && !value.is_empty() {
                assert!(matches!(cell, Data::Float(_) | Data::Int(_)), "{cell:?}");
            }
        }
    }
    // Accents are text, not mojibake.
    assert!(rows.iter().flatten().any(|c| shown(c).contains('é')));
}

#[actix_web::test]
async fn filters_apply_and_the_about_sheet_names_the_request() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/items?format=xlsx&congress=2021").await;
    assert_eq!(response.header("x-total-count"), Some("12"));
    let mut book = open(&response.body);
    assert_eq!(sheet(&mut book, "items").len(), 1 + 12);
    let about: Vec<String> = sheet(&mut book, "À propos")
        .iter()
        .flatten()
        .map(shown)
        .collect();
    let request = format!("{}/api/v1/items?format=xlsx&congress=2021", app.base);
    assert!(about.contains(&request), "{about:?}");
    assert!(about.iter().any(|c| c.contains("Licence Ouverte")));
}

#[actix_web::test]
async fn dates_are_date_cells_and_the_etag_revalidates() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/congresses?format=xlsx").await;
    let rows = sheet(&mut open(&response.body), "congresses");
    let start = rows[0]
        .iter()
        .position(|c| shown(c) == "Date de début")
        .expect("start date column");
    assert!(
        rows[1..]
            .iter()
            .any(|row| matches!(row[start], Data::DateTime(_))),
        "{rows:?}"
    );
    let etag = response.header("etag").expect("an ETag").to_string();
    let again = app
        .get_with(
            "/api/v1/congresses?format=xlsx",
            &[("If-None-Match", &etag)],
        )
        .await;
    assert_eq!(again.status, 304);
    let other = app.get("/api/v1/congresses?format=xlsx&page=2").await;
    assert_ne!(other.header("etag"), Some(etag.as_str()));
}

#[actix_web::test]
async fn json_stays_the_default_for_browsers_and_generic_clients() {
    let app = spawn_app().await;
    for accept in [
        "*/*",
        "application/json, text/plain, */*",
        "text/html,*/*;q=0.8",
    ] {
        let response = app.get_with("/api/v1/items", &[("Accept", accept)]).await;
        assert_eq!(
            response.header("content-type"),
            Some("application/json"),
            "{accept}"
        );
    }
}
