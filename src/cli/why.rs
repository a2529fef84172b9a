//! `partygraph why`: what made an entity one entity.

use super::args::CardFormat;
use super::{render, Cli, Outcome};
use anyhow::Result;
use partygraph::lookup;
use std::io::Write as _;

/// Explain an entity: the ids, names and articles it was made from, the
/// evidence of each merge, the candidates kept apart, the curation that applied.
#[derive(clap::Args)]
#[command(
    after_help = "Merges come from name keys across scripts plus shared parties and posts; different first names with one surname are kept apart and listed here. Force a merge or a split with a curation file (seeds/curation.toml, or --curation FILE)."
)]
pub struct Args {
    name: String,
    #[arg(long, value_enum, default_value = "text")]
    format: CardFormat,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let (_, _, kg) = cli.open_graph()?;
    let found = lookup::find(&kg, &args.name);
    if found.is_empty() {
        return Ok(cli.nothing_named("entity", &args.name));
    }
    let whys: Vec<_> = found
        .iter()
        .filter_map(|&i| lookup::why::why(&kg, i))
        .collect();
    let mut out = render::stdout();
    match args.format {
        CardFormat::Json => render::json(&mut out, &whys)?,
        CardFormat::Text => {
            for w in &whys {
                render::cards::why(&mut out, w)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}
