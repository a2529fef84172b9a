//! `partygraph push`: the store's graphs written to a SPARQL 1.1 server.

use super::{render, Cli, Outcome};
use anyhow::Result;
use partygraph::push::{Endpoint, Options};
use std::io::Write as _;

/// Write the store's named graphs to a SPARQL 1.1 server, each replacing
/// the graph of the same name there.
#[derive(clap::Args)]
#[command(
    after_help = "With --graph-store, each graph is a PUT of N-Triples to URL?graph=IRI (the SPARQL 1.1 Graph \
Store HTTP Protocol), a graph larger than --batch triples continued with POSTs. With --update, each graph is \
DROP SILENT GRAPH and INSERT DATA sent to a SPARQL 1.1 Update endpoint. Graphs on the server that the store does \
not have are left alone; pushing the same store again leaves the server as it was. A request that fails for a \
moment (no connection, HTTP 5xx or 429) is tried again; a server that refuses (HTTP 4xx) stops the push.\n\
Example: partygraph push --graph-store http://localhost:7878/store"
)]
pub struct Args {
    /// The server's Graph Store Protocol endpoint.
    #[arg(
        long,
        value_name = "URL",
        required_unless_present = "update",
        conflicts_with = "update"
    )]
    graph_store: Option<String>,
    /// The server's SPARQL Update endpoint, for servers without the Graph Store Protocol.
    #[arg(long, value_name = "URL")]
    update: Option<String>,
    /// Triples per request at most.
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    batch: u64,
    /// Tries of a request that fails for a moment.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    tries: u32,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let to = match (&args.graph_store, &args.update) {
        (Some(u), _) => Endpoint::GraphStore(u.clone()),
        (None, Some(u)) => Endpoint::Update(u.clone()),
        // clap requires one of the two.
        (None, None) => anyhow::bail!("give --graph-store URL or --update URL"),
    };
    let store = cli.read_store()?;
    let opts = Options {
        batch: args.batch as usize,
        tries: args.tries,
        ..Options::default()
    };
    let summary = partygraph::push::push(&store, &to, &opts, &|_| {})?;
    let mut out = render::stdout();
    if args.json {
        render::json(&mut out, &summary)?;
    } else {
        let url = match &to {
            Endpoint::GraphStore(u) | Endpoint::Update(u) => u,
        };
        writeln!(
            out,
            "pushed {} graphs ({} triples, {} requests) from {} to {url}",
            summary.graphs,
            summary.triples,
            summary.requests,
            store.path.display()
        )?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}
