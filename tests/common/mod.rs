//! What the tests share: one article through the pipeline and its posts as
//! plain tuples to compare; the `partygraph` command run on a store.
#![allow(dead_code)]

use partygraph::input::Article;
use partygraph::lexicon::SeedSource;
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Resolved;
use std::path::Path;
use std::process::{Command, Output};

/// A post as (person id, role, organization id, status).
pub type PostRow = (String, String, String, String);

/// One article of `text` through every stage, with the built-in seeds.
pub fn run(text: &str) -> Resolved {
    let p = Pipeline::load(&SeedSource::Embedded).expect("embedded seeds load");
    p.run(&Article {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    })
}

/// Every post of a result, sorted.
pub fn post_rows(r: &Resolved) -> Vec<PostRow> {
    let mut v: Vec<PostRow> = r
        .posts
        .iter()
        .map(|p| {
            (
                p.person.clone(),
                p.role.clone(),
                p.org.clone(),
                p.status.clone(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A post row to expect.
pub fn post(person: &str, role: &str, org: &str, status: &str) -> PostRow {
    (person.into(), role.into(), org.into(), status.into())
}

/// The `partygraph` binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_partygraph")
}

/// `partygraph --store STORE ARGS...`, whatever PARTYGRAPH_STORE says.
pub fn pg(store: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("PARTYGRAPH_STORE")
        .output()
        .expect("run partygraph")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The store as N-Quads (sorted: the export is).
pub fn export(store: &Path) -> String {
    let o = pg(store, &["export", "--format", "nquads"]);
    assert!(o.status.success(), "export: {}", stderr(&o));
    stdout(&o)
}
