//! `partygraph posts`: who holds which posts in an organization.

use super::args::{date_arg, lang, LangArg, TableFormat};
use super::{render, Cli, Outcome};
use anyhow::Result;
use partygraph::lookup::{self, views};

/// Who holds which posts in a party (with its branches), a branch or an
/// organization; each post's holders in time order.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  partygraph posts Байтақ --role chair\n  partygraph posts AMANAT --as-of 2025-12-31 --format csv > amanat.csv\n  partygraph posts Baytaq --lang en"
)]
pub struct Args {
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
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let (p, _, kg) = cli.open_graph()?;
    let Some(&o) = lookup::find(&kg, &args.org).iter().find(|&&i| {
        let id = kg.graph[i].id();
        !id.starts_with("person:") && !id.starts_with("place:")
    }) else {
        return Ok(cli.nothing_named("party or organization", &args.org));
    };
    let t = views::posts(
        &kg,
        &p.lex,
        o,
        args.as_of.as_deref(),
        args.role.as_deref(),
        lang(args.lang),
    );
    render::table::print(&t, args.format)?;
    Ok(Outcome::Done)
}
