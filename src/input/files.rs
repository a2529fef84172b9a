//! Which files a run reads: the paths as given, folders walked recursively
//! with their article files in sorted order. Every entry is examined before
//! it is opened: a FIFO, socket or device is not read (it could block the
//! run forever), and a folder that cannot be listed is an error naming it,
//! never a silent gap.

use super::{InputError, Place};
use std::collections::HashSet;
use std::fs::{FileType, Metadata};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The extensions of the files a folder walk reads.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "html", "htm", "jsonl"];

/// Expands folders into the files to read, in sorted order. A path that does
/// not exist, cannot be examined, is not a regular file, or a folder that
/// cannot be listed, is an error in the list, in its place.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.push(Err(InputError::NotFound {
                    at: Place::new(p, None),
                }));
            }
            Err(e) => out.push(Err(InputError::Unreadable {
                at: Place::new(p, None),
                doing: "cannot examine",
                reason: e.to_string(),
            })),
            Ok(m) if m.is_dir() => out.extend(walk(p)),
            Ok(m) => out.push(regular(p, &m).map(|()| p.clone())),
        }
    }
    out
}

/// Ok for a regular file; an error naming what else it is.
pub(super) fn regular(path: &Path, m: &Metadata) -> Result<(), InputError> {
    if m.is_file() {
        Ok(())
    } else {
        Err(InputError::NotRegular {
            at: Place::new(path, None),
            kind: kind(&m.file_type()),
        })
    }
}

fn kind(t: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// The article files under `root` and the errors met on the way, sorted by
/// path. Links are followed, and each folder is listed once (a symbolic link
/// back to an ancestor, or a second link to a folder, is not walked again).
fn walk(root: &Path) -> Vec<Result<PathBuf, InputError>> {
    let mut found: Vec<(PathBuf, Option<InputError>)> = Vec::new();
    let mut seen = HashSet::new();
    let mut entries = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            // The link back was met on the way down: that folder is listed.
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => {
                found.extend(walk_error(root, &e));
                continue;
            }
        };
        let p = entry.path();
        if entry.file_type().is_dir() {
            let again = std::fs::canonicalize(p).is_ok_and(|c| !seen.insert(c));
            if again {
                entries.skip_current_dir();
            }
        } else if wanted(p) {
            let err = match entry.metadata() {
                Ok(m) => regular(p, &m).err(),
                Err(e) => Some(examine_error(p, &e)),
            };
            found.push((entry.into_path(), err));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
        .into_iter()
        .map(|(p, err)| match err {
            Some(e) => Err(e),
            None => Ok(p),
        })
        .collect()
}

/// Whether a folder walk reads this file.
fn wanted(p: &Path) -> bool {
    ARTICLE_EXTENSIONS.contains(&super::ext(p).as_str())
}

/// A folder that could not be listed, or an article file (or folder) that
/// could not be examined; other files that cannot be examined are not read
/// anyway.
fn walk_error(root: &Path, e: &walkdir::Error) -> Option<(PathBuf, Option<InputError>)> {
    let p = e.path().unwrap_or(root).to_path_buf();
    let is_dir = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir());
    let listing = is_dir && std::fs::metadata(&p).is_ok_and(|m| m.is_dir());
    let err = if listing {
        InputError::Unreadable {
            at: Place::new(&p, None),
            doing: "cannot read folder",
            reason: io_message(e),
        }
    } else if wanted(&p) || is_dir {
        examine_error(&p, e)
    } else {
        return None;
    };
    Some((p, Some(err)))
}

fn examine_error(p: &Path, e: &walkdir::Error) -> InputError {
    InputError::Unreadable {
        at: Place::new(p, None),
        doing: "cannot examine",
        reason: io_message(e),
    }
}

/// The operating system's words for a walk error.
fn io_message(e: &walkdir::Error) -> String {
    match e.io_error() {
        Some(io) => io.to_string(),
        None => e.to_string(),
    }
}
