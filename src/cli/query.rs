//! `partygraph query`: SPARQL over the store.

use super::{render, Cli, Outcome};
use anyhow::{Context as _, Result};
use clap::ValueEnum;
use std::io::Write as _;
use std::path::PathBuf;

/// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the store.
#[derive(clap::Args)]
#[command(
    after_help = "Results stream as they are found. Updates (INSERT, DELETE, DROP, ...) are refused: the store changes only \
through `partygraph ingest`.\n\
The default graph is the union of all graphs; the prefixes pg:, id:, org:, prov:, \
oa:, skos:, schema:, time:, rdf:, rdfs:, xsd:, owl: and dct: are declared.\n\
Example: partygraph query 'SELECT ?who ?role WHERE { ?t org:member ?p ; org:role ?r . ?p schema:name ?who . ?r skos:notation ?role }'"
)]
pub struct Args {
    /// The query text (or use -f).
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    sparql: Option<String>,
    /// Read the query from a file.
    #[arg(short, long, value_name = "FILE")]
    file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    format: QueryFormat,
    /// Stop the query after this many seconds (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns with short names, for people.
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL 1.1 XML results.
    Xml,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let q = match (&args.sparql, &args.file) {
        (Some(q), _) => q.clone(),
        (None, Some(f)) => {
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
        }
        // clap requires one of the two.
        (None, None) => anyhow::bail!("give a query, or a file with -f"),
    };
    let store = cli.read_store()?;
    let limit = (args.timeout > 0).then(|| std::time::Duration::from_secs(args.timeout));
    let answer = partygraph::store::query::answer(&store, &q, limit)?;
    let mut out = render::stdout();
    render::query::results(&mut out, answer, args.format)?;
    out.flush()?;
    Ok(Outcome::Done)
}
