//! `partygraph events`: events by organizer, place, time and type.

use super::args::{date_arg, event_type_arg, lang, View};
use super::{render, Cli, Outcome};
use anyhow::Result;
use partygraph::graph::KnowledgeGraph;
use partygraph::lookup::{self, views};
use petgraph::graph::NodeIndex;

/// Events, filtered by organizer, place, time and type.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  partygraph events --place Астана --from 2025-01-01 --to 2025-12-31\n  partygraph events --org Baytaq --type Conference --format json\n\nAn undated event counts at its article's publication date, shown in parentheses."
)]
pub struct Args {
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
    #[command(flatten)]
    view: View,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let (p, _, kg) = cli.open_graph()?;
    let orgs = args.org.as_deref().map(|o| organizations(&kg, o));
    let places = args.place.as_deref().map(|q| places(&kg, q));
    if let (Some(q), Some(v)) = (&args.org, &orgs) {
        if v.is_empty() {
            return Ok(cli.nothing_named("organization", q));
        }
    }
    if let (Some(q), Some(v)) = (&args.place, &places) {
        if v.is_empty() {
            return Ok(cli.nothing_named("place", q));
        }
    }
    let f = views::EventFilter {
        orgs,
        places,
        from: args.from.as_deref(),
        to: args.to.as_deref(),
        ty: args.ty.as_deref(),
    };
    let t = views::events(&kg, &p.lex, &f, lang(args.view.lang));
    render::table::print(&t, args.view.format)?;
    Ok(Outcome::Done)
}

/// What a name finds that can organize: anything but a person.
fn organizations(kg: &KnowledgeGraph, name: &str) -> Vec<NodeIndex> {
    lookup::find(kg, name)
        .into_iter()
        .filter(|&i| !kg.graph[i].id().starts_with("person:"))
        .collect()
}

/// The places a name finds, as ids.
fn places(kg: &KnowledgeGraph, name: &str) -> Vec<String> {
    lookup::find(kg, name)
        .into_iter()
        .map(|i| kg.graph[i].id().to_string())
        .filter(|id| id.starts_with("place:"))
        .collect()
}
