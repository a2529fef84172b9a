//! `partygraph ingest`: extract articles and store them in the graph.

use super::{render, Cli, Outcome};
use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use partygraph::pipeline::Pipeline;
use partygraph::store::GraphStore;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Extract and store articles into the graph (re-ingesting an article replaces its facts).
#[derive(clap::Args)]
#[command(
    after_help = "Inputs: .txt (the whole file is the article; a first line `date YYYY-MM-DD` gives the \
publication date), .html (the article text without navigation), .jsonl (one article a line: id, text, optional \
url, title, published). Folders are read recursively; - reads standard input.\n\
A bad input is reported with its file (and line) and skipped; the others are stored; the exit code is 1.\n\
--extractions reads what `partygraph extract --per-article --format resolved` wrote (one article a line; \
a folder's .jsonl files, recursively; - for standard input) and stores it without extracting again: the \
store is the one ingesting the articles themselves gives."
)]
pub struct Args {
    /// Files, folders or - for standard input.
    #[arg(required_unless_present = "extractions")]
    paths: Vec<PathBuf>,
    /// Store these extractions (`extract --format resolved` output: a file,
    /// a folder of .jsonl files or -), with or instead of articles.
    #[arg(long, value_name = "FILE|DIR|-")]
    extractions: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let p = cli.pipeline()?;
    // The store first: a store another process holds is said before any work.
    let store = GraphStore::open_for_writing(&cli.store, cli.wait())?;
    let mut results = Vec::new();
    if !args.paths.is_empty() {
        let articles = Pipeline::read(&args.paths);
        let pb = progress(articles.len() as u64);
        results = p.run_inputs(articles, &|| pb.inc(1));
        pb.finish_and_clear();
    }
    if !args.extractions.is_empty() {
        let taken: Vec<String> = results.iter().flatten().map(|a| a.doc.clone()).collect();
        let read = partygraph::store::extractions::read_all(&args.extractions, &taken);
        results.extend(read);
    }
    let mut ok = Vec::new();
    let mut failures = Vec::new();
    for r in results {
        match r {
            Ok(a) => ok.push(a),
            Err(e) => {
                render::failure(&e);
                failures.push(e.to_string());
            }
        }
    }
    let summary = store.ingest(&ok, &p.lex)?;
    let ids: Vec<String> = ok.iter().map(|a| a.doc.clone()).collect();
    if let Err(e) = store.record_build(&ids) {
        eprintln!("partygraph: could not record this build for `changes`: {e}");
    }
    let mut out = render::stdout();
    if args.json {
        render::ingest_json(&mut out, &summary, &failures)?;
    } else {
        render::ingest_summary(&mut out, &summary, &cli.store, failures.len())?;
    }
    Ok(Outcome::failures(failures.len()))
}

/// A bar on a terminal, nothing elsewhere.
fn progress(len: u64) -> ProgressBar {
    let pb = ProgressBar::new(len);
    if !std::io::stderr().is_terminal() {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} articles {elapsed}")
    {
        pb.set_style(style);
    }
    pb
}
