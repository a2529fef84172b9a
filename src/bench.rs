//! `partygraph bench`: extraction speed (MB/s on one core, and on all cores)
//! and ingest speed (articles/s into a fresh on-disk store) on a corpus
//! repeated many times. Anyone can rerun it; the README reports its figures.

use anyhow::{Context, Result};
use partygraph::input::{self, Article};
use partygraph::pipeline::Pipeline;
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

pub fn bench(p: &Pipeline, corpus: &Path, repeat: usize, ingest: usize) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let mut base: Vec<Article> = Vec::new();
    for f in input::expand(&[corpus.to_path_buf()]) {
        for a in input::read(&f?) {
            base.push(a?);
        }
    }
    anyhow::ensure!(!base.is_empty(), "no articles in {}", corpus.display());
    let articles: Vec<Article> = (0..repeat.max(1))
        .flat_map(|i| {
            base.iter().map(move |a| Article {
                id: format!("{}-{i}", a.id),
                ..a.clone()
            })
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    writeln!(
        out,
        "corpus: {} articles ({} × {}), {:.1} MB",
        articles.len(),
        base.len(),
        repeat,
        mb
    )?;

    let t = Instant::now();
    for a in &articles {
        std::hint::black_box(p.run(a));
    }
    let one = t.elapsed().as_secs_f64();
    writeln!(
        out,
        "extract, 1 thread:  {:>8.2} MB/s per core  ({:.0} articles/s)",
        mb / one,
        articles.len() as f64 / one
    )?;

    let threads = rayon::current_num_threads();
    let t = Instant::now();
    let resolved: Vec<_> = articles.par_iter().map(|a| p.run(a)).collect();
    let all = t.elapsed().as_secs_f64();
    writeln!(
        out,
        "extract, {threads} threads: {:>8.2} MB/s in all, {:.2} MB/s per core  ({:.0} articles/s)",
        mb / all,
        mb / all / threads as f64,
        articles.len() as f64 / all
    )?;

    let n = ingest.min(resolved.len());
    let dir = std::env::temp_dir().join(format!("partygraph-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = partygraph::store::GraphStore::open(&dir).context("opening a bench store")?;
    let t = Instant::now();
    let s = store.ingest(&resolved[..n], &p.lex)?;
    let secs = t.elapsed().as_secs_f64();
    writeln!(
        out,
        "ingest, one run:    {:>8.0} articles/s  ({n} articles, {} quads, {:.2} s)",
        n as f64 / secs,
        s.quads,
        secs
    )?;
    drop(store);
    let size: u64 = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    writeln!(out, "store on disk:      {:>8.1} MB", size as f64 / 1e6)?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
