//! `partygraph extract`: what the rules read in articles, without storing it.

use super::{render, Cli, Outcome};
use anyhow::Result;
use clap::ValueEnum;
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Resolved;
use std::io::Write as _;
use std::path::PathBuf;

/// Extract entities, posts and events without storing them.
#[derive(clap::Args)]
pub struct Args {
    /// Files (.txt, .html, .jsonl), folders (read recursively) or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: ExtractFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One FORMAT object per article per line, for machines and the scorer.
    Json,
    /// The text with its mentions underlined and the facts below, for people.
    Text,
    /// Each sentence's symbols as the rules of seeds/rules/ see them
    /// (TAG/case«words»), for writing and debugging rules.
    Tags,
}

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
