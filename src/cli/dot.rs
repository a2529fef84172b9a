//! `partygraph dot`: the graph for GraphViz, or drawn by it.

use super::args::{date_arg, lang, LangArg};
use super::{render, Cli, Outcome};
use anyhow::{bail, Context as _, Result};
use clap::ValueEnum;
use partygraph::lookup::{self, dot::DotOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Draw the graph for GraphViz (DOT), or render it to SVG/PNG with GraphViz's `dot`.
#[derive(clap::Args)]
pub struct Args {
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
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Render {
    Svg,
    Png,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let (p, _, kg) = cli.open_graph()?;
    if let Some(f) = &args.focus {
        if lookup::find(&kg, f).is_empty() {
            return Ok(cli.nothing_named("entity", f));
        }
    }
    if let Some(q) = &args.party {
        if !lookup::find(&kg, q)
            .iter()
            .any(|&i| kg.graph[i].id().starts_with("party:"))
        {
            return Ok(cli.nothing_named("party", q));
        }
    }
    let opts = DotOptions {
        focus: args.focus.clone(),
        depth: args.depth,
        party: args.party.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        lang: lang(args.lang),
    };
    let dot = lookup::dot::render(&kg, &p.lex, &opts);
    match args.render {
        None => {
            let mut out = render::output(args.output.as_deref())?;
            out.write_all(dot.as_bytes())?;
            out.flush()?;
        }
        Some(r) => graphviz(&dot, r, args.output.as_deref())?,
    }
    Ok(Outcome::Done)
}

/// Runs GraphViz's `dot` on the drawing.
fn graphviz(dot: &str, r: Render, out: Option<&Path>) -> Result<()> {
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
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(dot.as_bytes())?;
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("GraphViz's dot failed ({status})");
    }
    Ok(())
}
