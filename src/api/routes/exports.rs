//! The published files: `/exports/{path}` serves them (ranges, validators, HEAD) and
//! `/api/v1/exports` lists them with their size and SHA-256.
//!
//! The directory may be regenerated while the service runs, so it is read on each request;
//! checksums are cached until a file's size or modification time changes.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header;
use actix_web::mime::Mime;
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

use super::render_json;
use crate::api::caching::{Body, Reply};
use crate::api::error::ApiError;
use crate::api::openapi::{BadRequest, NotFound, RangeNotSatisfiable};
use crate::api::state::{AppState, CachedSum};
use crate::api::views::{ExportFile, ExportList};

/// The media type a file is served with, from its name.
pub fn media_type(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name == "SHA256SUMS" {
        return "text/plain; charset=utf-8";
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => crate::export::spreadsheet::XLSX_MEDIA_TYPE,
        "ods" => crate::export::spreadsheet::ODS_MEDIA_TYPE,
        "db" => crate::export::sqlite::SQLITE_MEDIA_TYPE,
        "parquet" => crate::export::parquet::PARQUET_MEDIA_TYPE,
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "ttl" => "text/turtle; charset=utf-8",
        "nt" => "application/n-triples",
        "rdf" => "application/rdf+xml",
        "md" => "text/markdown; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "xml" => "application/xml",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        _ => "application/octet-stream",
    }
}

/// Whether a served file is rebased (see `Publication::rebase`): text files only. Replacing the
/// base URL by one of another length inside a database, a Parquet file or an archive would
/// corrupt it; the URLs they hold stay the published ones.
fn rebased(path: &Path) -> bool {
    !matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("db" | "parquet" | "xlsx" | "ods" | "zip" | "gz")
    )
}

/// The file `tail` names inside `dir`, if it is a regular file inside it. Refuses empty, `.`,
/// `..` and hidden segments, and anything that leaves the directory once symbolic links are
/// resolved.
pub(crate) fn resolve(dir: &Path, tail: &str) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for segment in tail.split('/') {
        let unsafe_segment =
            segment.is_empty() || segment.starts_with('.') || segment.contains(['\\', '\0', ':']);
        if unsafe_segment {
            return None;
        }
        relative.push(segment);
    }
    let root = dir.canonicalize().ok()?;
    let full = root.join(relative).canonicalize().ok()?;
    (full.starts_with(&root) && full.is_file()).then_some(full)
}

/// Un fichier des exports
///
/// Le fichier tel que publié, avec son type de média (CSV en UTF-8, JSON, Turtle, N-Triples,
/// JSON-LD, RDF/XML, Markdown, SHA256SUMS, base SQLite, Parquet). Accepte les requêtes partielles (Range), HEAD et
/// les requêtes conditionnelles (ETag, Last-Modified).
#[utoipa::path(
    get,
    path = "/exports/{path}",
    tag = "Exports",
    operation_id = "getExportFile",
    params(("path" = String, Path, description = "Chemin du fichier dans les exports, tel que listé par /api/v1/exports.", example = "README.md")),
    responses(
        (status = 200, description = "Le fichier.", content(
            ("text/csv"), ("application/json"), ("text/turtle"), ("application/n-triples"),
            ("application/ld+json"), ("application/rdf+xml"), ("text/markdown"), ("text/plain"),
            ("application/vnd.sqlite3"), ("application/vnd.apache.parquet"))),
        (status = 206, description = "La plage demandée du fichier (en-tête Range).", content(
            ("text/csv"), ("application/json"), ("text/turtle"), ("application/n-triples"),
            ("application/ld+json"), ("application/rdf+xml"), ("text/markdown"), ("text/plain"),
            ("application/vnd.sqlite3"), ("application/vnd.apache.parquet")),
            headers(("Content-Range" = String, description = "La plage envoyée et la taille du fichier : « bytes 0-99/1234 »."))),
        (status = 404, response = NotFound),
        (status = 416, response = RangeNotSatisfiable),
    )
)]
pub async fn file(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let not_found = || {
        ApiError::not_found(
            format!("Aucun fichier « {path} » dans les exports."),
            Some(state.url("/api/v1/exports")),
        )
    };
    let full = resolve(&state.exports_dir, &path).ok_or_else(not_found)?;
    // `Last-Modified` says when the file's *content* last changed: the release from which its
    // bytes are unchanged, never the time the export was written. A file not (yet) released
    // as it is has none: its ETag validates it.
    let last_modified = content_date(&state, &path)
        .await
        .map(crate::release::dates::http_date);
    // A local run serves the files with its own base (see `Publication::rebase`); the others
    // are served straight from disk, with ranges and `Last-Modified`.
    if state.publication.base_url != state.publication.published_base_url && rebased(&full) {
        let worker_state = state.clone();
        let worker_path = full.clone();
        let rebased = web::block(move || {
            std::fs::read(&worker_path).map(|bytes| match worker_state.publication.rebase(&bytes) {
                std::borrow::Cow::Owned(rebased) => Some(rebased),
                std::borrow::Cow::Borrowed(_) => None,
            })
        })
        .await
        .map_err(ApiError::internal)?
        .map_err(|_| not_found())?;
        if let Some(rebased) = rebased {
            let mut reply = Reply::new(media_type(&full), Body::Full(rebased.into()));
            if let Some(date) = last_modified {
                reply = reply.header(header::LAST_MODIFIED, date);
            }
            return Ok(reply.respond(&req));
        }
    }
    let mime: Mime = media_type(&full)
        .parse()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("media type: {e:?}")))?;
    let opened = web::block(move || NamedFile::open(full))
        .await
        .map_err(ApiError::internal)?;
    let file = opened.map_err(|_| not_found())?;
    let mut response = file
        .set_content_type(mime)
        .use_etag(true)
        .use_last_modified(false)
        .into_response(&req);
    if let Some(value) = last_modified.and_then(|d| header::HeaderValue::from_str(&d).ok()) {
        response.headers_mut().insert(header::LAST_MODIFIED, value);
    }
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("public, max-age=300"),
    );
    Ok(response)
}

/// The date of the release from which the export file at `relative` has its current bytes.
async fn content_date(state: &web::Data<AppState>, relative: &str) -> Option<jiff::civil::Date> {
    let worker_state = state.clone();
    let relative = relative.to_string();
    web::block(move || {
        // The bytes as written (a local run serves them rebased, but released them as written).
        let full = resolve(&worker_state.exports_dir, &relative)?;
        let sha256 = crate::export::sha256_hex(&std::fs::read(full).ok()?);
        worker_state.dating.file_date(&relative, &sha256)
    })
    .await
    .ok()
    .flatten()
}

/// Fichiers des exports
///
/// Tous les fichiers publiés, par chemin : taille, empreinte SHA-256, type de média et adresse
/// de téléchargement.
#[utoipa::path(
    get,
    path = "/api/v1/exports",
    tag = "Exports",
    operation_id = "listExports",
    responses(
        (status = 200, description = "Les fichiers publiés.", body = ExportList),
        (status = 400, response = BadRequest),
    )
)]
pub async fn list(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let worker_state = state.clone();
    let files = web::block(move || list_files(&worker_state))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
    let list = ExportList {
        total: files.len(),
        data: files,
    };
    render_json(&req, &list)
}

/// Every regular, non-hidden file under the exports directory, by path. A missing directory
/// is an empty list: the exports may not have been generated yet.
pub(crate) fn list_files(state: &AppState) -> std::io::Result<Vec<ExportFile>> {
    let root = &state.exports_dir;
    let mut paths = Vec::new();
    if root.is_dir() {
        collect(root, &mut paths)?;
    }
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let relative: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let metadata = std::fs::metadata(&path)?;
        let (size, sha256) = checksum(state, &path, &metadata)?;
        let encoded: Vec<String> = relative.iter().map(|s| encode_segment(s)).collect();
        files.push(ExportFile {
            path: relative.join("/"),
            size,
            sha256,
            media_type: media_type(&path).to_string(),
            url: state.url(&format!("/exports/{}", encoded.join("/"))),
        });
    }
    Ok(files)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(&entry.path(), out)?;
        } else if kind.is_file() {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// Size and SHA-256 of the export file at `relative` (`rdf/corpus.ttl`) as this service serves
/// it; `None` when there is no such file.
pub(crate) fn served_sum(state: &AppState, relative: &str) -> Option<(u64, String)> {
    let path = resolve(&state.exports_dir, relative)?;
    let metadata = std::fs::metadata(&path).ok()?;
    checksum(state, &path, &metadata).ok()
}

/// Size and SHA-256 of a file as served (rebased for a local run), cached until the file's
/// size or modification time changes.
fn checksum(
    state: &AppState,
    path: &Path,
    metadata: &std::fs::Metadata,
) -> std::io::Result<(u64, String)> {
    let modified = metadata.modified().ok();
    let size = metadata.len();
    if let Ok(cache) = state.export_sums.lock()
        && let Some(cached) = cache.get(path)
        && cached.size == size
        && cached.modified == modified
    {
        return Ok((cached.served_size, cached.sha256.clone()));
    }
    let mut hasher = Sha256::new();
    let served_size =
        if state.publication.base_url == state.publication.published_base_url || !rebased(path) {
            // Read in blocks: a file of the ×1000 corpus is hundreds of MB (sha2 0.11 has no
            // io::Write for io::copy).
            let mut file = std::fs::File::open(path)?;
            let mut block = vec![0u8; 64 * 1024];
            let mut size = 0u64;
            loop {
                match std::io::Read::read(&mut file, &mut block) {
                    Ok(0) => break size,
                    Ok(read) => {
                        hasher.update(&block[..read]);
                        size += read as u64;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            }
        } else {
            let bytes = std::fs::read(path)?;
            let served = state.publication.rebase(&bytes);
            hasher.update(&served);
            served.len() as u64
        };
    let sha256: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if let Ok(mut cache) = state.export_sums.lock() {
        cache.insert(
            path.to_path_buf(),
            CachedSum {
                size,
                modified,
                served_size,
                sha256: sha256.clone(),
            },
        );
    }
    Ok((served_size, sha256))
}

/// Percent-encodes a path segment for a URL (RFC 3986 unreserved characters stay).
fn encode_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_follow_the_extension() {
        assert_eq!(
            media_type(Path::new("csv/items.csv")),
            "text/csv; charset=utf-8"
        );
        assert_eq!(
            media_type(Path::new("rdf/corpus.ttl")),
            "text/turtle; charset=utf-8"
        );
        assert_eq!(
            media_type(Path::new("rdf/corpus.nt")),
            "application/n-triples"
        );
        assert_eq!(
            media_type(Path::new("SHA256SUMS")),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            media_type(Path::new("xlsx/corpus.xlsx")),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert_eq!(
            media_type(Path::new("ods/corpus.ods")),
            "application/vnd.oasis.opendocument.spreadsheet"
        );
    }

    #[test]
    fn paths_cannot_leave_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "x").unwrap();
        assert!(resolve(dir.path(), "a.csv").is_some());
        for bad in [
            "",
            "../a.csv",
            "x/../a.csv",
            ".hidden",
            "/etc/passwd",
            "a.csv/",
            "..%2fa",
        ] {
            assert!(resolve(dir.path(), bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(encode_segment("é t.csv"), "%C3%A9%20t.csv");
    }
}
