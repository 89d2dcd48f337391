//! Installing file trees all or nothing. Each tree is written into a fresh sibling directory
//! (`exports.tmp-<pid>`), then every file and directory fsynced; only when *every* tree is
//! staged are they swapped in, and the old ones removed. On Linux the swap is one atomic exchange
//! (`renameat2(RENAME_EXCHANGE)`), so that `exports` is at every instant a complete tree, the
//! previous or the new one, even if the process is killed; elsewhere, or on a file system that
//! cannot exchange, it takes two renames (`exports` → `exports.old-<pid>`, `exports.tmp-<pid>`
//! → `exports`). Any error before the swap removes the staged trees and leaves the previous
//! export untouched; an error during the swap puts back what was already swapped. Each tree is
//! swapped on its own: a kill between the two swaps leaves a new `exports` beside the previous
//! `schemas`, both complete, until the next export.
//!
//! A killed export leaves its `exports.tmp-<pid>` (or `.old-<pid>`) behind; the next export
//! removes those of processes that no longer run.
//!
//! A directory is only ever replaced if it is missing, empty, or holds a previous export (its
//! marker file is there): a mistyped `--out .` must not delete a working tree.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::ExportError;
use super::files::FileTree;
use crate::corpus::parallel::schedule;

/// A tree to install at `dir`.
pub struct Target<'a> {
    pub dir: &'a Path,
    pub tree: &'a FileTree,
    /// A file every previous export of this tree holds, which marks `dir` as replaceable.
    pub marker: &'a str,
}

/// Writes every target, or none.
pub fn install(targets: &[Target<'_>]) -> Result<(), ExportError> {
    // Swapping a tree would carry away another one staged inside it.
    for (i, a) in targets.iter().enumerate() {
        for b in &targets[i + 1..] {
            let (a_dir, b_dir) = (absolute(a.dir)?, absolute(b.dir)?);
            if a_dir.starts_with(&b_dir) || b_dir.starts_with(&a_dir) {
                return Err(ExportError::Overlap(
                    a.dir.to_path_buf(),
                    b.dir.to_path_buf(),
                ));
            }
        }
    }
    let mut staged = Vec::new();
    let mut written = Vec::new();
    for target in targets {
        match stage(target) {
            Ok((stage, files)) => {
                staged.push(stage);
                written.push(files);
            }
            Err(error) => {
                staged.iter().for_each(Staged::discard);
                return Err(error);
            }
        }
    }
    if let Err(error) = make_durable(&written) {
        staged.iter().for_each(Staged::discard);
        return Err(error);
    }
    let mut swapped: Vec<Swapped> = Vec::new();
    for (i, stage) in staged.iter().enumerate() {
        match stage.swap() {
            Ok(done) => swapped.push(done),
            Err(error) => {
                // Put back what was already swapped, newest first, and drop the rest.
                for done in swapped.iter().rev() {
                    done.undo();
                }
                staged[i..].iter().for_each(Staged::discard);
                return Err(error);
            }
        }
    }
    for done in &swapped {
        done.finish()?;
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf, ExportError> {
    std::path::absolute(path).map_err(io(path))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// `exports` → (`.`, `exports`); the parent of a bare name is the current directory.
fn split(dir: &Path) -> Result<(PathBuf, String), ExportError> {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| ExportError::UnsafePath(dir.display().to_string()))?
        .to_string();
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

/// A tree written aside, waiting to be swapped in.
struct Staged {
    dir: PathBuf,
    temp: PathBuf,
    parent: PathBuf,
    old: PathBuf,
}

/// Writes `target`'s tree aside; it is durable only after [`make_durable`].
fn stage(target: &Target<'_>) -> Result<(Staged, Written), ExportError> {
    let (parent, name) = split(target.dir)?;
    check_replaceable(target.dir, target.marker)?;
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    remove_leftovers(&parent, &name);
    let pid = std::process::id();
    let staged = Staged {
        dir: target.dir.to_path_buf(),
        temp: parent.join(format!("{name}.tmp-{pid}")),
        old: parent.join(format!("{name}.old-{pid}")),
        parent,
    };
    match staged.write(target.tree) {
        Ok(written) => Ok((staged, written)),
        Err(error) => {
            staged.discard();
            Err(error)
        }
    }
}

/// What [`Staged::write`] wrote, still to be made durable.
struct Written {
    files: Vec<(PathBuf, File)>,
    /// Every directory created, parents before children.
    directories: Vec<PathBuf>,
}

/// Syncs every written file, then every directory, children before parents. The files are
/// synced from several threads: one after the other, each fsync waited for the disk alone (on
/// the real export, ~100 of them were a quarter of the command's time). The directories are
/// few and come last, once the files they name are durable.
fn make_durable(written: &[Written]) -> Result<(), ExportError> {
    const THREADS: usize = 8;
    let files: Vec<&(PathBuf, File)> = written.iter().flat_map(|w| &w.files).collect();
    let threads = THREADS.min(files.len()).max(1);
    schedule(files.len(), threads, |k| {
        let (path, file) = files[k];
        file.sync_all().map_err(io(path))
    })
    .into_iter()
    .collect::<Result<(), _>>()?;
    for directory in written.iter().flat_map(|w| w.directories.iter().rev()) {
        sync_dir(directory)?;
    }
    Ok(())
}

/// Refuses to replace anything that is not a directory holding a previous export.
fn check_replaceable(dir: &Path, marker: &str) -> Result<(), ExportError> {
    let metadata = match fs::symlink_metadata(dir) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(io(dir)(error)),
    };
    if !metadata.is_dir() {
        return Err(ExportError::NotADirectory(dir.to_path_buf()));
    }
    let empty = fs::read_dir(dir).map_err(io(dir))?.next().is_none();
    if empty || dir.join(marker).is_file() {
        Ok(())
    } else {
        Err(ExportError::NotAnExport {
            path: dir.to_path_buf(),
            marker: marker.to_string(),
        })
    }
}

impl Staged {
    fn write(&self, tree: &FileTree) -> Result<Written, ExportError> {
        fs::create_dir(&self.temp).map_err(io(&self.temp))?;
        let mut directories = vec![self.temp.clone()];
        let mut files = Vec::new();
        for (relative, file) in tree.iter() {
            let path = self.temp.join(safe_relative(relative)?);
            if let Some(parent) = path.parent()
                && !parent.exists()
            {
                fs::create_dir_all(parent).map_err(io(parent))?;
                directories.push(parent.to_path_buf());
            }
            let mut out = File::create(&path).map_err(io(&path))?;
            out.write_all(&file.bytes).map_err(io(&path))?;
            files.push((path, out));
        }
        Ok(Written { files, directories })
    }

    /// Swaps the staged tree in place of the current one.
    fn swap(&self) -> Result<Swapped, ExportError> {
        let had_previous = self.dir.exists();
        if had_previous && exchange(&self.temp, &self.dir).map_err(io(&self.dir))? {
            sync_dir(&self.parent)?;
            return Ok(Swapped {
                dir: self.dir.clone(),
                temp: self.temp.clone(),
                old: Some(self.temp.clone()),
                exchanged: true,
            });
        }
        if had_previous {
            if self.old.exists() {
                fs::remove_dir_all(&self.old).map_err(io(&self.old))?;
            }
            fs::rename(&self.dir, &self.old).map_err(io(&self.dir))?;
        }
        if let Err(error) = fs::rename(&self.temp, &self.dir) {
            if had_previous {
                let _ = fs::rename(&self.old, &self.dir);
            }
            return Err(io(&self.dir)(error));
        }
        sync_dir(&self.parent)?;
        Ok(Swapped {
            dir: self.dir.clone(),
            temp: self.temp.clone(),
            old: had_previous.then(|| self.old.clone()),
            exchanged: false,
        })
    }

    /// Removes the staged tree (best effort: it is only ever a sibling temporary directory).
    fn discard(&self) {
        let _ = fs::remove_dir_all(&self.temp);
    }
}

/// A tree swapped in, whose previous version is still kept aside.
struct Swapped {
    dir: PathBuf,
    temp: PathBuf,
    /// Where the previous tree now is: `temp` after an exchange, `exports.old-<pid>` after two
    /// renames; `None` if there was none.
    old: Option<PathBuf>,
    exchanged: bool,
}

impl Swapped {
    /// Puts the previous tree back (best effort: called while already reporting an error).
    fn undo(&self) {
        if self.exchanged {
            if exchange(&self.temp, &self.dir).unwrap_or(false) {
                let _ = fs::remove_dir_all(&self.temp);
            }
            return;
        }
        if fs::rename(&self.dir, &self.temp).is_ok() {
            if let Some(old) = &self.old {
                let _ = fs::rename(old, &self.dir);
            }
            let _ = fs::remove_dir_all(&self.temp);
        }
    }

    /// Removes the previous tree.
    fn finish(&self) -> Result<(), ExportError> {
        match &self.old {
            Some(old) => fs::remove_dir_all(old).map_err(io(old)),
            None => Ok(()),
        }
    }
}

/// Removes what interrupted exports left beside `parent/name`: `name.tmp-<pid>` (a partial tree,
/// or after an exchange the previous one) and `name.old-<pid>` (a previous tree), for processes
/// that no longer run (a running one may be another export at work). If a run was killed
/// between the two renames of the fallback swap, `name` is missing and its `.old-<pid>` is the
/// previous export: that one is put back rather than removed. Best effort: a leftover that
/// cannot be removed only takes room, and is tried again next time.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let dir = parent.join(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|f| f.strip_prefix(name)) else {
            continue;
        };
        let (kind, pid) = match (rest.strip_prefix(".tmp-"), rest.strip_prefix(".old-")) {
            (Some(pid), _) => ("tmp", pid),
            (_, Some(pid)) => ("old", pid),
            _ => continue,
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if is_running(pid) && pid != std::process::id() {
            continue;
        }
        if kind == "old" && !dir.exists() && fs::rename(entry.path(), &dir).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(entry.path());
    }
}

/// Whether a process with this id runs (Linux: it has a `/proc` entry). Elsewhere, assumed not:
/// leftovers are removed.
fn is_running(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

/// Exchanges two existing paths in one atomic step (`renameat2` with `RENAME_EXCHANGE`, Linux
/// 3.15 and glibc 2.28 on): no instant, and no crash, sees `b` missing. `Ok(false)` where the
/// file system or the kernel cannot, and the caller falls back to two renames.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::{CString, c_char, c_int, c_uint};
    use std::os::unix::ffi::OsStrExt;

    unsafe extern "C" {
        fn renameat2(
            olddirfd: c_int,
            oldpath: *const c_char,
            newdirfd: c_int,
            newpath: *const c_char,
            flags: c_uint,
        ) -> c_int;
    }
    const AT_FDCWD: c_int = -100;
    const RENAME_EXCHANGE: c_uint = 1 << 1;
    const EINVAL: i32 = 22;
    const ENOSYS: i32 = 38;
    const EOPNOTSUPP: i32 = 95;

    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are NUL-terminated strings that live until the call returns, which
    // only reads them; AT_FDCWD makes relative paths relative to the working directory, as in
    // `fs::rename`.
    let result = unsafe { renameat2(AT_FDCWD, a.as_ptr(), AT_FDCWD, b.as_ptr(), RENAME_EXCHANGE) };
    if result == 0 {
        return Ok(true);
    }
    let error = std::io::Error::last_os_error();
    match error.raw_os_error() {
        Some(EINVAL | ENOSYS | EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// A path of the tree as a relative path that stays inside it.
fn safe_relative(relative: &str) -> Result<&Path, ExportError> {
    let path = Path::new(relative);
    if path.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(path)
    } else {
        Err(ExportError::UnsafePath(relative.to_string()))
    }
}

/// Makes a directory's entries durable (file renames and creations live in the directory).
fn sync_dir(dir: &Path) -> Result<(), ExportError> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
