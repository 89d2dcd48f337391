//! Installing file trees all or nothing. Each tree is written into a fresh sibling directory
//! (`exports.tmp-<pid>`), every file and directory fsynced; only when *every* tree is staged are
//! they swapped in by renames (`exports` → `exports.old-<pid>`, `exports.tmp-<pid>` → `exports`),
//! and the old ones removed. Any error before the swap removes the staged trees and leaves the
//! previous export untouched; an error during the swap renames back what was already swapped.
//!
//! A directory is only ever replaced if it is missing, empty, or holds a previous export (its
//! marker file is there): a mistyped `--out .` must not delete a working tree.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use super::ExportError;
use super::files::FileTree;

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
    for target in targets {
        match stage(target) {
            Ok(stage) => staged.push(stage),
            Err(error) => {
                staged.iter().for_each(Staged::discard);
                return Err(error);
            }
        }
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

fn stage(target: &Target<'_>) -> Result<Staged, ExportError> {
    let (parent, name) = split(target.dir)?;
    check_replaceable(target.dir, target.marker)?;
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let pid = std::process::id();
    let staged = Staged {
        dir: target.dir.to_path_buf(),
        temp: parent.join(format!("{name}.tmp-{pid}")),
        old: parent.join(format!("{name}.old-{pid}")),
        parent,
    };
    if let Err(error) = staged.write(target.tree) {
        staged.discard();
        return Err(error);
    }
    Ok(staged)
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
    fn write(&self, tree: &FileTree) -> Result<(), ExportError> {
        if self.temp.exists() {
            // Left by an interrupted run that had our pid: never part of a published tree.
            fs::remove_dir_all(&self.temp).map_err(io(&self.temp))?;
        }
        fs::create_dir(&self.temp).map_err(io(&self.temp))?;
        let mut directories = vec![self.temp.clone()];
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
            out.sync_all().map_err(io(&path))?;
        }
        for directory in directories.iter().rev() {
            sync_dir(directory)?;
        }
        Ok(())
    }

    /// Swaps the staged tree in place of the current one.
    fn swap(&self) -> Result<Swapped, ExportError> {
        let had_previous = self.dir.exists();
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
    old: Option<PathBuf>,
}

impl Swapped {
    /// Puts the previous tree back (best effort: called while already reporting an error).
    fn undo(&self) {
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
