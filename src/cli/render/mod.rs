//! Every output of every command: aligned tables, CSV and JSON of the
//! views (`table`), the cards of `who`, `why` and `conflicts` (`cards`),
//! SPARQL results (`query`), and here the small ones: extractions, rule
//! symbols, lemmas, summaries, and the line that reports a failed input.
//! Commands decide what to show; this module decides how it looks.

pub mod cards;
pub mod query;
pub mod table;

use anyhow::{Context as _, Result};
use partygraph::lexicon::morph::Lemma;
use partygraph::resolve::Resolved;
use partygraph::store::IngestSummary;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// Where a command writes: a file when one is named, else standard output;
/// buffered either way.
pub fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => stdout(),
    })
}

/// Standard output, buffered.
pub fn stdout() -> Box<dyn Write> {
    Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
}

/// An input that failed, said where it was met; the run goes on.
pub fn failure(e: &dyn std::fmt::Display) {
    eprintln!("partygraph: {e}");
}

/// Indented JSON and a newline.
pub fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    writeln!(out, "{}", serde_json::to_string_pretty(value)?)?;
    Ok(())
}

/// One article as `extract` shows it: a line of JSON, or the text with its
/// mentions underlined and a blank line after.
pub fn extraction(out: &mut dyn Write, r: &Resolved, json: bool) -> Result<()> {
    if json {
        writeln!(out, "{}", partygraph::output::json(r))?;
    } else {
        writeln!(out, "{}", partygraph::output::text(r))?;
    }
    Ok(())
}

/// The symbols of each sentence of an article, under its id.
pub fn tags(out: &mut dyn Write, id: &str, symbols: &[String]) -> Result<()> {
    writeln!(out, "== {id}")?;
    for line in symbols {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A word, its nominative, and every lemma candidate with its case.
pub fn lemma(out: &mut dyn Write, word: &str, proper: &str, lemmas: &[Lemma]) -> Result<()> {
    let cands: Vec<String> = lemmas
        .iter()
        .skip(1)
        .map(|l| {
            format!(
                "{}({}{})",
                l.text,
                l.case.code(),
                if l.derived { ",derived" } else { "" }
            )
        })
        .collect();
    writeln!(out, "{word}\t{proper}\t{}", cands.join(" "))?;
    Ok(())
}

/// What an ingest stored, for people.
pub fn ingest_summary(
    out: &mut dyn Write,
    s: &IngestSummary,
    store: &Path,
    failed: usize,
) -> Result<()> {
    writeln!(
        out,
        "ingested {} article{} into {} ({} in store): {} entities, {} posts, {} events, {} quads; {} failed",
        s.articles,
        if s.articles == 1 { "" } else { "s" },
        store.display(),
        s.articles_in_store,
        s.entities,
        s.posts,
        s.events,
        s.quads,
        failed
    )?;
    out.flush()?;
    Ok(())
}

/// What an ingest stored and what failed, for machines.
pub fn ingest_json(out: &mut dyn Write, s: &IngestSummary, failures: &[String]) -> Result<()> {
    writeln!(
        out,
        "{}",
        serde_json::json!({"summary": s, "failures": failures})
    )?;
    out.flush()?;
    Ok(())
}

/// The examples that failed (on standard error) and the count.
pub fn check(report: &partygraph::check::Report) -> Result<()> {
    for f in &report.failures {
        eprintln!("{f}");
    }
    writeln!(
        std::io::stdout(),
        "check: {} passed, {} failed",
        report.passed,
        report.failures.len()
    )?;
    Ok(())
}
