//! Extractions written by `extract --format resolved` (one [`Resolved`]
//! article a JSON line), read back for `ingest --extractions`: the merge
//! step of extracting articles apart and storing them together.

use crate::input::InputError;
use crate::resolve::Resolved;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Every extraction of the files, folders (their `.jsonl` files, recursively,
/// in sorted order) and `-` named, in order; a line that is not one is an
/// error naming its file and line, and the others are still read. An
/// extraction whose article id is in `taken` (the articles the same run
/// extracts) or an earlier extraction has is an error naming both; the
/// first is kept.
pub fn read_all(paths: &[PathBuf], taken: &[String]) -> Vec<Result<Resolved, InputError>> {
    let mut out = Vec::new();
    let mut first: HashMap<String, String> = taken
        .iter()
        .map(|id| (id.clone(), "an article of this run".to_string()))
        .collect();
    for p in paths {
        let is_dir = p.as_os_str() != "-" && p.is_dir();
        for f in crate::input::expand(std::slice::from_ref(p)) {
            match f {
                Ok(f) if is_dir && crate::input::ext(&f) != "jsonl" => {}
                Ok(f) => {
                    for (n, r) in read(&f) {
                        let at = format!("{}:{n}", f.display());
                        out.push(r.and_then(|r| match first.get(&r.doc) {
                            Some(earlier) => Err(InputError::DuplicateId {
                                at: crate::input::Place {
                                    source_name: f.display().to_string(),
                                    line: Some(n),
                                },
                                id: r.doc.clone(),
                                earlier: earlier.clone(),
                            }),
                            None => {
                                first.insert(r.doc.clone(), at);
                                Ok(r)
                            }
                        }));
                    }
                }
                Err(e) => out.push(Err(e)),
            }
        }
    }
    out
}

/// The extractions of one file (or `-`), each with its line number.
pub fn read(path: &Path) -> Vec<(usize, Result<Resolved, InputError>)> {
    let err = |line, message: String| InputError::Json {
        at: crate::input::Place {
            source_name: path.display().to_string(),
            line,
        },
        message,
    };
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        return vec![(0, Err(err(None, format!("cannot read: {e}"))))];
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    crate::input::json_lines(bytes)
        .map(|(n, line)| {
            let at = crate::input::Place::new(path, Some(n));
            let r = crate::input::utf8_line(line, at)
                .and_then(|text| parse(text).map_err(|m| err(Some(n), m)));
            (n, r)
        })
        .collect()
}

/// One line as an extraction.
fn parse(text: &str) -> Result<Resolved, String> {
    let r: Resolved = serde_json::from_str(text)
        .map_err(|e| format!("not an extraction of `extract --format resolved`: {e}"))?;
    if crate::input::MAX_ID_CHARS < r.doc.chars().count() || r.doc.trim().is_empty() {
        return Err(format!("\"doc\" {:?} is not an article id", r.doc));
    }
    Ok(r)
}
