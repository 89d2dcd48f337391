//! Spreadsheets of the tables: `xlsx/corpus.xlsx` and `ods/corpus.ods` in the exports, and any
//! list of the API as `.xlsx`.
//!
//! Why: a CSV opened in a spreadsheet with its default import garbles accents (LibreOffice reads
//! it as Latin-1, even with a BOM) and French Excel splits it on `;`. A workbook carries its
//! encoding and its cell types, so it opens right by a double click.
//!
//! One model, two writers. [`Workbook`] is built from the CSV bytes and the column descriptions
//! that the CSV files already come from ([`super::tabular`], itself derived from the field
//! definitions of [`crate::tables`]): every text cell is the CSV cell, byte for byte, and nothing
//! restates a column. [`xlsx`] and [`ods`] only lay the model out (bold frozen header, filter,
//! widths, date format) and pin every document date to the publication's, so the same corpus
//! gives the same bytes.
//!
//! Layout: a first sheet « À propos » describes the dataset (licence, source, version) and every
//! column of every sheet, then one sheet per CSV file, named after it. A column of codes
//! (`kind`…) is followed by the column of their French labels (`kind_label`), as in the CSV.

mod ods;
mod xlsx;

use jiff::civil::Date;

use super::tabular::{Column, ColumnType, CsvTable};
use crate::publication::Publication;
use crate::tables::{AnyTable, FieldInfo};

pub use ods::ods;
pub use xlsx::xlsx;

/// The media type of `.xlsx` files.
pub const XLSX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The media type of `.ods` files.
pub const ODS_MEDIA_TYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// The name of the first sheet.
pub const ABOUT_SHEET: &str = "À propos";

/// Column titles of the column table of the first sheet; the validation script reads the sheet
/// through them (`scripts/validate-spreadsheets.sh`).
pub const COLUMN_TABLE_HEADER: [&str; 6] = [
    "Feuille",
    "Colonne",
    "Nom dans le CSV",
    "Type",
    "Obligatoire",
    "Description",
];

/// Why a spreadsheet could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SpreadsheetError {
    #[error("CSV of sheet {sheet}: {source}")]
    Csv { sheet: String, source: csv::Error },
    #[error("sheet {sheet}: header {found:?} is not the columns {expected:?}")]
    Header {
        sheet: String,
        expected: Vec<String>,
        found: Vec<String>,
    },
    #[error("sheet {sheet}, row {row}, column {column}: {value:?} is not a valid {kind}")]
    Value {
        sheet: String,
        row: usize,
        column: String,
        value: String,
        kind: &'static str,
    },
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("ods archive: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A title: bold.
    Heading(String),
    Integer(i64),
    Boolean(bool),
    /// Shown `AAAA-MM-JJ`, as in the CSV, but a date for sorting, filters and formulas.
    Date(Date),
}

/// A sheet as the writers lay it out.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rule).
    pub name: String,
    /// Width of each column, in characters.
    pub widths: Vec<f64>,
    /// Whether each column wraps its text (long paragraphs).
    pub wrap: Vec<bool>,
    /// The first row is a header: bold, frozen when scrolling, with a filter.
    pub header: bool,
    pub rows: Vec<Vec<Cell>>,
}

/// A whole workbook.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub title: String,
    pub author: String,
    /// The date the document says it was made: the publication's `modified`, never "now".
    pub created: Date,
    /// The first sheet is [`ABOUT_SHEET`].
    pub sheets: Vec<Sheet>,
}

/// A column of a data sheet, as the CSV file it mirrors describes it.
#[derive(Debug, Clone)]
pub struct SheetColumn {
    /// The CSV column name.
    pub name: String,
    pub title: String,
    pub description: String,
    pub column_type: ColumnType,
    pub required: bool,
}

impl From<&Column> for SheetColumn {
    fn from(column: &Column) -> Self {
        SheetColumn {
            name: column.name.clone(),
            title: column.title.clone(),
            description: column.description.clone(),
            column_type: column.column_type,
            required: column.required,
        }
    }
}

impl From<&FieldInfo> for SheetColumn {
    fn from(field: &FieldInfo) -> Self {
        SheetColumn {
            name: field.name.to_string(),
            title: field.title.to_string(),
            description: field.description.to_string(),
            column_type: ColumnType::of(field.field_type),
            required: field.required,
        }
    }
}

/// A CSV file to lay out as a sheet.
#[derive(Debug, Clone)]
pub struct SheetSource<'a> {
    /// The sheet's name: the CSV file's (`items`, `item_themes`).
    pub name: String,
    pub title: String,
    pub description: String,
    pub columns: Vec<SheetColumn>,
    /// The CSV bytes, header line first, columns as `columns`.
    pub csv: &'a [u8],
}

impl<'a> SheetSource<'a> {
    pub fn from_table(table: &'a CsvTable) -> Self {
        SheetSource {
            name: table.name.clone(),
            title: table.title.clone(),
            description: table.description.clone(),
            columns: table.columns.iter().map(SheetColumn::from).collect(),
            csv: &table.csv,
        }
    }
}

/// The workbook of every CSV file of the exports.
pub fn corpus_workbook(
    tables: &[CsvTable],
    publication: &Publication,
) -> Result<Workbook, SpreadsheetError> {
    let sources: Vec<SheetSource> = tables.iter().map(SheetSource::from_table).collect();
    workbook(&sources, publication, &[])
}

/// The `.xlsx` of rows of one table, as an API list answers it: the « À propos » sheet, which
/// also gives `request` (the URL that selected the rows), then the rows. `csv` is their CSV, as
/// the API's CSV answer writes it.
pub fn table_xlsx(
    publication: &Publication,
    table: &dyn AnyTable,
    csv: &[u8],
    request: &str,
) -> Result<Vec<u8>, SpreadsheetError> {
    let meta = table.meta();
    let source = SheetSource {
        name: meta.name.to_string(),
        title: meta.title.to_string(),
        description: meta.description.to_string(),
        columns: table
            .fields()
            .iter()
            .filter(|field| field.in_csv())
            .map(SheetColumn::from)
            .collect(),
        csv,
    };
    xlsx(&workbook(
        &[source],
        publication,
        &[("Requête", request.to_string())],
    )?)
}

/// A workbook: the « À propos » sheet (the publication, `extra` lines such as the request that
/// produced it, then every column), then one sheet per source.
pub fn workbook(
    sources: &[SheetSource],
    publication: &Publication,
    extra: &[(&str, String)],
) -> Result<Workbook, SpreadsheetError> {
    let mut sheets = vec![about_sheet(sources, publication, extra)];
    for source in sources {
        sheets.push(data_sheet(source)?);
    }
    Ok(Workbook {
        title: publication.title.clone(),
        author: publication.publisher.name.clone(),
        // `Publication::load` refuses a malformed date; the fallback only keeps the output
        // reproducible for a publication built otherwise.
        created: publication
            .modified
            .parse()
            .unwrap_or(Date::constant(2000, 1, 1)),
        sheets,
    })
}

/// French name of a column type, as the « À propos » sheet says it.
fn type_name(column_type: ColumnType) -> &'static str {
    match column_type {
        ColumnType::String => "texte",
        ColumnType::Integer => "entier",
        ColumnType::Boolean => "booléen",
        ColumnType::Date => "date",
    }
}

fn about_sheet(
    sources: &[SheetSource],
    publication: &Publication,
    extra: &[(&str, String)],
) -> Sheet {
    let base = &publication.base_url;
    let text = |s: &str| Cell::Text(s.to_string());
    let mut rows = vec![
        vec![Cell::Heading(publication.title.clone())],
        vec![text("Description"), text(&publication.description)],
        vec![
            text("Éditeur"),
            Cell::Text(format!(
                "{} ({})",
                publication.publisher.name, publication.publisher.url
            )),
        ],
        vec![
            text("Licence"),
            Cell::Text(format!(
                "{} ({}) : réutilisation libre, y compris commerciale, en mentionnant la source.",
                publication.license.title, publication.license.url
            )),
        ],
        vec![
            text("Version"),
            Cell::Text(format!(
                "{} (mise à jour du {})",
                publication.version, publication.modified
            )),
        ],
        vec![text("Source"), Cell::Text(format!("{base}/"))],
        vec![
            text("Mêmes données"),
            Cell::Text(format!(
                "fichiers CSV, JSON et RDF : {base}/api/v1/exports ; API : {base}/api/v1/"
            )),
        ],
        vec![
            text("Contact"),
            Cell::Text(format!(
                "{} <{}>",
                publication.contact.name, publication.contact.email
            )),
        ],
    ];
    for (key, value) in extra {
        rows.push(vec![text(key), text(value)]);
    }
    rows.push(vec![text(
        "Chaque feuille suivante reprend un fichier CSV, cellule pour cellule ; une colonne de codes est suivie de leurs libellés en français. Colonnes :",
    )]);
    rows.push(vec![Cell::Empty]);
    rows.push(
        COLUMN_TABLE_HEADER
            .iter()
            .map(|t| Cell::Heading((*t).to_string()))
            .collect(),
    );
    for source in sources {
        rows.push(vec![
            Cell::Heading(source.name.clone()),
            Cell::Heading(source.title.clone()),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            text(&source.description),
        ]);
        for column in &source.columns {
            let description = column.description.clone();
            rows.push(vec![
                text(&source.name),
                text(&column.title),
                text(&column.name),
                text(type_name(column.column_type)),
                text(if column.required { "oui" } else { "non" }),
                Cell::Text(description),
            ]);
        }
    }
    Sheet {
        name: ABOUT_SHEET.to_string(),
        // The values of the first lines (a description, a URL) sit in the second column: it wraps.
        widths: vec![22.0, 50.0, 28.0, 10.0, 12.0, 90.0],
        wrap: vec![false, true, false, false, false, true],
        header: false,
        rows,
    }
}

/// Widest line that a column shows without wrapping, in characters; paragraphs wrap beyond.
const MAX_WIDTH: f64 = 60.0;
const MIN_WIDTH: f64 = 8.0;

fn data_sheet(source: &SheetSource) -> Result<Sheet, SpreadsheetError> {
    let sheet = || source.name.clone();
    let mut reader = csv::ReaderBuilder::new().from_reader(source.csv);
    let found: Vec<String> = reader
        .headers()
        .map_err(|e| SpreadsheetError::Csv {
            sheet: sheet(),
            source: e,
        })?
        .iter()
        .map(str::to_string)
        .collect();
    let expected: Vec<String> = source.columns.iter().map(|c| c.name.clone()).collect();
    if found != expected {
        return Err(SpreadsheetError::Header {
            sheet: sheet(),
            expected,
            found,
        });
    }

    let mut header = Vec::new();
    for column in &source.columns {
        header.push(Cell::Heading(column.title.clone()));
    }
    let mut rows = vec![header];
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| SpreadsheetError::Csv {
            sheet: sheet(),
            source: e,
        })?;
        let mut row = Vec::with_capacity(record.len());
        for (column, value) in source.columns.iter().zip(record.iter()) {
            // Row numbers as a spreadsheet shows them: the header is row 1.
            row.push(cell(column, value).map_err(|kind| SpreadsheetError::Value {
                sheet: sheet(),
                row: index + 2,
                column: column.name.clone(),
                value: value.to_string(),
                kind,
            })?);
        }
        rows.push(row);
    }

    let columns = rows.first().map_or(0, Vec::len);
    let mut widths = vec![MIN_WIDTH; columns];
    // Long lines wrap, and so do paragraphs, which would otherwise show as one line.
    let mut wrap = vec![false; columns];
    for row in &rows {
        for ((width, wraps), cell) in widths.iter_mut().zip(wrap.iter_mut()).zip(row) {
            *width = width.max(shown_width(cell));
            *wraps |= matches!(cell, Cell::Text(s) if s.contains('\n'));
        }
    }
    for (wraps, width) in wrap.iter_mut().zip(&widths) {
        *wraps |= *width > MAX_WIDTH;
    }
    let widths = widths.into_iter().map(|w| w.min(MAX_WIDTH)).collect();
    Ok(Sheet {
        name: source.name.clone(),
        widths,
        wrap,
        header: true,
        rows,
    })
}

/// The typed cell of a CSV value: empty stays empty, the rest follows the column's type.
fn cell(column: &SheetColumn, value: &str) -> Result<Cell, &'static str> {
    if value.is_empty() {
        return Ok(Cell::Empty);
    }
    Ok(match column.column_type {
        ColumnType::String => Cell::Text(value.to_string()),
        ColumnType::Integer => Cell::Integer(value.parse().map_err(|_| "integer")?),
        ColumnType::Boolean => Cell::Boolean(match value {
            "true" => true,
            "false" => false,
            _ => return Err("boolean"),
        }),
        ColumnType::Date => Cell::Date(value.parse().map_err(|_| "date")?),
    })
}

/// Characters of the longest line of a cell as shown (a bold header is a little wider).
fn shown_width(cell: &Cell) -> f64 {
    let longest = |s: &str| s.lines().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    match cell {
        Cell::Empty => 0.0,
        Cell::Text(s) => longest(s) + 1.0,
        Cell::Heading(s) => longest(s) * 1.1 + 3.0,
        Cell::Integer(n) => n.to_string().len() as f64 + 1.0,
        Cell::Boolean(_) => 6.0,
        Cell::Date(_) => 11.0,
    }
}

#[cfg(test)]
mod tests;
