//! Every output of the lookup, query and extract commands, in every format,
//! on the seed articles, as snapshots in `tests/snapshots/` (`outputs__*`).
//! A snapshot holds what the command wrote to standard output, then `[EOF]`
//! so that the last newlines count. `INSTA_UPDATE=always cargo test --test
//! outputs` rewrites them for review.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Runs the command on a store named by the environment, as a newsroom's
/// shell would.
fn pg(store: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partygraph"));
    cmd.env("PARTYGRAPH_STORE", store).args(args);
    cmd.output().expect("run partygraph")
}

/// One store of the seed articles for every test of this file; a conflicting
/// pair of articles goes in last, so `conflicts` and `changes` have
/// something to say.
fn store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, db) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = dir.path().join("db");
        for input in ["seeds/articles", "tests/fixtures/conflicts"] {
            let o = pg(&db, &["ingest", input]);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        (dir, db)
    });
    db
}

/// Runs a command that must succeed and checks its whole output.
fn snapshot(name: &str, args: &[&str]) {
    let o = pg(store(), args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    let out = String::from_utf8(o.stdout).expect("UTF-8 output");
    insta::with_settings!({ description => args.join(" "), omit_expression => true }, {
        insta::assert_snapshot!(name, format!("{out}[EOF]"));
    });
}

/// The same command in each format, one snapshot each.
fn every_format(name: &str, args: &[&str], formats: &[&str]) {
    for f in formats {
        let mut a = args.to_vec();
        a.extend(["--format", f]);
        snapshot(&format!("{name}-{f}"), &a);
    }
}

const TABLES: &[&str] = &["table", "json", "csv"];
const CARDS: &[&str] = &["text", "json"];
const QUERIES: &[&str] = &["table", "csv", "tsv", "json", "xml"];

#[test]
fn who_in_every_format() {
    every_format("who", &["who", "Amirtai"], CARDS);
    every_format(
        "who-as-of",
        &["who", "Amirtai", "--as-of", "2024-01-01"],
        CARDS,
    );
    snapshot("who-lang-en", &["who", "Қошанов", "--lang", "en"]);
    snapshot("who-party", &["who", "AMANAT"]);
}

#[test]
fn posts_in_every_format() {
    every_format("posts", &["posts", "Байтақ"], TABLES);
    every_format(
        "posts-chair",
        &["posts", "Байтақ", "--role", "chair"],
        TABLES,
    );
    every_format(
        "posts-as-of",
        &["posts", "AMANAT", "--as-of", "2025-12-31"],
        TABLES,
    );
    snapshot("posts-lang-en", &["posts", "Baytaq", "--lang", "en"]);
}

#[test]
fn events_in_every_format() {
    every_format("events", &["events"], TABLES);
    let window = [
        "events",
        "--place",
        "Астана",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
    ];
    every_format("events-place", &window, TABLES);
    every_format(
        "events-org",
        &["events", "--org", "Baytaq", "--type", "conference"],
        TABLES,
    );
    snapshot("events-lang-ru", &["events", "--lang", "ru"]);
}

#[test]
fn changes_in_every_format() {
    every_format(
        "changes-since",
        &["changes", "--since", "2023-01-01"],
        TABLES,
    );
    every_format("changes-last-ingest", &["changes"], TABLES);
}

#[test]
fn why_and_conflicts_in_every_format() {
    every_format("why", &["why", "Амиртаев"], CARDS);
    every_format("why-kept-apart", &["why", "Мұрат Ташибаев"], CARDS);
    every_format("conflicts", &["conflicts"], CARDS);
}

#[test]
fn query_in_every_format() {
    let select = "SELECT ?name ?role WHERE { ?t org:member ?p ; org:role ?r . \
                  ?p schema:name ?name . ?r skos:notation ?role } ORDER BY ?name ?role";
    every_format("query-select", &["query", select], QUERIES);
    every_format("query-ask", &["query", "ASK { ?p a pg:Party }"], QUERIES);
    let construct = "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a pg:Party ; schema:name ?n }";
    snapshot("query-construct", &["query", construct]);
}

#[test]
fn extract_in_every_format() {
    every_format(
        "extract",
        &["extract", "seeds/articles"],
        &["text", "json", "tags"],
    );
}

#[test]
fn a_bad_date_is_refused_with_one_message_wherever_a_date_is_read() {
    let flags: &[&[&str]] = &[
        &["who", "Amirtai", "--as-of"],
        &["posts", "AMANAT", "--as-of"],
        &["events", "--from"],
        &["events", "--to"],
        &["changes", "--since"],
        &["dot", "--from"],
        &["dot", "--to"],
    ];
    for bad in ["2025-02-30", "2025-13", "20250101", "14.11.2025"] {
        let said = format!("{bad:?} is not a date like 2025-11-14 (or 2025-11, or 2025)");
        for f in flags {
            let mut args = f.to_vec();
            args.push(bad);
            let o = pg(store(), &args);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains(&said), "{args:?}: {err}");
            assert!(o.stdout.is_empty(), "{args:?} wrote output");
        }
    }
}
