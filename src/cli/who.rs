//! `partygraph who`: the card of an entity found by any name.

use super::args::{date_arg, lang, CardFormat, LangArg};
use super::{render, Cli, Outcome};
use anyhow::Result;
use partygraph::lookup::{self, views};
use std::io::Write as _;

/// Look up an entity by any name, in any script, and print its card.
#[derive(clap::Args)]
#[command(
    after_help = "Names match case-insensitively and across scripts: `who amirtaev`, `who Амиртаев` and \
`who Әміртаев` find the same person. Exit code 1 when nothing matches."
)]
pub struct Args {
    name: String,
    #[arg(long, value_enum, default_value = "text")]
    format: CardFormat,
    /// Only the posts held on this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    as_of: Option<String>,
    /// Print names in this language where known.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let (p, _, kg) = cli.open_graph()?;
    let found = lookup::find(&kg, &args.name);
    if found.is_empty() {
        return Ok(cli.nothing_named("entity", &args.name));
    }
    let mut cards: Vec<_> = found.iter().filter_map(|&i| lookup::card(&kg, i)).collect();
    if let Some(d) = &args.as_of {
        for c in &mut cards {
            c.posts.retain(|p| views::held_on(p, d));
        }
    }
    if args.lang.is_some() {
        let lg = lang(args.lang);
        let name = |id: &str| views::name_in(&kg, &p.lex, id, lg);
        for c in &mut cards {
            c.name = name(&c.id);
            for post in &mut c.posts {
                post.person_name = name(&post.person);
                post.org_name = name(&post.org);
            }
        }
    }
    let mut out = render::stdout();
    match args.format {
        CardFormat::Json => render::json(&mut out, &cards)?,
        CardFormat::Text => {
            for c in &cards {
                render::cards::card(&mut out, &kg, c)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}
