//! The command line: the global options, one module per command (its clap
//! arguments and the function that runs it), one `render` module that writes
//! every output, and the exit code decided in one place ([`exit_code`]).

mod args;
mod bench;
mod changes;
mod check;
mod conflicts;
mod dot;
mod events;
mod export;
mod extract;
mod ingest;
mod lemma;
mod posts;
mod push;
mod query;
mod render;
mod who;
mod why;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand};
use partygraph::graph::KnowledgeGraph;
use partygraph::lexicon::SeedSource;
use partygraph::pipeline::Pipeline;
use partygraph::store::{GraphStore, DEFAULT_STORE};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  partygraph ingest seeds/articles            build the graph into ./partygraph.db
  partygraph who Amirtai                      a person's posts and sources, any script
  partygraph why Amirtai                      which names and articles made that person, and why
  partygraph conflicts                        claims the articles disagree on
  partygraph posts AMANAT --as-of 2025-12-31  who held which post in a party and its branches
  partygraph events --place Астана --from 2025-01-01 --format csv
  partygraph changes --since 2025-11-01       what is new: posts, events, people
  partygraph query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }'
  partygraph extract --format json seeds/articles > out.jsonl
  partygraph dot --focus Байтақ --depth 2 --render png -o baytaq.png
  partygraph export --format turtle > graph.ttl
  partygraph push --graph-store http://localhost:7878/store

The store is ./partygraph.db unless --store DIR or PARTYGRAPH_STORE says otherwise.";

#[derive(Parser)]
#[command(
    name = "partygraph",
    version,
    about = "Turns news about Kazakhstan's political parties into a knowledge graph.",
    long_about = "Turns news about Kazakhstan's political parties (Kazakh, Russian, English) into a knowledge \
graph: parties and their branches, people, posts, places, dates and events, each fact with the article and \
sentence it came from. The graph lives in an embedded RDF store, answers SPARQL, draws GraphViz pictures and \
answers lookups at the command line.",
    after_help = AFTER_HELP
)]
struct Cli {
    /// The store folder.
    #[arg(long, global = true, env = "PARTYGRAPH_STORE", default_value = DEFAULT_STORE, value_name = "DIR")]
    store: PathBuf,
    /// Read gazetteers and rules from this seeds folder instead of the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    seeds: Option<PathBuf>,
    /// Apply this curation file (merges, splits, names, dropped posts) after
    /// the seeds' curation.toml; may be given more than once.
    #[arg(long, global = true, value_name = "FILE")]
    curation: Vec<PathBuf>,
    /// Wait up to this many seconds while another process writes the store
    /// (or, for `ingest`, reads or writes it) instead of stopping at once.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 0)]
    wait: u64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Ingest(ingest::Args),
    Extract(extract::Args),
    Query(query::Args),
    Export(export::Args),
    Dot(dot::Args),
    Who(who::Args),
    Posts(posts::Args),
    Push(push::Args),
    Events(events::Args),
    Changes(changes::Args),
    Why(why::Args),
    Conflicts(conflicts::Args),
    Lemma(lemma::Args),
    Check(check::Args),
    Bench(bench::Args),
}

/// Parses the command line and runs the command.
pub fn run() -> Result<Outcome> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Ingest(a) => ingest::run(&cli, a),
        Command::Extract(a) => extract::run(&cli, a),
        Command::Query(a) => query::run(&cli, a),
        Command::Export(a) => export::run(&cli, a),
        Command::Dot(a) => dot::run(&cli, a),
        Command::Who(a) => who::run(&cli, a),
        Command::Posts(a) => posts::run(&cli, a),
        Command::Push(a) => push::run(&cli, a),
        Command::Events(a) => events::run(&cli, a),
        Command::Changes(a) => changes::run(&cli, a),
        Command::Why(a) => why::run(&cli, a),
        Command::Conflicts(a) => conflicts::run(&cli, a),
        Command::Lemma(a) => lemma::run(&cli, a),
        Command::Check(a) => check::run(&cli, a),
        Command::Bench(a) => bench::run(&cli, a),
    }
}

/// How a command that ran ended.
pub enum Outcome {
    /// Everything asked for was done.
    Done,
    /// Done, but some inputs (files, lines, examples) failed; each was
    /// reported where it was met.
    Failed,
    /// Nothing in the store answers a name.
    NothingNamed {
        what: &'static str,
        name: String,
        store: PathBuf,
    },
}

impl Outcome {
    fn failures(n: usize) -> Outcome {
        if n == 0 {
            Outcome::Done
        } else {
            Outcome::Failed
        }
    }
}

/// The exit code of a run, and the last words on standard error: 0 done;
/// 1 done with failed inputs, nothing found for a name, or a store (or, for
/// `push`, a server) that could not be used; 2 a command that could not
/// run. A reader that stops early (`partygraph ... | head`) is not an error.
pub fn exit_code(result: Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Ok(Outcome::NothingNamed { what, name, store }) => {
            eprintln!(
                "partygraph: no {what} named {name:?} in {}",
                store.display()
            );
            ExitCode::from(1)
        }
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("partygraph: error: {e:#}");
            // The store could not be used (missing, busy, not writable, disk
            // full): the command was right, the moment or the place was not.
            // So is a server that refused or could not be reached by `push`.
            let store = e.downcast_ref::<partygraph::store::StoreError>().is_some()
                || e.downcast_ref::<partygraph::push::PushError>().is_some();
            ExitCode::from(if store { 1 } else { 2 })
        }
    }
}

fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

impl Cli {
    fn wait(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.wait)
    }

    /// The store, read-only, for lookups and queries.
    fn read_store(&self) -> Result<GraphStore> {
        Ok(GraphStore::open_for_reading(&self.store, self.wait())?)
    }

    /// The seeds with the curation files given.
    fn pipeline(&self) -> Result<Pipeline> {
        let src = self.seeds.clone().map(SeedSource::Dir).unwrap_or_default();
        let mut p = Pipeline::load(&src).context("loading seeds")?;
        for f in &self.curation {
            let text =
                std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
            let c =
                partygraph::identity::curation::Curation::parse(&f.display().to_string(), &text)?;
            p.lex.curation.extend(c);
        }
        Ok(p)
    }

    /// The seeds, the store and the graph built from it, for the lookups.
    fn open_graph(&self) -> Result<(Pipeline, GraphStore, KnowledgeGraph)> {
        let p = self.pipeline()?;
        let store = self.read_store()?;
        let kg = store.knowledge_graph(&p.lex)?;
        Ok((p, store, kg))
    }

    /// Nothing in the store answers `name`.
    fn nothing_named(&self, what: &'static str, name: &str) -> Outcome {
        Outcome::NothingNamed {
            what,
            name: name.to_string(),
            store: self.store.clone(),
        }
    }
}
