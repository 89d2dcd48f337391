//! The formats of published files, each with its IANA media type and EU file-type: one table
//! drives the catalogue, the data.gouv.fr metadata and the `Content-Type` of `/exports/`.

/// A published file's format, known from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    /// Office Open XML workbook (Excel).
    Xlsx,
    /// OpenDocument spreadsheet (LibreOffice).
    Ods,
    /// SQLite database (Datasette, DB Browser).
    Sqlite,
    /// Apache Parquet (pandas, DuckDB, Spark).
    Parquet,
    Json,
    JsonLd,
    Turtle,
    NTriples,
    RdfXml,
    Markdown,
    Text,
}

impl FileFormat {
    pub const ALL: &'static [FileFormat] = &[
        FileFormat::Csv,
        FileFormat::Xlsx,
        FileFormat::Ods,
        FileFormat::Sqlite,
        FileFormat::Parquet,
        FileFormat::Json,
        FileFormat::JsonLd,
        FileFormat::Turtle,
        FileFormat::NTriples,
        FileFormat::RdfXml,
        FileFormat::Markdown,
        FileFormat::Text,
    ];

    /// By extension; anything unknown (`SHA256SUMS`) is plain text.
    pub fn from_path(path: &str) -> Self {
        let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match extension.as_deref() {
            Some("csv") => FileFormat::Csv,
            Some("xlsx") => FileFormat::Xlsx,
            Some("ods") => FileFormat::Ods,
            Some("db" | "sqlite" | "sqlite3") => FileFormat::Sqlite,
            Some("parquet") => FileFormat::Parquet,
            Some("json") => FileFormat::Json,
            Some("jsonld") => FileFormat::JsonLd,
            Some("ttl") => FileFormat::Turtle,
            Some("nt") => FileFormat::NTriples,
            Some("rdf") => FileFormat::RdfXml,
            Some("md") => FileFormat::Markdown,
            _ => FileFormat::Text,
        }
    }

    /// IANA media type, without parameters.
    pub fn media_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv",
            FileFormat::Xlsx => crate::export::spreadsheet::XLSX_MEDIA_TYPE,
            FileFormat::Ods => crate::export::spreadsheet::ODS_MEDIA_TYPE,
            FileFormat::Sqlite => crate::export::sqlite::SQLITE_MEDIA_TYPE,
            FileFormat::Parquet => crate::export::parquet::PARQUET_MEDIA_TYPE,
            FileFormat::Json => "application/json",
            FileFormat::JsonLd => "application/ld+json",
            FileFormat::Turtle => "text/turtle",
            FileFormat::NTriples => "application/n-triples",
            FileFormat::RdfXml => "application/rdf+xml",
            FileFormat::Markdown => "text/markdown",
            FileFormat::Text => "text/plain",
        }
    }

    /// `Content-Type` header value (text formats declare UTF-8).
    pub fn content_type(self) -> String {
        match self {
            FileFormat::Csv | FileFormat::Markdown | FileFormat::Text | FileFormat::Turtle => {
                format!("{}; charset=utf-8", self.media_type())
            }
            _ => self.media_type().to_string(),
        }
    }

    /// The EU Publications Office file-type IRI.
    pub fn eu_file_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "http://publications.europa.eu/resource/authority/file-type/CSV",
            FileFormat::Xlsx => "http://publications.europa.eu/resource/authority/file-type/XLSX",
            FileFormat::Ods => "http://publications.europa.eu/resource/authority/file-type/ODS",
            // We found no SQLite entry in the EU vocabulary: a binary file, which the media type
            // (application/vnd.sqlite3) then names.
            FileFormat::Sqlite => "http://publications.europa.eu/resource/authority/file-type/BIN",
            FileFormat::Parquet => {
                "http://publications.europa.eu/resource/authority/file-type/PARQUET"
            }
            FileFormat::Json => "http://publications.europa.eu/resource/authority/file-type/JSON",
            FileFormat::JsonLd => {
                "http://publications.europa.eu/resource/authority/file-type/JSON_LD"
            }
            FileFormat::Turtle => {
                "http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE"
            }
            FileFormat::NTriples => {
                "http://publications.europa.eu/resource/authority/file-type/RDF_N_TRIPLES"
            }
            FileFormat::RdfXml => {
                "http://publications.europa.eu/resource/authority/file-type/RDF_XML"
            }
            // The EU vocabulary has no Markdown entry: Markdown is plain text.
            FileFormat::Markdown | FileFormat::Text => {
                "http://publications.europa.eu/resource/authority/file-type/TXT"
            }
        }
    }

    /// Short label (the `format` of a data.gouv.fr resource).
    pub fn label(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
            FileFormat::Ods => "ods",
            FileFormat::Sqlite => "sqlite",
            FileFormat::Parquet => "parquet",
            FileFormat::Json => "json",
            FileFormat::JsonLd => "jsonld",
            FileFormat::Turtle => "ttl",
            FileFormat::NTriples => "nt",
            FileFormat::RdfXml => "rdf",
            FileFormat::Markdown => "md",
            FileFormat::Text => "txt",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FileFormat;

    #[test]
    fn formats_are_known_by_extension() {
        assert_eq!(FileFormat::from_path("csv/items.csv"), FileFormat::Csv);
        assert_eq!(
            FileFormat::from_path("rdf/corpus.jsonld"),
            FileFormat::JsonLd
        );
        assert_eq!(FileFormat::from_path("SHA256SUMS"), FileFormat::Text);
        assert_eq!(FileFormat::Csv.content_type(), "text/csv; charset=utf-8");
        assert_eq!(
            FileFormat::from_path("xlsx/corpus.xlsx").media_type(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert_eq!(
            FileFormat::from_path("ods/corpus.ods").eu_file_type(),
            "http://publications.europa.eu/resource/authority/file-type/ODS"
        );
        let sqlite = FileFormat::from_path("sqlite/congres-numerique.db");
        assert_eq!(sqlite.media_type(), "application/vnd.sqlite3");
        assert_eq!(sqlite.content_type(), "application/vnd.sqlite3");
        let parquet = FileFormat::from_path("parquet/items.parquet");
        assert_eq!(parquet.media_type(), "application/vnd.apache.parquet");
        assert_eq!(
            parquet.eu_file_type(),
            "http://publications.europa.eu/resource/authority/file-type/PARQUET"
        );
    }
}
