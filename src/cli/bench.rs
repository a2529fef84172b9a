//! `partygraph bench`: extraction and ingest speed.

use super::{Cli, Outcome};
use anyhow::Result;
use std::path::PathBuf;

/// Measure extraction and ingest speed on the seed articles repeated.
#[derive(clap::Args)]
pub struct Args {
    /// The articles to repeat.
    #[arg(default_value = "seeds/articles")]
    corpus: PathBuf,
    /// Copies of the corpus to extract.
    #[arg(long, default_value_t = 200)]
    repeat: usize,
    /// Articles to ingest into a fresh store.
    #[arg(long, default_value_t = 1000)]
    ingest: usize,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let p = cli.pipeline()?;
    crate::bench(&p, &args.corpus, args.repeat, args.ingest)?;
    Ok(Outcome::Done)
}
