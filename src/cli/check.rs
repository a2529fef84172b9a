//! `partygraph check`: every example of the seeds and rules.

use super::{render, Cli, Outcome};
use anyhow::Result;

/// Run every example of the seeds and rules, and list those that fail.
#[derive(clap::Args)]
pub struct Args {}

pub fn run(cli: &Cli, _: &Args) -> Result<Outcome> {
    let p = cli.pipeline()?;
    let report = partygraph::check::run(&p);
    render::check(&report)?;
    Ok(Outcome::failures(report.failures.len()))
}
