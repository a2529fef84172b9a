//! Article ids: every id of a run names one article, and every id becomes a
//! valid IRI (`id:graph/doc/<id>`, `id:doc/<id>`).
//!
//! - A file's id is its stem; bytes of a file name that are not UTF-8 are
//!   written `%XX` (`bad\xFF.txt` → `bad%FF`).
//! - Files of one run that share a stem (`A/same.txt`, `B/same.txt`) are
//!   qualified by as many parent folders as tell them apart (`A-same`,
//!   `B-same`), whatever the order they were given in; a note says so.
//! - Surrounding white space is removed. An empty id, one longer than
//!   [`MAX_ID_CHARS`], one with a control character or a line separator, and
//!   one with an empty, `.` or `..` segment between slashes (`/`, `a//b`,
//!   `../x`) are errors.
//! - An id already taken by an earlier article of the run is an error naming
//!   both places; the first is kept.

use super::{Article, InputError, Place};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// The longest id accepted, in characters.
pub const MAX_ID_CHARS: usize = 1000;

/// A file name's text, bytes that are not UTF-8 written `%XX`.
pub(super) fn escaped(name: &std::ffi::OsStr) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The id a file gives its article: its stem, escaped; a stem of dots
/// alone (the file `..txt`) has its dots written `%2E`, since `.` and `..`
/// are no ids.
pub(super) fn stem_id(path: &Path) -> String {
    let stem = path.file_stem().map(escaped).unwrap_or_default();
    if matches!(stem.as_str(), "." | "..") {
        stem.replace('.', "%2E")
    } else {
        stem
    }
}

/// The id as it will be used, or why it cannot be one.
pub(super) fn check(id: &str) -> Result<String, String> {
    let id = id.trim();
    if id.is_empty() {
        return Err("empty id".into());
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(format!("id longer than {MAX_ID_CHARS} characters"));
    }
    if let Some(c) = id
        .chars()
        .find(|&c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Err(format!(
            "id {id:?} holds U+{:04X} (a control character or line separator)",
            c as u32
        ));
    }
    if id.split('/').any(|seg| matches!(seg, "" | "." | "..")) {
        return Err(format!(
            "id {id:?} has an empty, \".\" or \"..\" part between slashes"
        ));
    }
    Ok(id.to_string())
}

/// The ids of the files whose stems collide, by index into `files`, and a
/// note for each group. Files given twice (the same path) are not told
/// apart here: the second is a repeated id.
pub(super) fn qualified(files: &[(usize, PathBuf)]) -> (HashMap<usize, String>, Vec<String>) {
    // (index, path as given, path normalized) by stem, in stem order.
    let mut by_stem: BTreeMap<String, Vec<(usize, &PathBuf, PathBuf)>> = BTreeMap::new();
    for (i, p) in files {
        by_stem
            .entry(stem_id(p))
            .or_default()
            .push((*i, p, normalized(p)));
    }
    let mut ids = HashMap::new();
    let mut notes = Vec::new();
    let taken: HashSet<&String> = by_stem.keys().collect();
    for (stem, group) in &by_stem {
        let distinct: HashSet<&PathBuf> = group.iter().map(|(_, _, p)| p).collect();
        if distinct.len() < 2 {
            continue;
        }
        let names = tell_apart(stem, &distinct, &taken);
        let mut shown: Vec<String> = Vec::new();
        for (i, given, p) in group {
            ids.insert(*i, names[p].clone());
            shown.push(format!("{} as \"{}\"", given.display(), names[p]));
        }
        shown.sort();
        shown.dedup();
        notes.push(format!(
            "files named \"{stem}\" in different folders are read with distinct ids: {}",
            shown.join(", ")
        ));
    }
    (ids, notes)
}

/// The shortest qualification by parent folders that gives each path of
/// the group its own id, distinct from every plain stem of the run too.
fn tell_apart(
    stem: &str,
    paths: &HashSet<&PathBuf>,
    taken: &HashSet<&String>,
) -> HashMap<PathBuf, String> {
    let depth = paths.iter().map(|p| folders(p).len()).max().unwrap_or(0);
    for with_ext in [false, true] {
        for k in 1..=depth.max(1) {
            let names: HashMap<PathBuf, String> = paths
                .iter()
                .map(|p| ((*p).clone(), qualify(p, stem, k, with_ext)))
                .collect();
            let unique: HashSet<&String> = names.values().collect();
            if unique.len() == names.len() && !unique.iter().any(|n| taken.contains(n)) {
                return names;
            }
        }
    }
    // Still alike (names that differ only in what sanitizing removes): the
    // full qualification, and the repeated-id check reports what remains.
    paths
        .iter()
        .map(|p| ((*p).clone(), qualify(p, stem, depth, true)))
        .collect()
}

/// `stem` prefixed with the last `k` folders of `path`, joined with `-`.
fn qualify(path: &Path, stem: &str, k: usize, with_ext: bool) -> String {
    let dirs = folders(path);
    let mut parts: Vec<String> = dirs[dirs.len().saturating_sub(k)..].to_vec();
    let mut last = stem.to_string();
    if with_ext {
        if let Some(e) = path.extension() {
            last = format!("{last}.{}", escaped(e));
        }
    }
    parts.push(last);
    parts.join("-")
}

/// The folder names of an absolute path, each made fit for an id.
fn folders(path: &Path) -> Vec<String> {
    let parent = path.parent().unwrap_or(Path::new(""));
    parent
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(
                escaped(n)
                    .chars()
                    .map(|c| if c.is_control() || c == '/' { '_' } else { c })
                    .collect::<String>()
                    .trim()
                    .to_string(),
            ),
            _ => None,
        })
        .filter(|n| !n.is_empty() && n != "." && n != "..")
        .collect()
}

/// The absolute form of a path with `.` and `..` resolved as written (links
/// are not followed: a file keeps the folders it was named through).
fn normalized(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Turns every article whose id an earlier one of the run already has into
/// an error naming both; the first is kept.
pub(super) fn unique(items: &mut [Result<Article, InputError>]) {
    let mut first: HashMap<String, String> = HashMap::new();
    for item in items.iter_mut() {
        let Ok(a) = item else { continue };
        match first.get(&a.id) {
            None => {
                first.insert(a.id.clone(), a.source.clone());
            }
            Some(earlier) => {
                *item = Err(InputError::DuplicateId {
                    at: Place::of_source(&a.source),
                    id: a.id.clone(),
                    earlier: earlier.clone(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_ids_are_refused_and_good_ones_trimmed() {
        assert_eq!(check("  a b ").unwrap(), "a b");
        assert_eq!(check("2025/01/x").unwrap(), "2025/01/x");
        assert_eq!(check("статья 1").unwrap(), "статья 1");
        for bad in [
            "", "  ", "/", "..", "../../x", "a//b", "a/", "a\0b", "a\nb", "\t",
        ] {
            assert!(check(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(check(&"x".repeat(MAX_ID_CHARS + 1)).is_err());
    }

    #[test]
    fn colliding_stems_are_qualified_by_their_folders() {
        let files = vec![
            (0, PathBuf::from("/r/B/same.txt")),
            (1, PathBuf::from("/r/A/same.txt")),
            (2, PathBuf::from("/r/A/other.txt")),
            (3, PathBuf::from("/x/A/same.html")),
        ];
        let (ids, notes) = qualified(&files);
        assert_eq!(ids[&0], "r-B-same");
        assert_eq!(ids[&1], "r-A-same");
        assert_eq!(ids[&3], "x-A-same");
        assert!(!ids.contains_key(&2));
        assert_eq!(notes.len(), 1, "{notes:?}");
        let (ids, _) = qualified(&[
            (0, PathBuf::from("/r/A/same.txt")),
            (1, PathBuf::from("/r/A/same.html")),
        ]);
        assert_eq!(ids[&0], "A-same.txt");
        assert_eq!(ids[&1], "A-same.html");
    }
}
