//! Which files a run reads: the paths as given, folders walked recursively
//! with their article files in sorted order. Every entry is examined before
//! it is opened: a FIFO, socket or device is not read (it could block the
//! run forever), and a folder that cannot be listed is an error naming it,
//! never a silent gap.

use super::InputError;
use std::collections::HashSet;
use std::fs::{FileType, Metadata};
use std::path::{Path, PathBuf};

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
                out.push(Err(InputError::new(p, None, "no such file or folder")));
            }
            Err(e) => out.push(Err(InputError::new(
                p,
                None,
                format!("cannot examine: {e}"),
            ))),
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
        Err(InputError::new(
            path,
            None,
            format!("not a regular file ({}): skipped", kind(&m.file_type())),
        ))
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
/// path. Iterative, and each folder is listed once (a symbolic link back to
/// an ancestor does not loop).
fn walk(root: &Path) -> Vec<Result<PathBuf, InputError>> {
    let mut found: Vec<(PathBuf, Option<InputError>)> = Vec::new();
    let mut seen = HashSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        if let Ok(c) = std::fs::canonicalize(&dir) {
            if !seen.insert(c) {
                continue;
            }
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                let err = InputError::new(&dir, None, format!("cannot read folder: {e}"));
                found.push((dir, Some(err)));
                continue;
            }
        };
        for entry in entries {
            let (p, is_dir) = match entry {
                Ok(entry) => (entry.path(), entry.file_type().is_ok_and(|t| t.is_dir())),
                Err(e) => {
                    let err = InputError::new(&dir, None, format!("cannot read folder: {e}"));
                    found.push((dir.clone(), Some(err)));
                    break;
                }
            };
            let wanted = ARTICLE_EXTENSIONS.contains(&super::ext(&p).as_str());
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => pending.push(p),
                Ok(m) if wanted => {
                    let err = regular(&p, &m).err();
                    found.push((p, err));
                }
                Err(e) if wanted || is_dir => {
                    let err = InputError::new(&p, None, format!("cannot examine: {e}"));
                    found.push((p, Some(err)));
                }
                _ => {}
            }
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
