//! `partygraph lemma`: how the morphology reads words.

use super::{render, Cli, Outcome};
use anyhow::Result;
use std::io::Write as _;

/// Show how the morphology reads words: the nominative of a proper noun and
/// every lemma candidate with its case.
#[derive(clap::Args)]
pub struct Args {
    #[arg(required = true)]
    words: Vec<String>,
}

pub fn run(cli: &Cli, args: &Args) -> Result<Outcome> {
    let p = cli.pipeline()?;
    let mut out = render::stdout();
    for w in &args.words {
        let lemmas = p.lex.morph.analyze(&partygraph::text::lower(w));
        render::lemma(&mut out, w, &p.lex.proper_lemma(w), &lemmas)?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}
