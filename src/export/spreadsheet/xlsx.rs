//! The Office Open XML writer (`.xlsx`), with rust_xlsxwriter.

use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, RowNum, Workbook as XlsxWorkbook,
    XlsxError,
};

use super::{Cell, Sheet, SpreadsheetError, Workbook};

/// The bytes of the workbook as `.xlsx`. rust_xlsxwriter dates every zip entry 1980-01-01; the
/// only clock it reads is the document's creation date, set here to the publication's.
pub fn xlsx(workbook: &Workbook) -> Result<Vec<u8>, SpreadsheetError> {
    let mut book = XlsxWorkbook::new();
    let created = ExcelDateTime::from_ymd(
        workbook.created.year().unsigned_abs(),
        workbook.created.month().unsigned_abs(),
        workbook.created.day().unsigned_abs(),
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&workbook.title)
            .set_author(&workbook.author)
            .set_creation_datetime(&created),
    );
    let formats = Formats::new();
    for sheet in &workbook.sheets {
        write_sheet(book.add_worksheet(), sheet, &formats)?;
    }
    Ok(book.save_to_buffer()?)
}

struct Formats {
    plain: Format,
    wrap: Format,
    heading: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        let top = Format::new().set_align(FormatAlign::Top);
        Formats {
            wrap: top.clone().set_text_wrap(),
            heading: top.clone().set_bold(),
            // The CSV's form, which every locale reads the same way.
            date: top.clone().set_num_format("yyyy-mm-dd"),
            plain: top,
        }
    }
}

fn write_sheet(
    worksheet: &mut rust_xlsxwriter::Worksheet,
    sheet: &Sheet,
    formats: &Formats,
) -> Result<(), SpreadsheetError> {
    worksheet.set_name(&sheet.name)?;
    for (col, width) in sheet.widths.iter().enumerate() {
        let col = col_num(col)?;
        worksheet.set_column_width(col, *width)?;
    }
    for (row, cells) in sheet.rows.iter().enumerate() {
        let row = row_num(row)?;
        for (col, cell) in cells.iter().enumerate() {
            let wrap = sheet.wrap.get(col).copied().unwrap_or(false);
            let col = col_num(col)?;
            let text = if wrap { &formats.wrap } else { &formats.plain };
            match cell {
                Cell::Empty => {}
                // A string cell, never a formula, whatever it starts with.
                Cell::Text(s) => {
                    worksheet.write_string_with_format(row, col, s, text)?;
                }
                Cell::Heading(s) => {
                    worksheet.write_string_with_format(row, col, s, &formats.heading)?;
                }
                Cell::Integer(n) => {
                    // Counts and ranks: far below 2^53, exact as a double.
                    worksheet.write_number_with_format(row, col, *n as f64, &formats.plain)?;
                }
                Cell::Boolean(b) => {
                    worksheet.write_boolean_with_format(row, col, *b, &formats.plain)?;
                }
                Cell::Date(d) => {
                    let date = ExcelDateTime::from_ymd(
                        d.year().unsigned_abs(),
                        d.month().unsigned_abs(),
                        d.day().unsigned_abs(),
                    )?;
                    worksheet.write_datetime_with_format(row, col, &date, &formats.date)?;
                }
            }
        }
    }
    if sheet.header {
        worksheet.set_freeze_panes(1, 0)?;
        let last_row = row_num(sheet.rows.len().saturating_sub(1))?;
        let last_col = col_num(sheet.widths.len().saturating_sub(1))?;
        worksheet.autofilter(0, 0, last_row, last_col)?;
    }
    Ok(())
}

fn row_num(row: usize) -> Result<RowNum, SpreadsheetError> {
    RowNum::try_from(row).map_err(|_| XlsxError::RowColumnLimitError.into())
}

fn col_num(col: usize) -> Result<ColNum, SpreadsheetError> {
    ColNum::try_from(col).map_err(|_| XlsxError::RowColumnLimitError.into())
}
