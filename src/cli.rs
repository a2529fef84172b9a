//! The command line: clap definitions and one match that calls the stages.

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use partygraph::lexicon::SeedSource;
use partygraph::pipeline::Pipeline;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "partygraph",
    version,
    about = "Turns news about Kazakhstan's political parties into a knowledge graph."
)]
struct Cli {
    /// Read gazetteers and rules from this seeds folder instead of the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    seeds: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities, posts and events without storing them.
    Extract {
        /// Files (.txt, .html, .jsonl), folders (read recursively) or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: ExtractFormat,
    },
}

fn pipeline(seeds: &Option<PathBuf>) -> Result<Pipeline> {
    let src = seeds.clone().map(SeedSource::Dir).unwrap_or_default();
    Pipeline::load(&src).context("loading seeds")
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Extract { paths, format } => {
            let p = pipeline(&cli.seeds)?;
            let results = p.run_paths(paths, &|| {});
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut failed = 0;
            for r in results {
                match r {
                    Ok(r) => match format {
                        ExtractFormat::Json => writeln!(out, "{}", partygraph::output::json(&r))?,
                        ExtractFormat::Text => writeln!(out, "{}", partygraph::output::text(&r))?,
                    },
                    Err(e) => {
                        failed += 1;
                        eprintln!("partygraph: {e}");
                    }
                }
            }
            out.flush()?;
            Ok(if failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
