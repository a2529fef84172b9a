//! What the extraction tests share: one article through the pipeline, and
//! its posts as plain tuples to compare.
#![allow(dead_code)]

use partygraph::input::Article;
use partygraph::lexicon::SeedSource;
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Resolved;

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
