//! `partygraph changes`: what is new since a date, or since the last ingest.

use super::args::{date_arg, lang, View};
use super::{render, Cli, Outcome};
use anyhow::{bail, Result};
use partygraph::lookup::views::{self, Since};

/// What is new since a date: posts begun, ended or first reported,
/// events, people first named.
#[derive(clap::Args)]
#[command(
    after_help = "Dates are the facts' own (a start date, an event date) or else the publication date of the first article that reports them. Without --since: what the last ingest brought, the facts only its articles report.\n\nExamples:\n  partygraph changes --since 2025-01-01\n  partygraph ingest today/ && partygraph changes"
)]
pub struct Args {
    /// Facts dated (or first reported) on or after this date.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    since: Option<String>,
    #[command(flatten)]
    view: View,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let (p, store, kg) = cli.open_graph()?;
    let since = match &args.since {
        Some(d) => Since::Date(d.clone()),
        None => match store.last_build() {
            Some(ids) => Since::Articles(ids),
            None => bail!(
                "no ingest recorded in {}: give --since DATE",
                cli.store.display()
            ),
        },
    };
    let t = views::changes(&kg, &p.lex, &since, lang(args.view.lang));
    render::table::print(&t, args.view.format)?;
    Ok(Outcome::Done)
}
