//! `partygraph extract`: what the rules read in articles, without storing it.
//!
//! With `--per-article` (and always with `--format resolved`) extraction is
//! a map: each article's output depends on that article alone, lines are
//! written in input order as they are done, and standard input is read a
//! chunk of lines at a time, so memory stays bounded however long the
//! stream. Identity across articles is then the merge's work (`ingest
//! --extractions`).

use super::{render, Cli, Outcome};
use anyhow::Result;
use clap::ValueEnum;
use partygraph::input::{Article, InputError, Place};
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Resolved;
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Extract entities, posts and events without storing them.
#[derive(clap::Args)]
#[command(
    after_help = "Without --per-article, one person is one id across all the articles of the run (see `why`).\n\
With --per-article, each article is extracted alone (the same output whatever else is in the run), \
standard input is streamed (one JSON article a line in, one extraction a line out, in order), and \
a bad line is reported on stderr with its line number and id while the others still come out. \
`--format resolved` writes everything the store keeps of an article (`--format json` leaves some of it out), \
for `partygraph ingest --extractions`:\n\
  partygraph extract --per-article --format resolved - < articles.jsonl > extractions.jsonl\n\
  partygraph ingest --extractions extractions.jsonl"
)]
pub struct Args {
    /// Files (.txt, .html, .jsonl), folders (read recursively) or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: ExtractFormat,
    /// Extract each article alone, without joining people across articles;
    /// stream standard input.
    #[arg(long)]
    per_article: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One FORMAT object per article per line, for machines and the scorer.
    Json,
    /// One article's whole extraction per line, as the store keeps it (ids
    /// within the article only; implies --per-article): the input of
    /// `ingest --extractions`.
    Resolved,
    /// The text with its mentions underlined and the facts below, for people.
    Text,
    /// Each sentence's symbols as the rules of seeds/rules/ see them
    /// (TAG/case«words»), for writing and debugging rules.
    Tags,
}

/// Articles extracted in parallel at a time: small, so that a stream's
/// memory is bounded and its first lines come out early.
const CHUNK: usize = 64;

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let p = cli.pipeline()?;
    let mut out = render::stdout();
    let mut failed = 0;
    if args.format == ExtractFormat::Tags {
        for a in Pipeline::read(&args.paths) {
            match a {
                Ok(a) => render::tags(&mut out, &a.id, &p.extraction_traced(&a).symbols)?,
                Err(e) => {
                    failed += 1;
                    render::failure(&e);
                }
            }
        }
    } else if args.per_article || args.format == ExtractFormat::Resolved {
        failed = per_article(&p, args, &mut out)?;
    } else {
        for r in resolved(&p, &args.paths) {
            match r {
                Ok(r) => render::extraction(&mut out, &r, args.format == ExtractFormat::Json)?,
                Err(e) => {
                    failed += 1;
                    render::failure(&e);
                }
            }
        }
    }
    out.flush()?;
    Ok(Outcome::failures(failed))
}

/// Each article alone, in chunks, in order; returns the number of failures.
fn per_article(p: &Pipeline, args: &Args, out: &mut dyn Write) -> Result<usize> {
    let mut failed = 0;
    let mut write_chunk = |chunk: Vec<Result<Article, InputError>>| -> Result<()> {
        let done: Vec<Result<String, InputError>> = chunk
            .into_par_iter()
            .map(|a| a.and_then(|a| line(p, &a, args.format)))
            .collect();
        for d in done {
            match d {
                Ok(s) => out.write_all(s.as_bytes())?,
                Err(e) => {
                    failed += 1;
                    render::failure(&e);
                }
            }
        }
        out.flush()?;
        Ok(())
    };
    if args.paths.len() == 1 && args.paths[0].as_os_str() == "-" {
        let stdin = std::io::stdin().lock();
        let mut lines = JsonLines::new(stdin, Path::new("-"));
        loop {
            let chunk: Vec<_> = lines.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            write_chunk(chunk)?;
        }
    } else {
        let mut articles = Pipeline::read(&args.paths).into_iter().peekable();
        while articles.peek().is_some() {
            write_chunk(articles.by_ref().take(CHUNK).collect())?;
        }
    }
    Ok(failed)
}

/// One article's output line (with its newline); a panic while extracting
/// it is that article's error alone.
fn line(p: &Pipeline, a: &Article, format: ExtractFormat) -> Result<String, InputError> {
    let run = std::panic::AssertUnwindSafe(|| p.run(a));
    let r = std::panic::catch_unwind(run).map_err(|_| article_error(a, "extraction failed"))?;
    let s = match format {
        ExtractFormat::Resolved => {
            serde_json::to_string(&r).map_err(|e| article_error(a, &e.to_string()))?
        }
        ExtractFormat::Json => partygraph::output::json(&r).to_string(),
        _ => partygraph::output::text(&r),
    };
    Ok(s + "\n")
}

/// An error about an article read, at its `file:line`, naming its id.
fn article_error(a: &Article, message: &str) -> InputError {
    let (name, line) = match a.source.rsplit_once(':') {
        Some((name, n)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => {
            (name.to_string(), n.parse().ok())
        }
        _ => (a.source.clone(), None),
    };
    InputError::Json {
        at: Place {
            source_name: name,
            line,
        },
        message: format!("id {:?}: {message}", a.id),
    }
}

/// The articles of a JSON Lines stream, read one line at a time. A line's
/// error names its number and, when the line has one, its id.
struct JsonLines<R> {
    reader: R,
    name: PathBuf,
    n: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonLines<R> {
    fn new(reader: R, name: &Path) -> Self {
        JsonLines {
            reader,
            name: name.into(),
            n: 0,
            buf: Vec::new(),
        }
    }

    fn article(&self, bytes: &[u8]) -> Result<Article, InputError> {
        let text = partygraph::input::utf8_line(bytes, self.place())?;
        partygraph::input::json_article(text, &self.name, self.n).map_err(|e| match line_id(text) {
            Some(id) => InputError::Json {
                at: e.place().clone(),
                message: format!("id {id:?}: {}", e.message()),
            },
            None => e,
        })
    }

    /// The line being read.
    fn place(&self) -> Place {
        Place {
            source_name: self.name.display().to_string(),
            line: Some(self.n),
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Article, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.n += 1;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(Err(InputError::Unreadable {
                        at: self.place(),
                        doing: "cannot read",
                        reason: e.to_string(),
                    }))
                }
            }
            let mut line = self.buf.as_slice();
            line = line.strip_suffix(b"\n").unwrap_or(line);
            line = line.strip_suffix(b"\r").unwrap_or(line);
            if self.n == 1 {
                line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.article(line));
        }
    }
}

/// The `id` of a JSON line, when it parses and has one.
fn line_id(line: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    match v.get("id")? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The articles read and resolved, one id per person across them (see `why`).
fn resolved(
    p: &Pipeline,
    paths: &[PathBuf],
) -> Vec<Result<Resolved, partygraph::input::InputError>> {
    let results = p.run_paths(paths, &|| {});
    let ok: Vec<Resolved> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .cloned()
        .collect();
    let identity = partygraph::identity::resolve(&ok, &p.lex.curation);
    results
        .into_iter()
        .map(|r| r.map(|a| partygraph::identity::apply(&a, &identity)))
        .collect()
}
