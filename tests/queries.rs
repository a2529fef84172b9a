//! The example queries of `examples/queries/`: each `NAME.rq` runs on the
//! store built from the seed articles and must give `NAME.tsv` beside it
//! (SPARQL 1.1 TSV results, in the query's order). `UPDATE_GOLDEN=1`
//! rewrites the expected results for review.

use partygraph::input;
use partygraph::pipeline::Pipeline;
use partygraph::store::query::ResultFormat;
use std::path::{Path, PathBuf};

#[test]
fn example_queries_give_their_expected_results() {
    let p = Pipeline::load(&Default::default()).unwrap();
    let mut resolved = Vec::new();
    for f in input::expand(&[PathBuf::from("seeds/articles")]) {
        for a in input::read(&f.unwrap()) {
            resolved.push(p.run(&a.unwrap()));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let store = partygraph::store::GraphStore::open(dir.path()).unwrap();
    store.ingest(&resolved, &p.lex).unwrap();

    let mut queries: Vec<PathBuf> = std::fs::read_dir("examples/queries")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 12, "{} example queries", queries.len());
    let mut failures = Vec::new();
    let mut answered = 0;
    for q in &queries {
        let text = std::fs::read_to_string(q).unwrap();
        assert!(
            text.lines().next().is_some_and(|l| l.starts_with("# ")),
            "{} must open with a comment saying its question",
            q.display()
        );
        let mut out = Vec::new();
        let rows = partygraph::store::query::run(&store, &text, ResultFormat::Tsv, &mut out)
            .unwrap_or_else(|e| panic!("{}: {e}", q.display()));
        let actual = String::from_utf8(out).unwrap();
        let expected_path: &Path = &q.with_extension("tsv");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(expected_path, &actual).unwrap();
            continue;
        }
        if rows > 0 {
            answered += 1;
        }
        let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}: expected\n{expected}\ngot\n{actual}",
                q.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if std::env::var_os("UPDATE_GOLDEN").is_none() {
        // An empty answer can be right (nobody switched parties), but most
        // questions must find something in the seeds.
        assert!(answered >= 10, "only {answered} queries find anything");
    }
}

/// Each example query declares the prefixes it uses and says what default
/// graph it expects, so that it runs unchanged on another SPARQL service:
/// it parses with a parser that knows no prefixes.
#[test]
fn example_queries_are_portable() {
    let mut n = 0;
    for e in std::fs::read_dir("examples/queries").unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|e| e != "rq") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(e) = oxigraph::sparql::SparqlEvaluator::new().parse_query(&text) {
            panic!("{} does not parse on its own: {e}", path.display());
        }
        assert!(
            text.lines()
                .take_while(|l| l.starts_with('#'))
                .any(|l| l.contains("Default graph")),
            "{} must say what default graph it expects",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 12, "{n} example queries");
}
