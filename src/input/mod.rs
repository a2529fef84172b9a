//! Stage 1, input: paths become [`Article`]s. Reads `.txt` (the whole file
//! is the text), `.html`/`.htm` (the article's text without navigation,
//! scripts and menus) and `.jsonl` (one article a line: `id`, `text`, and
//! optional `url`, `title`, `published`); folders recursively, in sorted
//! order; `-` reads standard input (JSON Lines if it starts with `{`).
//!
//! Files are UTF-8 (with or without a byte-order mark) or UTF-16 with one.
//! Folders are examined before anything is opened: a FIFO, socket or device
//! is an error, never read (it could block forever), and so is a folder that
//! cannot be listed. [`read_all`] reads a whole run and makes its ids unique
//! (see `ids.rs` for what an id may be).
//!
//! A bad input is an [`InputError`] naming the file (and line); the others
//! are still read: in a JSON Lines file, a bad line fails alone.

mod decode;
mod files;
mod html;
mod ids;

pub use decode::utf8_line;
pub use files::expand;
pub use ids::MAX_ID_CHARS;

use decode::decode;
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One news article as read.
#[derive(Clone, Debug, Default)]
pub struct Article {
    /// File stem (qualified by its folders when another file of the run has
    /// the same stem), or the `id` of a JSON line. Unique within a run read
    /// with [`read_all`].
    pub id: String,
    /// The text that offsets count in (code points).
    pub text: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// ISO date given by the input itself (a JSON field, an HTML meta tag).
    pub published: Option<String>,
    /// Where it came from, for messages: `file` or `file:line`.
    pub source: String,
    /// What was read but not used, each naming its file (an HTML date
    /// that is not a date).
    pub warnings: Vec<String>,
}

/// Where an input error is: the file (`<stdin>` for standard input) and,
/// when the error is about one line, that line (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub source_name: String,
    pub line: Option<usize>,
}

impl Place {
    pub(crate) fn new(path: &Path, line: Option<usize>) -> Self {
        Place {
            source_name: path.display().to_string(),
            line,
        }
    }

    /// The place an article's `source` (`file` or `file:line`) names.
    pub(crate) fn of_source(source: &str) -> Self {
        let (name, line) = match source.rsplit_once(':') {
            Some((name, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                (name, n.parse().ok())
            }
            _ => (source, None),
        };
        Place {
            source_name: name.to_string(),
            line,
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.source_name)?;
        match self.line {
            Some(l) => write!(f, ":{l}"),
            None => Ok(()),
        }
    }
}

/// An input that could not be read as an article, by what went wrong.
/// Every variant knows its [`Place`]; the text shown is `place: message`.
#[derive(Clone, Debug, thiserror::Error)]
pub enum InputError {
    /// The path names no file or folder.
    #[error("{at}: no such file or folder")]
    NotFound { at: Place },
    /// The operating system refused to examine, list or read it; `doing`
    /// says which (`cannot read`, `cannot examine`, ...).
    #[error("{at}: {doing}: {reason}")]
    Unreadable {
        at: Place,
        doing: &'static str,
        reason: String,
    },
    /// A FIFO, socket, device or other thing that is not a regular file.
    #[error("{at}: not a regular file ({kind}): skipped")]
    NotRegular { at: Place, kind: &'static str },
    /// Nothing but white space.
    #[error("{at}: empty file: no text to read")]
    Empty { at: Place },
    /// Not text in an encoding the reader takes (binary, bad UTF-8/16).
    #[error("{at}: {message}")]
    Encoding { at: Place, message: String },
    /// An HTML page without article text, or too deep to read.
    #[error("{at}: {message}")]
    Html { at: Place, message: String },
    /// A JSON line that is not an article (malformed, a field missing or
    /// of the wrong type).
    #[error("{at}: {message}")]
    Json { at: Place, message: String },
    /// A date the input gives that is not a calendar date.
    #[error("{at}: {message}")]
    Date { at: Place, message: String },
    /// An id that is not usable (see `ids.rs`).
    #[error("{at}: {message}")]
    Id { at: Place, message: String },
    /// An id an earlier article of the run already has.
    #[error("{at}: id \"{id}\" is already the id of {earlier}")]
    DuplicateId {
        at: Place,
        id: String,
        earlier: String,
    },
}

impl InputError {
    /// Where the error is.
    pub fn place(&self) -> &Place {
        match self {
            InputError::NotFound { at }
            | InputError::Unreadable { at, .. }
            | InputError::NotRegular { at, .. }
            | InputError::Empty { at }
            | InputError::Encoding { at, .. }
            | InputError::Html { at, .. }
            | InputError::Json { at, .. }
            | InputError::Date { at, .. }
            | InputError::Id { at, .. }
            | InputError::DuplicateId { at, .. } => at,
        }
    }

    /// The file the error is about (`<stdin>` for standard input).
    pub fn source_name(&self) -> &str {
        &self.place().source_name
    }

    /// The line the error is about, if it is about one line.
    pub fn line(&self) -> Option<usize> {
        self.place().line
    }

    /// What went wrong, without the place.
    pub fn message(&self) -> String {
        let shown = self.to_string();
        let prefix = self.place().to_string().len() + 2;
        shown.get(prefix..).unwrap_or_default().to_string()
    }
}

/// The articles of one run, in the order of the inputs, and the notes to
/// show about them.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Each article, or the error of an input (or line) that was not read.
    /// No two articles have the same id.
    pub articles: Vec<Result<Article, InputError>>,
    /// What the reader changed or left out, for the user (ids qualified
    /// because file stems collide, HTML dates that are not dates).
    pub notes: Vec<String>,
}

/// Reads everything a run names (files, folders, `-`), in parallel, keeping
/// the order: files that share a stem get distinct ids (see the note), and
/// an article whose id an earlier one already has is an error naming both.
pub fn read_all(paths: &[PathBuf]) -> Inputs {
    let files = expand(paths);
    let named: Vec<(usize, PathBuf)> = files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.as_ref().ok().map(|p| (i, p.clone())))
        .filter(|(_, p)| p.as_os_str() != "-" && ext(p) != "jsonl")
        .collect();
    let (qualified, mut notes) = ids::qualified(&named);
    let mut articles: Vec<Result<Article, InputError>> = files
        .into_par_iter()
        .enumerate()
        .flat_map_iter(|(i, f)| match f {
            Err(e) => vec![Err(e)],
            Ok(p) => read_as(&p, qualified.get(&i).map(String::as_str)),
        })
        .collect();
    ids::unique(&mut articles);
    for a in articles.iter().flatten() {
        notes.extend(a.warnings.iter().cloned());
    }
    Inputs { articles, notes }
}

pub(crate) fn ext(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Reads one file (or `-`) into its articles; a JSONL file gives one result
/// per line. The ids are those of the file alone: [`read_all`] also makes
/// them unique across a run.
pub fn read(path: &Path) -> Vec<Result<Article, InputError>> {
    read_as(path, None)
}

/// Reads one file; `id`, when given, replaces the id its name gives.
fn read_as(path: &Path, id: Option<&str>) -> Vec<Result<Article, InputError>> {
    let stdin = path.as_os_str() == "-";
    let (bytes, name) = if stdin {
        let mut b = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut b) {
            return vec![Err(InputError::Unreadable {
                at: Place::new(path, None),
                doing: "cannot read standard input",
                reason: e.to_string(),
            })];
        }
        (b, PathBuf::from("<stdin>"))
    } else {
        match read_regular(path) {
            Ok(b) => (b, path.to_path_buf()),
            Err(e) => return vec![Err(e)],
        }
    };
    let bytes = match decode::unmark(&bytes, &name) {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    let kind = if stdin {
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'{') { "jsonl" } else { "txt" }.to_string()
    } else {
        ext(path)
    };
    if kind == "jsonl" {
        return read_jsonl_bytes(&bytes, &name);
    }
    vec![read_document(&bytes, &kind, id, &name)]
}

/// The bytes of a file named by path; never opens what is not a regular
/// file (a FIFO would block until someone writes to it).
fn read_regular(path: &Path) -> Result<Vec<u8>, InputError> {
    let unreadable = |e: std::io::Error| InputError::Unreadable {
        at: Place::new(path, None),
        doing: "cannot read",
        reason: e.to_string(),
    };
    let m = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            InputError::NotFound {
                at: Place::new(path, None),
            }
        } else {
            unreadable(e)
        }
    })?;
    files::regular(path, &m)?;
    std::fs::read(path).map_err(unreadable)
}

/// A `.txt` or `.html` file (or standard input) as one article.
fn read_document(
    bytes: &[u8],
    kind: &str,
    id: Option<&str>,
    name: &Path,
) -> Result<Article, InputError> {
    let text = decode(bytes, name)?;
    let id = id.map(String::from).unwrap_or_else(|| ids::stem_id(name));
    let id = ids::check(&id).map_err(|m| InputError::Id {
        at: Place::new(name, None),
        message: format!("{m} (from the file name)"),
    })?;
    match kind {
        "html" | "htm" => html::article(&text, &id, name),
        _ => {
            date_line(&text, name)?;
            Ok(Article {
                id,
                text,
                source: name.display().to_string(),
                ..Default::default()
            })
        }
    }
}

/// A text's first non-empty line `date SOMETHING` must give a calendar
/// date (`date 2025-11-14`, what may follow the date aside).
fn date_line(text: &str, name: &Path) -> Result<(), InputError> {
    let Some((i, line)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else {
        return Ok(());
    };
    let line = line.trim();
    let Some(rest) = line
        .get(..4)
        .filter(|w| w.eq_ignore_ascii_case("date"))
        .map(|_| &line[4..])
    else {
        return Ok(());
    };
    let value = rest.trim_start_matches([' ', ':']);
    if value.len() == rest.len() || !value.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(());
    }
    if leading_date(value).is_some() {
        return Ok(());
    }
    let shown: String = value
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .take(40)
        .collect();
    Err(InputError::Date {
        at: Place::new(name, Some(i + 1)),
        message: format!("date line: {}", crate::lexicon::not_a_date(&shown)),
    })
}

/// The calendar date a text starts with (`2025-11-14`, `2025-11-14,`),
/// when no digit follows it.
fn leading_date(s: &str) -> Option<&str> {
    let d = s.get(..10).filter(|d| crate::lexicon::is_iso_date(d))?;
    let next = s[10..].chars().next();
    (!next.is_some_and(|c| c.is_ascii_digit() || c == '-')).then_some(d)
}

/// The date of a date value (`2025-11-14`, `2025-11-14T10:00:00+05:00`,
/// `2025-11-14 10:00`): a calendar date, alone or followed by a time.
pub(crate) fn date_value(s: &str) -> Option<&str> {
    let s = s.trim();
    let d = s.get(..10).filter(|d| crate::lexicon::is_iso_date(d))?;
    let rest = &s[10..];
    (rest.is_empty() || rest.starts_with(['T', 't', ' '])).then_some(d)
}

#[derive(serde::Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<serde_json::Value>,
}

#[cfg(test)]
fn read_jsonl(text: &str, name: &Path) -> Vec<Result<Article, InputError>> {
    read_jsonl_bytes(text.as_bytes(), name)
}

/// One result per non-blank line; a bad line (not UTF-8, not JSON, without
/// an id or text, with a bad id or date) is an error of that line alone.
fn read_jsonl_bytes(bytes: &[u8], name: &Path) -> Vec<Result<Article, InputError>> {
    if let Err(e) = decode::not_empty(bytes, name) {
        return vec![Err(e)];
    }
    json_lines(bytes)
        .map(|(n, line)| decode::line(line, name, n).and_then(|l| json_article(l, name, n)))
        .collect()
}

/// The lines of a JSON Lines text that hold something, numbered from 1:
/// each without its `\r`, blank lines left out.
pub fn json_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.strip_suffix(b"\r").unwrap_or(line)))
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
}

/// One line of a JSON Lines file (`n` its number, `name` its file) as an
/// article, or the error of that line alone.
pub fn json_article(line: &str, name: &Path, n: usize) -> Result<Article, InputError> {
    let at = || Place::new(name, Some(n));
    let err = |message: String| InputError::Json { at: at(), message };
    let j: JsonArticle =
        serde_json::from_str(line).map_err(|e| err(format!("malformed JSON: {e}")))?;
    let text = j.text.ok_or_else(|| err("missing \"text\"".into()))?;
    let id = match j.id {
        None => return Err(err("missing \"id\"".into())),
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(x)) => x.to_string(),
        Some(other) => return Err(err(format!("\"id\" is {other}: not a string or a number"))),
    };
    let id = ids::check(&id).map_err(|message| InputError::Id { at: at(), message })?;
    if text.trim().is_empty() {
        return Err(err("empty \"text\"".into()));
    }
    let published = match j.published {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(serde_json::Value::String(s)) => Some(
            date_value(&s)
                .ok_or_else(|| InputError::Date {
                    at: at(),
                    message: format!("\"published\": {}", crate::lexicon::not_a_date(&s)),
                })?
                .to_string(),
        ),
        Some(other) => {
            return Err(InputError::Date {
                at: at(),
                message: format!("\"published\" is {other}: not a date (YYYY-MM-DD)"),
            })
        }
    };
    Ok(Article {
        id,
        text,
        url: j.url,
        title: j.title,
        published,
        source: format!("{}:{n}", name.display()),
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line() {
        let e = decode(b"first\nsecond \xff\n", Path::new("a.txt")).unwrap_err();
        assert_eq!(e.line(), Some(2));
        assert!(e.to_string().starts_with("a.txt:2: invalid UTF-8"), "{e}");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(decode(b"  \n", Path::new("e.txt"))
            .unwrap_err()
            .message()
            .contains("empty"));
        assert!(decode(b"ab\0c", Path::new("b.txt"))
            .unwrap_err()
            .message()
            .contains("binary"));
    }

    #[test]
    fn errors_are_variants_that_name_their_place() {
        let r = read(Path::new("no/such/file.txt"));
        let e = r[0].as_ref().unwrap_err();
        assert!(matches!(e, InputError::NotFound { .. }), "{e:?}");
        assert_eq!((e.source_name(), e.line()), ("no/such/file.txt", None));
        assert_eq!(e.to_string(), "no/such/file.txt: no such file or folder");
        let r = read_jsonl(
            "{\"id\":\"a\",\"text\":\"x\",\"published\":\"2025-02-30\"}\n",
            Path::new("d.jsonl"),
        );
        let e = r[0].as_ref().unwrap_err();
        assert!(matches!(e, InputError::Date { .. }), "{e:?}");
        assert_eq!(e.place().to_string(), "d.jsonl:1");
        assert_eq!(
            e.message(),
            "\"published\": \"2025-02-30\" is not a date like 2025-11-14"
        );
    }

    #[test]
    fn jsonl_bad_line_does_not_stop_the_others() {
        let r = read_jsonl("{\"id\":\"a\",\"text\":\"x\"}\n{oops\n{\"id\":3,\"text\":\"y\",\"published\":\"2025-01-02T10:00\"}\n", Path::new("c.jsonl"));
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok());
        assert_eq!(r[1].as_ref().unwrap_err().line(), Some(2));
        let third = r[2].as_ref().unwrap();
        assert_eq!(third.id, "3");
        assert_eq!(third.published.as_deref(), Some("2025-01-02"));
    }
}
