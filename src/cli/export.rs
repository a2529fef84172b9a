//! `partygraph export`: the whole store as RDF.

use super::{render, Cli, Outcome};
use anyhow::Result;
use clap::ValueEnum;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use std::io::Write as _;
use std::path::PathBuf;

/// Write the whole store as RDF (sorted, so the same graph gives the same bytes).
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "turtle")]
    format: ExportFormat,
    /// Write to a file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    Rdfxml,
}

impl ExportFormat {
    fn rdf(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
        }
    }
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let store = cli.read_store()?;
    let mut out = render::output(args.output.as_deref())?;
    store.export(args.format.rdf(), &mut out)?;
    out.flush()?;
    Ok(Outcome::Done)
}
