//! Stage 1, input: paths become [`Article`]s. Reads `.txt` (the whole file
//! is the text), `.html`/`.htm` (the article's text without navigation,
//! scripts and menus) and `.jsonl` (one article a line: `id`, `text`, and
//! optional `url`, `title`, `published`); folders recursively, in sorted
//! order; `-` reads standard input (JSON Lines if it starts with `{`).
//!
//! A bad input is an [`InputError`] naming the file (and line); the others
//! are still read.

mod html;

use std::io::Read;
use std::path::{Path, PathBuf};

/// One news article as read.
#[derive(Clone, Debug, Default)]
pub struct Article {
    /// File stem, or the `id` of a JSON line.
    pub id: String,
    /// The text that offsets count in (code points).
    pub text: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// ISO date given by the input itself (a JSON field, an HTML meta tag).
    pub published: Option<String>,
    /// Where it came from, for messages: `file` or `file:line`.
    pub source: String,
}

/// An input that could not be read as an article.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    pub source_name: String,
    pub line: Option<usize>,
    pub message: String,
}

impl InputError {
    fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        InputError {
            source_name: path.display().to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Expands folders into the files to read, in sorted order. A path that does
/// not exist is an error in the list, in its place.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files);
            files.sort();
            out.extend(files.into_iter().map(Ok));
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(InputError::new(p, None, "no such file or folder")));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(ext(&p).as_str(), "txt" | "html" | "htm" | "jsonl") {
            out.push(p);
        }
    }
}

fn ext(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Reads one file (or `-`) into its articles; a JSONL file gives one result
/// per line.
pub fn read(path: &Path) -> Vec<Result<Article, InputError>> {
    let (bytes, name) = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut b) {
            return vec![Err(InputError::new(
                path,
                None,
                format!("cannot read standard input: {e}"),
            ))];
        }
        (b, PathBuf::from("<stdin>"))
    } else {
        match std::fs::read(path) {
            Ok(b) => (b, path.to_path_buf()),
            Err(e) => {
                return vec![Err(InputError::new(
                    path,
                    None,
                    format!("cannot read: {e}"),
                ))]
            }
        }
    };
    let text = match decode(&bytes, &name) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    let stem = name
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("stdin")
        .to_string();
    let kind = if path.as_os_str() == "-" {
        if text.trim_start().starts_with('{') {
            "jsonl"
        } else {
            "txt"
        }
        .to_string()
    } else {
        ext(path)
    };
    match kind.as_str() {
        "jsonl" => read_jsonl(&text, &name),
        "html" | "htm" => vec![html::article(&text, &stem, &name)],
        _ => vec![Ok(Article {
            id: stem,
            text,
            source: name.display().to_string(),
            ..Default::default()
        })],
    }
}

/// UTF-8 text, or an error that says what is wrong and where.
fn decode(bytes: &[u8], name: &Path) -> Result<String, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::new(name, None, "empty file: no text to read"));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(InputError::new(
            name,
            Some(line),
            "binary file (NUL byte): not an article",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map(str::to_string).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        InputError::new(
            name,
            Some(line),
            format!("invalid UTF-8 at byte {at}: save the file as UTF-8"),
        )
    })
}

#[derive(serde::Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
}

fn read_jsonl(text: &str, name: &Path) -> Vec<Result<Article, InputError>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Result<JsonArticle, _> = serde_json::from_str(line);
        out.push(match parsed {
            Err(e) => Err(InputError::new(
                name,
                Some(n),
                format!("malformed JSON: {e}"),
            )),
            Ok(j) => match (j.id, j.text) {
                (_, None) => Err(InputError::new(name, Some(n), "missing \"text\"")),
                (None, _) => Err(InputError::new(name, Some(n), "missing \"id\"")),
                (Some(id), Some(text)) => {
                    let id = match id {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    };
                    let published = j.published.and_then(|p| {
                        p.get(..10)
                            .filter(|d| crate::lexicon::is_iso_date(d))
                            .map(String::from)
                    });
                    Ok(Article {
                        id,
                        text,
                        url: j.url,
                        title: j.title,
                        published,
                        source: format!("{}:{n}", name.display()),
                    })
                }
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line() {
        let e = decode(b"first\nsecond \xff\n", Path::new("a.txt")).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("a.txt:2: invalid UTF-8"), "{e}");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(decode(b"  \n", Path::new("e.txt"))
            .unwrap_err()
            .message
            .contains("empty"));
        assert!(decode(b"ab\0c", Path::new("b.txt"))
            .unwrap_err()
            .message
            .contains("binary"));
    }

    #[test]
    fn jsonl_bad_line_does_not_stop_the_others() {
        let r = read_jsonl("{\"id\":\"a\",\"text\":\"x\"}\n{oops\n{\"id\":3,\"text\":\"y\",\"published\":\"2025-01-02T10:00\"}\n", Path::new("c.jsonl"));
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok());
        assert_eq!(r[1].as_ref().unwrap_err().line, Some(2));
        let third = r[2].as_ref().unwrap();
        assert_eq!(third.id, "3");
        assert_eq!(third.published.as_deref(), Some("2025-01-02"));
    }
}
