//! The OpenDocument writer (`.ods`, ODF 1.3).
//!
//! Written here rather than with spreadsheet-ods, the one maintained ODS writer: it keeps styles
//! and namespaces in `std` hash maps, so two runs order them differently and the published file
//! would change on every export (tried with 1.0.4: two exports differed). What the workbook
//! needs is small: string, float, boolean and date cells, four cell styles, column widths, a
//! frozen header (LibreOffice's view settings) and a filter (a database range). The archive is written with the
//! zip crate, entries dated 1980-01-01, `mimetype` first and stored, as ODF requires.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{Cell, ODS_MEDIA_TYPE, SpreadsheetError, Workbook};
use crate::site::escape::escape_into;

/// Centimetres per character of the default 10 pt font, for column widths.
const CM_PER_CHAR: f64 = 0.2;

const NAMESPACES: &str = concat!(
    r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
    r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
    r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
    r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
    r#"xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" "#,
    r#"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#,
    r#"xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" "#,
    r#"xmlns:dc="http://purl.org/dc/elements/1.1/" "#,
    r#"xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" "#,
    // `ooo:view-settings` is a qualified name: LibreOffice ignores the set without this prefix.
    r#"xmlns:ooo="http://openoffice.org/2004/office" "#,
    r#"office:version="1.3""#,
);

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The bytes of the workbook as `.ods`.
pub fn ods(workbook: &Workbook) -> Result<Vec<u8>, SpreadsheetError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default());
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    zip.start_file("mimetype", stored)?;
    zip.write_all(ODS_MEDIA_TYPE.as_bytes())
        .map_err(zip::result::ZipError::Io)?;
    for (path, content) in [
        ("META-INF/manifest.xml", manifest()),
        ("meta.xml", meta(workbook)),
        ("settings.xml", settings(workbook)),
        ("content.xml", content(workbook)),
    ] {
        zip.start_file(path, deflated)?;
        zip.write_all(content.as_bytes())
            .map_err(zip::result::ZipError::Io)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn manifest() -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str(r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#);
    let _ = write!(
        out,
        r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{ODS_MEDIA_TYPE}"/>"#
    );
    for path in ["content.xml", "meta.xml", "settings.xml"] {
        let _ = write!(
            out,
            r#"<manifest:file-entry manifest:full-path="{path}" manifest:media-type="text/xml"/>"#
        );
    }
    out.push_str("</manifest:manifest>\n");
    out
}

fn meta(workbook: &Workbook) -> String {
    let mut out = String::from(XML_DECLARATION);
    let _ = write!(
        out,
        "<office:document-meta {NAMESPACES}><office:meta><meta:generator>congres-numerique/{}</meta:generator><dc:title>",
        env!("CARGO_PKG_VERSION")
    );
    escape_into(&mut out, &workbook.title);
    out.push_str("</dc:title><meta:initial-creator>");
    escape_into(&mut out, &workbook.author);
    let _ = writeln!(
        out,
        "</meta:initial-creator><meta:creation-date>{}T00:00:00</meta:creation-date><dc:language>fr-FR</dc:language></office:meta></office:document-meta>",
        workbook.created
    );
    out
}

/// LibreOffice's view settings: the header row of each data sheet frozen (a fixed split after
/// row 1: `VerticalSplitMode` 2, `VerticalSplitPosition` 1), the first sheet open; the other
/// items restate LibreOffice's defaults as it writes them. scripts/validate-spreadsheets.sh asks
/// LibreOffice itself whether the panes are frozen.
fn settings(workbook: &Workbook) -> String {
    let item = |out: &mut String, name: &str, kind: &str, value: &str| {
        let _ = write!(
            out,
            r#"<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>"#
        );
    };
    let zoom = [
        ("ZoomType", "short", "0"),
        ("ZoomValue", "int", "100"),
        ("PageViewZoomValue", "int", "60"),
        ("ShowGrid", "boolean", "true"),
    ];
    let mut out = String::from(XML_DECLARATION);
    let _ = write!(
        out,
        r#"<office:document-settings {NAMESPACES}><office:settings><config:config-item-set config:name="ooo:view-settings">"#
    );
    for (name, value) in [
        ("VisibleAreaTop", "0"),
        ("VisibleAreaLeft", "0"),
        ("VisibleAreaWidth", "2540"),
        ("VisibleAreaHeight", "1270"),
    ] {
        item(&mut out, name, "int", value);
    }
    out.push_str(
        r#"<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>"#,
    );
    item(&mut out, "ViewId", "string", "view1");
    out.push_str(r#"<config:config-item-map-named config:name="Tables">"#);
    for sheet in &workbook.sheets {
        let (mode, row) = if sheet.header { ("2", "1") } else { ("0", "0") };
        out.push_str(r#"<config:config-item-map-entry config:name=""#);
        escape_into(&mut out, &sheet.name);
        out.push_str(r#"">"#);
        for (name, kind, value) in [
            ("CursorPositionX", "int", "0"),
            ("CursorPositionY", "int", row),
            ("HorizontalSplitMode", "short", "0"),
            ("VerticalSplitMode", "short", mode),
            ("HorizontalSplitPosition", "int", "0"),
            ("VerticalSplitPosition", "int", row),
            ("ActiveSplitRange", "short", "2"),
            ("PositionLeft", "int", "0"),
            ("PositionRight", "int", "0"),
            ("PositionTop", "int", "0"),
            ("PositionBottom", "int", row),
        ]
        .into_iter()
        .chain(zoom)
        {
            item(&mut out, name, kind, value);
        }
        out.push_str("</config:config-item-map-entry>");
    }
    out.push_str("</config:config-item-map-named>");
    let mut first = String::new();
    if let Some(sheet) = workbook.sheets.first() {
        escape_into(&mut first, &sheet.name);
    }
    item(&mut out, "ActiveTable", "string", &first);
    for (name, kind, value) in zoom.into_iter().chain([
        ("HasColumnRowHeaders", "boolean", "true"),
        ("HasSheetTabs", "boolean", "true"),
    ]) {
        item(&mut out, name, kind, value);
    }
    out.push_str("</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>\n");
    out
}

/// Cell styles (automatic styles of content.xml).
const PLAIN: &str = "ce1";
const WRAP: &str = "ce2";
const HEADING: &str = "ce3";
const DATE: &str = "ce4";

fn content(workbook: &Workbook) -> String {
    // One column style per distinct width, named in order of first use.
    let mut widths: Vec<String> = Vec::new();
    let column_style = |widths: &mut Vec<String>, width: f64| -> usize {
        let width = format!("{:.2}cm", width * CM_PER_CHAR);
        match widths.iter().position(|w| *w == width) {
            Some(i) => i + 1,
            None => {
                widths.push(width);
                widths.len()
            }
        }
    };
    let mut body = String::new();
    let mut filters = String::new();
    let mut filter_count = 0;
    for sheet in &workbook.sheets {
        body.push_str(r#"<table:table table:name=""#);
        escape_into(&mut body, &sheet.name);
        body.push_str(r#"">"#);
        for (col, width) in sheet.widths.iter().enumerate() {
            let style = column_style(&mut widths, *width);
            let cells = if sheet.wrap.get(col).copied().unwrap_or(false) {
                WRAP
            } else {
                PLAIN
            };
            let _ = write!(
                body,
                r#"<table:table-column table:style-name="co{style}" table:default-cell-style-name="{cells}"/>"#
            );
        }
        for (index, cells) in sheet.rows.iter().enumerate() {
            // The header row is repeated on every printed page.
            let header = sheet.header && index == 0;
            if header {
                body.push_str("<table:table-header-rows>");
            }
            body.push_str("<table:table-row>");
            for (col, cell) in cells.iter().enumerate() {
                let wrap = sheet.wrap.get(col).copied().unwrap_or(false);
                write_cell(&mut body, cell, if wrap { WRAP } else { PLAIN });
            }
            body.push_str("</table:table-row>");
            if header {
                body.push_str("</table:table-header-rows>");
            }
        }
        body.push_str("</table:table>");
        if sheet.header {
            let mut name = String::new();
            escape_into(&mut name, &sheet.name.replace('\'', "''"));
            let _ = write!(
                filters,
                r#"<table:database-range table:name="__Anonymous_Sheet_DB__{}" table:target-range-address="'{name}'.A1:'{name}'.{}{}" table:display-filter-buttons="true"/>"#,
                filter_count,
                column_letters(sheet.widths.len().saturating_sub(1)),
                sheet.rows.len().max(1),
            );
            filter_count += 1;
        }
    }

    let mut out = String::from(XML_DECLARATION);
    let _ = write!(
        out,
        "<office:document-content {NAMESPACES}><office:automatic-styles>"
    );
    out.push_str(r#"<number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>"#);
    for (i, width) in widths.iter().enumerate() {
        let _ = write!(
            out,
            r#"<style:style style:name="co{}" style:family="table-column"><style:table-column-properties style:column-width="{width}"/></style:style>"#,
            i + 1
        );
    }
    let top = r#"<style:table-cell-properties style:vertical-align="top"/>"#;
    let _ = write!(
        out,
        r#"<style:style style:name="{PLAIN}" style:family="table-cell">{top}</style:style><style:style style:name="{WRAP}" style:family="table-cell"><style:table-cell-properties style:vertical-align="top" fo:wrap-option="wrap"/></style:style><style:style style:name="{HEADING}" style:family="table-cell">{top}<style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="{DATE}" style:family="table-cell" style:data-style-name="N1">{top}</style:style>"#
    );
    out.push_str("</office:automatic-styles><office:body><office:spreadsheet>");
    out.push_str(&body);
    if !filters.is_empty() {
        let _ = write!(
            out,
            "<table:database-ranges>{filters}</table:database-ranges>"
        );
    }
    out.push_str("</office:spreadsheet></office:body></office:document-content>\n");
    out
}

fn write_cell(out: &mut String, cell: &Cell, text_style: &str) {
    match cell {
        Cell::Empty => out.push_str("<table:table-cell/>"),
        Cell::Text(s) => {
            let _ = write!(
                out,
                r#"<table:table-cell table:style-name="{text_style}" office:value-type="string">"#
            );
            paragraphs(out, s);
            out.push_str("</table:table-cell>");
        }
        Cell::Heading(s) => {
            let _ = write!(
                out,
                r#"<table:table-cell table:style-name="{HEADING}" office:value-type="string">"#
            );
            paragraphs(out, s);
            out.push_str("</table:table-cell>");
        }
        Cell::Integer(n) => {
            let _ = write!(
                out,
                r#"<table:table-cell table:style-name="{PLAIN}" office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
            );
        }
        Cell::Boolean(b) => {
            let _ = write!(
                out,
                r#"<table:table-cell table:style-name="{PLAIN}" office:value-type="boolean" office:boolean-value="{b}"><text:p>{}</text:p></table:table-cell>"#,
                if *b { "VRAI" } else { "FAUX" }
            );
        }
        Cell::Date(d) => {
            let _ = write!(
                out,
                r#"<table:table-cell table:style-name="{DATE}" office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>"#
            );
        }
    }
}

/// A text as the paragraphs of a cell, one per line. ODF collapses runs of spaces and drops
/// tabs inside `<text:p>`, so they are written as `<text:s/>` and `<text:tab/>` to keep every
/// character of the text.
fn paragraphs(out: &mut String, text: &str) {
    for line in text.split('\n') {
        out.push_str("<text:p>");
        let mut after_space = true; // a leading space is collapsed too
        let mut plain = String::new();
        for c in line.chars() {
            match c {
                ' ' if after_space => {
                    escape_into(out, &plain);
                    plain.clear();
                    out.push_str("<text:s/>");
                }
                '\t' => {
                    escape_into(out, &plain);
                    plain.clear();
                    out.push_str("<text:tab/>");
                    after_space = false;
                    continue;
                }
                _ => plain.push(c),
            }
            after_space = c == ' ';
        }
        // A trailing space is dropped by readers: keep it as an explicit space.
        if plain.ends_with(' ') {
            plain.pop();
            escape_into(out, &plain);
            out.push_str("<text:s/>");
        } else {
            escape_into(out, &plain);
        }
        out.push_str("</text:p>");
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_the_spreadsheet_convention() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn spaces_and_tabs_survive_in_paragraphs() {
        let mut out = String::new();
        paragraphs(&mut out, " a  b\tc <d> \nsecond");
        assert_eq!(
            out,
            "<text:p><text:s/>a <text:s/>b<text:tab/>c &lt;d&gt;<text:s/></text:p><text:p>second</text:p>"
        );
    }
}
