//! The command line: clap definitions and one match that calls the stages.

use anyhow::{bail, Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use partygraph::lexicon::SeedSource;
use partygraph::lookup::{self, dot::DotOptions};
use partygraph::pipeline::Pipeline;
use partygraph::store::query::ResultFormat;
use partygraph::store::{GraphStore, DEFAULT_STORE};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
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

impl Cli {
    fn wait(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.wait)
    }

    /// The store, read-only, for lookups and queries.
    fn read_store(&self) -> Result<GraphStore> {
        Ok(GraphStore::open_for_reading(&self.store, self.wait())?)
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// One FORMAT object per article per line, for machines and the scorer.
    Json,
    /// The text with its mentions underlined and the facts below, for people.
    Text,
    /// Each sentence's symbols as the rules of seeds/rules/ see them
    /// (TAG/case«words»), for writing and debugging rules.
    Tags,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    /// Aligned columns, for people.
    Table,
    /// An array of objects, for machines.
    Json,
    /// For spreadsheets.
    Csv,
}

impl From<TableFormat> for lookup::views::Format {
    fn from(f: TableFormat) -> Self {
        match f {
            TableFormat::Table => lookup::views::Format::Table,
            TableFormat::Json => lookup::views::Format::Json,
            TableFormat::Csv => lookup::views::Format::Csv,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Kk,
    Ru,
    En,
}

fn lang(l: Option<LangArg>) -> lookup::views::Lang {
    lookup::views::Lang::parse(l.map(|l| match l {
        LangArg::Kk => "kk",
        LangArg::Ru => "ru",
        LangArg::En => "en",
    }))
}

/// A date as YYYY-MM-DD (or YYYY, YYYY-MM), checked against the calendar.
fn date_arg(s: &str) -> std::result::Result<String, String> {
    if calendar_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a date like 2025-11-14 (or 2025-11, or 2025)"
        ))
    }
}

/// YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day.
fn calendar_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let Some(year) = parts.first().and_then(|y| num(y, 4)) else {
        return false;
    };
    let month = match parts.get(1) {
        None => return parts.len() == 1,
        Some(m) => match num(m, 2) {
            Some(m @ 1..=12) => m,
            _ => return false,
        },
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    match parts.get(2) {
        None => parts.len() == 2,
        Some(d) => parts.len() == 3 && matches!(num(d, 2), Some(d) if (1..=days).contains(&d)),
    }
}

/// An event type of the graph, in any letter case.
fn event_type_arg(s: &str) -> std::result::Result<String, String> {
    use partygraph::lexicon::gazetteer::EVENT_TYPES;
    EVENT_TYPES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(s))
        .map(|t| t.to_string())
        .ok_or_else(|| {
            format!(
                "{s:?} is not an event type: one of {}",
                EVENT_TYPES.join(", ")
            )
        })
}

#[derive(Clone, Copy, ValueEnum)]
enum CardFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    Rdfxml,
}

#[derive(Clone, Copy, ValueEnum)]
enum Render {
    Svg,
    Png,
}

#[derive(Subcommand)]
enum Command {
    /// Extract and store articles into the graph (re-ingesting an article replaces its facts).
    #[command(
        after_help = "Inputs: .txt (the whole file is the article; a first line `date YYYY-MM-DD` gives the \
publication date), .html (the article text without navigation), .jsonl (one article a line: id, text, optional \
url, title, published). Folders are read recursively; - reads standard input.\n\
A bad input is reported with its file (and line) and skipped; the others are stored; the exit code is 1."
    )]
    Ingest {
        /// Files, folders or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Extract entities, posts and events without storing them.
    Extract {
        /// Files (.txt, .html, .jsonl), folders (read recursively) or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: ExtractFormat,
    },
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the store.
    #[command(
        after_help = "Results stream as they are found. Updates (INSERT, DELETE, DROP, ...) are refused: the store changes only \
through `partygraph ingest`.\n\
The default graph is the union of all graphs; the prefixes pg:, id:, org:, prov:, \
oa:, skos:, schema:, time:, rdf:, rdfs:, xsd:, owl: and dct: are declared.\n\
Example: partygraph query 'SELECT ?who ?role WHERE { ?t org:member ?p ; org:role ?r . ?p schema:name ?who . ?r skos:notation ?role }'"
    )]
    Query {
        /// The query text (or use -f).
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        sparql: Option<String>,
        /// Read the query from a file.
        #[arg(short, long, value_name = "FILE")]
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: ResultFormat,
        /// Stop the query after this many seconds (0: no limit).
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
    /// Write the whole store as RDF (sorted, so the same graph gives the same bytes).
    Export {
        #[arg(long, value_enum, default_value = "turtle")]
        format: ExportFormat,
        /// Write to a file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Draw the graph for GraphViz (DOT), or render it to SVG/PNG with GraphViz's `dot`.
    Dot {
        /// Draw only what is around the entities this name finds.
        #[arg(long, value_name = "NAME")]
        focus: Option<String>,
        /// How many steps from the focus to draw.
        #[arg(long, default_value_t = 2)]
        depth: usize,
        /// Only this party: its branches, the people holding posts in them, their events.
        #[arg(long, value_name = "NAME")]
        party: Option<String>,
        /// Only posts and events from this date on.
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        from: Option<String>,
        /// Only posts and events up to this date.
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        to: Option<String>,
        /// Labels in this language where known.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Render with GraphViz instead of printing DOT (needs the graphviz package).
        #[arg(long, value_enum)]
        render: Option<Render>,
        /// Write to a file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Look up an entity by any name, in any script, and print its card.
    #[command(
        after_help = "Names match case-insensitively and across scripts: `who amirtaev`, `who Амиртаев` and \
`who Әміртаев` find the same person. Exit code 1 when nothing matches."
    )]
    Who {
        name: String,
        #[arg(long, value_enum, default_value = "text")]
        format: CardFormat,
        /// Only the posts held on this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        as_of: Option<String>,
        /// Print names in this language where known.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Who holds which posts in a party (with its branches), a branch or an
    /// organization; each post's holders in time order.
    #[command(
        after_help = "Examples:\n  partygraph posts Байтақ --role chair\n  partygraph posts AMANAT --as-of 2025-12-31 --format csv > amanat.csv\n  partygraph posts Baytaq --lang en"
    )]
    Posts {
        /// A party, branch or organization, by any name in any script.
        org: String,
        /// Only the posts held on this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        as_of: Option<String>,
        /// Only this role (chair, deputy_chair, member, ...).
        #[arg(long)]
        role: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
        /// Print names in this language where known.
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Events, filtered by organizer, place, time and type.
    #[command(
        after_help = "Examples:\n  partygraph events --place Астана --from 2025-01-01 --to 2025-12-31\n  partygraph events --org Baytaq --type Conference --format json\n\nAn undated event counts at its article's publication date, shown in parentheses."
    )]
    Events {
        /// Organized by this party (or its branches) or organization.
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
        /// Held in this place or a place within it.
        #[arg(long, value_name = "NAME")]
        place: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        from: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        to: Option<String>,
        /// Conference, Congress, CouncilSession, Meeting, Visit, Registration, Founding, Renaming, Merger.
        #[arg(long = "type", value_name = "TYPE", value_parser = event_type_arg)]
        ty: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// What is new since a date: posts begun, ended or first reported,
    /// events, people first named.
    #[command(
        after_help = "Dates are the facts' own (a start date, an event date) or else the publication date of the first article that reports them. Without --since: what the last ingest brought, the facts only its articles report.\n\nExamples:\n  partygraph changes --since 2025-01-01\n  partygraph ingest today/ && partygraph changes"
    )]
    Changes {
        /// Facts dated (or first reported) on or after this date.
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        since: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Explain an entity: the ids, names and articles it was made from, the
    /// evidence of each merge, the candidates kept apart, the curation that applied.
    #[command(
        after_help = "Merges come from name keys across scripts plus shared parties and posts; different first names with one surname are kept apart and listed here. Force a merge or a split with a curation file (seeds/curation.toml, or --curation FILE)."
    )]
    Why {
        name: String,
        #[arg(long, value_enum, default_value = "text")]
        format: CardFormat,
    },
    /// List claims the articles disagree on: two people holding one
    /// single-holder post at once, or different start dates for one tenure.
    Conflicts {
        #[arg(long, value_enum, default_value = "text")]
        format: CardFormat,
    },
    /// Show how the morphology reads words: the nominative of a proper noun and
    /// every lemma candidate with its case.
    Lemma {
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// Run every example of the seeds and rules, and list those that fail.
    Check,
    /// Measure extraction and ingest speed on the seed articles repeated.
    Bench {
        /// The articles to repeat.
        #[arg(default_value = "seeds/articles")]
        corpus: PathBuf,
        /// Copies of the corpus to extract.
        #[arg(long, default_value_t = 200)]
        repeat: usize,
        /// Articles to ingest into a fresh store.
        #[arg(long, default_value_t = 1000)]
        ingest: usize,
    },
}

fn pipeline(cli: &Cli) -> Result<Pipeline> {
    let src = cli.seeds.clone().map(SeedSource::Dir).unwrap_or_default();
    let mut p = Pipeline::load(&src).context("loading seeds")?;
    for f in &cli.curation {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        let c = partygraph::identity::curation::Curation::parse(&f.display().to_string(), &text)?;
        p.lex.curation.extend(c);
    }
    Ok(p)
}

/// The seeds, the store and the graph built from it, for the lookups.
fn open_graph(cli: &Cli) -> Result<(Pipeline, GraphStore, partygraph::graph::KnowledgeGraph)> {
    let p = pipeline(cli)?;
    let store = cli.read_store()?;
    let kg = store.knowledge_graph(&p.lex)?;
    Ok((p, store, kg))
}

fn print_table(t: &lookup::views::Table, f: TableFormat) -> Result<ExitCode> {
    let mut out = output(&None)?;
    t.write(f.into(), &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Says that nothing answers a name; the exit code for it.
fn nothing_named(cli: &Cli, what: &str, name: &str) -> ExitCode {
    eprintln!(
        "partygraph: no {what} named {name:?} in {}",
        cli.store.display()
    );
    ExitCode::from(1)
}

fn output(path: &Option<PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

fn progress(len: u64) -> ProgressBar {
    let pb = ProgressBar::new(len);
    if !std::io::stderr().is_terminal() {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    }
    pb.set_style(
        ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} articles {elapsed}")
            .expect("template"),
    );
    pb
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Ingest { paths, json } => ingest(&cli, paths, *json),
        Command::Extract {
            paths,
            format: ExtractFormat::Tags,
        } => {
            let p = pipeline(&cli)?;
            let mut out = output(&None)?;
            let mut failed = 0;
            for a in Pipeline::read(paths) {
                match a {
                    Ok(a) => {
                        let x = p.extraction_traced(&a);
                        writeln!(out, "== {}", a.id)?;
                        for line in &x.symbols {
                            writeln!(out, "{line}")?;
                        }
                    }
                    Err(e) => {
                        failed += 1;
                        eprintln!("partygraph: {e}");
                    }
                }
            }
            out.flush()?;
            Ok(ExitCode::from(u8::from(failed > 0)))
        }
        Command::Extract { paths, format } => {
            let p = pipeline(&cli)?;
            let results = p.run_paths(paths, &|| {});
            // One id per person across the articles read together.
            let ok: Vec<partygraph::resolve::Resolved> = results
                .iter()
                .filter_map(|r| r.as_ref().ok())
                .cloned()
                .collect();
            let identity = partygraph::identity::resolve(&ok, &p.lex.curation);
            let results = results
                .into_iter()
                .map(|r| r.map(|a| partygraph::identity::apply(&a, &identity)));
            let mut out = output(&None)?;
            let mut failed = 0;
            for r in results {
                match r {
                    Ok(r) => match format {
                        ExtractFormat::Json => writeln!(out, "{}", partygraph::output::json(&r))?,
                        ExtractFormat::Text => writeln!(out, "{}", partygraph::output::text(&r))?,
                        ExtractFormat::Tags => unreachable!("read above"),
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
        Command::Query {
            sparql,
            file,
            format,
            timeout,
        } => {
            let q = match (sparql, file) {
                (Some(q), _) => q.clone(),
                (None, Some(f)) => std::fs::read_to_string(f)
                    .with_context(|| format!("reading {}", f.display()))?,
                _ => unreachable!("clap requires one"),
            };
            let store = cli.read_store()?;
            let mut out = output(&None)?;
            let limit = (*timeout > 0).then(|| std::time::Duration::from_secs(*timeout));
            partygraph::store::query::run_with_timeout(&store, &q, *format, limit, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, output: o } => {
            use oxigraph::io::{JsonLdProfileSet, RdfFormat};
            let f = match format {
                ExportFormat::Turtle => RdfFormat::Turtle,
                ExportFormat::Ntriples => RdfFormat::NTriples,
                ExportFormat::Nquads => RdfFormat::NQuads,
                ExportFormat::Trig => RdfFormat::TriG,
                ExportFormat::Jsonld => RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                },
                ExportFormat::Rdfxml => RdfFormat::RdfXml,
            };
            let store = cli.read_store()?;
            let mut out = output(o)?;
            store.export(f, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Dot {
            focus,
            depth,
            party,
            from,
            to,
            lang: l,
            render,
            output: o,
        } => {
            let (p, _, kg) = open_graph(&cli)?;
            if let Some(f) = focus {
                if lookup::find(&kg, f).is_empty() {
                    return Ok(nothing_named(&cli, "entity", f));
                }
            }
            if let Some(q) = party {
                if !lookup::find(&kg, q)
                    .iter()
                    .any(|&i| kg.graph[i].id().starts_with("party:"))
                {
                    return Ok(nothing_named(&cli, "party", q));
                }
            }
            let dot = lookup::dot::render(
                &kg,
                &p.lex,
                &DotOptions {
                    focus: focus.clone(),
                    depth: *depth,
                    party: party.clone(),
                    from: from.clone(),
                    to: to.clone(),
                    lang: lang(*l),
                },
            );
            match render {
                None => {
                    let mut out = output(o)?;
                    out.write_all(dot.as_bytes())?;
                    out.flush()?;
                }
                Some(r) => render_with_graphviz(&dot, *r, o.as_deref())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Posts {
            org,
            as_of,
            role,
            format,
            lang: l,
        } => {
            let (p, _, kg) = open_graph(&cli)?;
            let Some(&o) = lookup::find(&kg, org).iter().find(|&&i| {
                let id = kg.graph[i].id();
                !id.starts_with("person:") && !id.starts_with("place:")
            }) else {
                return Ok(nothing_named(&cli, "party or organization", org));
            };
            let t =
                lookup::views::posts(&kg, &p.lex, o, as_of.as_deref(), role.as_deref(), lang(*l));
            print_table(&t, *format)
        }
        Command::Events {
            org,
            place,
            from,
            to,
            ty,
            format,
            lang: l,
        } => {
            let (p, _, kg) = open_graph(&cli)?;
            let orgs = org.as_ref().map(|o| {
                lookup::find(&kg, o)
                    .into_iter()
                    .filter(|&i| !kg.graph[i].id().starts_with("person:"))
                    .collect::<Vec<_>>()
            });
            let places = place.as_ref().map(|q| {
                lookup::find(&kg, q)
                    .into_iter()
                    .map(|i| kg.graph[i].id().to_string())
                    .filter(|id| id.starts_with("place:"))
                    .collect::<Vec<_>>()
            });
            let missing = [
                (
                    "organization",
                    org,
                    orgs.as_ref().is_some_and(Vec::is_empty),
                ),
                ("place", place, places.as_ref().is_some_and(Vec::is_empty)),
            ];
            if let Some((what, q, _)) = missing.iter().find(|m| m.2) {
                return Ok(nothing_named(&cli, what, q.as_deref().unwrap_or_default()));
            }
            let f = lookup::views::EventFilter {
                orgs,
                places,
                from: from.as_deref(),
                to: to.as_deref(),
                ty: ty.as_deref(),
            };
            let t = lookup::views::events(&kg, &p.lex, &f, lang(*l));
            print_table(&t, *format)
        }
        Command::Changes {
            since,
            format,
            lang: l,
        } => {
            let (p, store, kg) = open_graph(&cli)?;
            let since = match since {
                Some(d) => lookup::views::Since::Date(d.clone()),
                None => match store.last_build() {
                    Some(ids) => lookup::views::Since::Articles(ids),
                    None => bail!(
                        "no ingest recorded in {}: give --since DATE",
                        cli.store.display()
                    ),
                },
            };
            let t = lookup::views::changes(&kg, &p.lex, &since, lang(*l));
            print_table(&t, *format)
        }
        Command::Who {
            name,
            format,
            as_of,
            lang: l,
        } => {
            let (p, _, kg) = open_graph(&cli)?;
            let found = lookup::find(&kg, name);
            if found.is_empty() {
                return Ok(nothing_named(&cli, "entity", name));
            }
            let mut cards: Vec<_> = found.iter().filter_map(|&i| lookup::card(&kg, i)).collect();
            if let Some(d) = as_of {
                for c in &mut cards {
                    c.posts.retain(|p| lookup::views::held_on(p, d));
                }
            }
            if l.is_some() {
                let lg = lang(*l);
                let name = |id: &str| lookup::views::name_in(&kg, &p.lex, id, lg);
                for c in &mut cards {
                    c.name = name(&c.id);
                    for post in &mut c.posts {
                        post.person_name = name(&post.person);
                        post.org_name = name(&post.org);
                    }
                }
            }
            let mut out = output(&None)?;
            match format {
                CardFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&cards)?)?,
                CardFormat::Text => {
                    for c in &cards {
                        writeln!(out, "{}", lookup::render(&kg, c))?;
                    }
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Why { name, format } => {
            let (_, _, kg) = open_graph(&cli)?;
            let found = lookup::find(&kg, name);
            if found.is_empty() {
                return Ok(nothing_named(&cli, "entity", name));
            }
            let whys: Vec<_> = found
                .iter()
                .filter_map(|&i| lookup::why::why(&kg, i))
                .collect();
            let mut out = output(&None)?;
            match format {
                CardFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&whys)?)?,
                CardFormat::Text => {
                    for w in &whys {
                        writeln!(out, "{}", lookup::why::render_why(w))?;
                    }
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Conflicts { format } => {
            let (_, _, kg) = open_graph(&cli)?;
            let cs = lookup::why::conflicts(&kg);
            let mut out = output(&None)?;
            match format {
                CardFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&cs)?)?,
                CardFormat::Text => write!(out, "{}", lookup::why::render_conflicts(&cs))?,
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lemma { words } => {
            let p = pipeline(&cli)?;
            let mut out = output(&None)?;
            for w in words {
                let cands: Vec<String> = p
                    .lex
                    .morph
                    .analyze(&partygraph::text::lower(w))
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
                writeln!(out, "{w}\t{}\t{}", p.lex.proper_lemma(w), cands.join(" "))?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let p = pipeline(&cli)?;
            let rep = partygraph::check::run(&p);
            for f in &rep.failures {
                eprintln!("{f}");
            }
            writeln!(
                std::io::stdout(),
                "check: {} passed, {} failed",
                rep.passed,
                rep.failures.len()
            )?;
            Ok(if rep.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Bench {
            corpus,
            repeat,
            ingest,
        } => {
            let p = pipeline(&cli)?;
            crate::bench(&p, corpus, *repeat, *ingest)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn ingest(cli: &Cli, paths: &[PathBuf], json: bool) -> Result<ExitCode> {
    let p = pipeline(cli)?;
    // The store first: a store another process holds is said before any work.
    let store = GraphStore::open_for_writing(&cli.store, cli.wait())?;
    let articles = Pipeline::read(paths);
    let pb = progress(articles.len() as u64);
    let results = p.run_inputs(articles, &|| pb.inc(1));
    pb.finish_and_clear();
    let mut ok = Vec::new();
    let mut failures = Vec::new();
    for r in results {
        match r {
            Ok(a) => ok.push(a),
            Err(e) => {
                eprintln!("partygraph: {e}");
                failures.push(e.to_string());
            }
        }
    }
    let summary = store.ingest(&ok, &p.lex)?;
    let ids: Vec<String> = ok.iter().map(|a| a.doc.clone()).collect();
    if let Err(e) = store.record_build(&ids) {
        eprintln!("partygraph: could not record this build for `changes`: {e}");
    }
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(
            out,
            "{}",
            serde_json::json!({"summary": summary, "failures": failures})
        )?;
    } else {
        writeln!(
            out,
            "ingested {} article{} into {} ({} in store): {} entities, {} posts, {} events, {} quads; {} failed",
            summary.articles,
            if summary.articles == 1 { "" } else { "s" },
            cli.store.display(),
            summary.articles_in_store,
            summary.entities,
            summary.posts,
            summary.events,
            summary.quads,
            failures.len()
        )?;
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn render_with_graphviz(dot: &str, r: Render, out: Option<&Path>) -> Result<()> {
    let fmt = match r {
        Render::Svg => "-Tsvg",
        Render::Png => "-Tpng",
    };
    let mut cmd = std::process::Command::new("dot");
    cmd.arg(fmt);
    if let Some(o) = out {
        cmd.arg("-o").arg(o);
    }
    let mut child = match cmd.stdin(std::process::Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("GraphViz's `dot` is not installed: install it (Debian/Ubuntu: `apt-get install graphviz`), or drop --render to print DOT")
        }
        Err(e) => return Err(e).context("running GraphViz's dot"),
    };
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(dot.as_bytes())?;
    let status = child.wait()?;
    if !status.success() {
        bail!("GraphViz's dot failed ({status})");
    }
    Ok(())
}
