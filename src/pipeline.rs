//! The pipeline from an article to a resolved article, and over many
//! articles in parallel.

use crate::extract::rules::{self, Rule};
use crate::input::{self, Article, InputError};
use crate::lexicon::{Lexicon, SeedError, SeedSource};
use crate::resolve::Resolved;
use rayon::prelude::*;
use std::path::PathBuf;

/// The lexicon and the compiled rules.
pub struct Pipeline {
    pub lex: Lexicon,
    pub rules: Vec<Rule>,
}

impl Pipeline {
    pub fn load(src: &SeedSource) -> Result<Pipeline, SeedError> {
        let lex = Lexicon::load(src)?;
        let mut all = Vec::new();
        for (file, text) in &lex.rule_files {
            all.extend(rules::parse(file, text)?);
        }
        Ok(Pipeline { lex, rules: all })
    }

    /// One article through every stage.
    pub fn run(&self, a: &Article) -> Resolved {
        let doc = crate::text::analyze(a, &self.lex);
        let x = crate::extract::extract(doc, &self.lex, &self.rules);
        crate::resolve::resolve(&x, &self.lex, a.url.clone(), a.title.clone())
    }

    /// The extraction of one article, before resolution.
    pub fn extraction(&self, a: &Article) -> crate::extract::Extraction {
        let doc = crate::text::analyze(a, &self.lex);
        crate::extract::extract(doc, &self.lex, &self.rules)
    }

    /// The extraction with each sentence's symbols as text.
    pub fn extraction_traced(&self, a: &Article) -> crate::extract::Extraction {
        let doc = crate::text::analyze(a, &self.lex);
        crate::extract::extract_with(doc, &self.lex, &self.rules, true)
    }

    /// Reads and processes inputs in parallel, keeping their order. Each item
    /// is an article's result or the error of an input that could not be read.
    pub fn run_paths(
        &self,
        paths: &[PathBuf],
        on_done: &(dyn Fn() + Sync),
    ) -> Vec<Result<Resolved, InputError>> {
        self.run_inputs(Self::read(paths), on_done)
    }

    /// Reads what a run names, showing the reader's notes on standard error.
    pub fn read(paths: &[PathBuf]) -> Vec<Result<input::Article, InputError>> {
        let inputs = input::read_all(paths);
        for note in &inputs.notes {
            eprintln!("partygraph: {note}");
        }
        inputs.articles
    }

    /// Processes articles already read, in parallel, keeping their order.
    pub fn run_inputs(
        &self,
        articles: Vec<Result<input::Article, InputError>>,
        on_done: &(dyn Fn() + Sync),
    ) -> Vec<Result<Resolved, InputError>> {
        articles
            .into_par_iter()
            .map(|a| {
                let r = a.map(|a| self.run(&a));
                on_done();
                r
            })
            .collect()
    }
}
