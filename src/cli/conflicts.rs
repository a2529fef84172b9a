//! `partygraph conflicts`: claims the articles disagree on.

use super::args::CardFormat;
use super::{render, Cli, Outcome};
use anyhow::Result;
use std::io::Write as _;

/// List claims the articles disagree on: two people holding one
/// single-holder post at once, or different start dates for one tenure.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    format: CardFormat,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let (_, _, kg) = cli.open_graph()?;
    let cs = partygraph::lookup::why::conflicts(&kg);
    let mut out = render::stdout();
    match args.format {
        CardFormat::Json => render::json(&mut out, &cs)?,
        CardFormat::Text => render::cards::conflicts(&mut out, &cs)?,
    }
    out.flush()?;
    Ok(Outcome::Done)
}
