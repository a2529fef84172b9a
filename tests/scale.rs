//! Extraction as a map and the merge from extractions: `extract
//! --per-article` gives each article's output from that article alone, and
//! `ingest --extractions` builds the very store that ingesting the articles
//! builds.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn pg(store: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_partygraph"))
        .arg("--store")
        .arg(store)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("partygraph runs");
    c.stdin.take().unwrap().write_all(stdin).unwrap();
    c.wait_with_output().unwrap()
}

fn sorted_nquads(store: &Path) -> Vec<String> {
    let o = pg(store, &["export", "--format", "nquads"], b"");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut lines: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// The seed articles as JSON lines.
fn seed_jsonl() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/articles");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = String::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let id = f.file_stem().unwrap().to_str().unwrap();
        out += &serde_json::json!({"id": id, "text": text}).to_string();
        out.push('\n');
    }
    out
}

#[test]
fn ingest_from_extractions_gives_the_store_of_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let o = pg(&a, &["ingest", "seeds/articles"], b"");
    assert!(o.status.success());
    let x = pg(
        &a,
        &[
            "extract",
            "--per-article",
            "--format",
            "resolved",
            "seeds/articles",
        ],
        b"",
    );
    assert!(x.status.success());
    assert_eq!(String::from_utf8_lossy(&x.stdout).lines().count(), 5);
    // From a folder of extraction files, one of them empty of articles.
    let xdir = dir.path().join("x");
    std::fs::create_dir(&xdir).unwrap();
    std::fs::write(xdir.join("part-1.jsonl"), &x.stdout).unwrap();
    std::fs::write(xdir.join("part-2.jsonl"), b"\n").unwrap();
    std::fs::write(xdir.join("notes.txt"), b"not read").unwrap();
    let o = pg(
        &b,
        &["ingest", "--extractions", xdir.to_str().unwrap()],
        b"",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (qa, qb) = (sorted_nquads(&a), sorted_nquads(&b));
    assert!(qa.len() > 1000);
    assert!(qa == qb, "the stores differ");
    // The same through standard input.
    let c = dir.path().join("c");
    let o = pg(&c, &["ingest", "--extractions", "-"], &x.stdout);
    assert!(o.status.success());
    assert!(sorted_nquads(&c) == qa);
}

#[test]
fn per_article_output_is_the_same_in_any_batch() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s");
    let all = seed_jsonl();
    for format in ["resolved", "json"] {
        let args = ["extract", "--per-article", "--format", format, "-"];
        let batch = pg(&s, &args, all.as_bytes());
        assert!(batch.status.success());
        let batch = String::from_utf8(batch.stdout).unwrap();
        let lines: Vec<&str> = batch.lines().collect();
        assert_eq!(lines.len(), 5);
        for (i, article) in all.lines().enumerate() {
            let alone = pg(&s, &args, format!("{article}\n").as_bytes());
            assert_eq!(
                String::from_utf8(alone.stdout).unwrap(),
                format!("{}\n", lines[i])
            );
        }
        // In reverse order, each line is still its article's.
        let reversed: String = all.lines().rev().map(|l| format!("{l}\n")).collect();
        let rev = pg(&s, &args, reversed.as_bytes());
        let rev = String::from_utf8(rev.stdout).unwrap();
        let mut back: Vec<&str> = rev.lines().collect();
        back.reverse();
        assert_eq!(back, lines);
    }
    assert!(!s.exists(), "extract made a store");
}

#[test]
fn a_bad_line_is_named_and_the_others_come_out() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s");
    let input = "{\"id\": \"a\", \"text\": \"Председатель партии AMANAT Ерлан Кошанов выступил в Астане.\"}\n\
                 {\"id\": \"b\", \"text\": \"\"}\n\
                 \n\
                 {\"id\": \"c\", \"text\": \"broken\n\
                 {\"id\": \"d\", \"text\": \"Председатель партии AMANAT Ерлан Кошанов выступил.\"}\n";
    let o = pg(
        &s,
        &["extract", "--per-article", "--format", "json", "-"],
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    let docs: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"].to_string())
        .collect();
    assert_eq!(docs, ["\"a\"", "\"d\""]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("-:2: id \"b\": empty \"text\""), "{err}");
    assert!(err.contains("-:4: malformed JSON"), "{err}");
}

#[test]
fn a_bad_extraction_line_is_named_and_the_others_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s");
    let x = pg(
        &s,
        &["extract", "--format", "resolved", "seeds/articles"],
        b"",
    );
    let good = String::from_utf8(x.stdout).unwrap();
    let first = good.lines().next().unwrap();
    let file = dir.path().join("x.jsonl");
    std::fs::write(&file, format!("{good}{{\"doc\": 1}}\n{first}\n")).unwrap();
    let o = pg(
        &s,
        &["ingest", "--extractions", file.to_str().unwrap()],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    let f = file.display();
    assert!(err.contains(&format!("{f}:6: not an extraction")), "{err}");
    assert!(err.contains(&format!("{f}:7: id ")), "{err}");
    assert!(
        err.contains(&format!("is already the id of {f}:1")),
        "{err}"
    );
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("ingested 5 articles"));
}

/// The test server of `tests/push_server.py` on a free loopback port; it
/// stops when this is dropped (its standard input closes).
struct Server {
    child: std::process::Child,
    base: String,
}

impl Server {
    fn start() -> Server {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/push_server.py");
        let mut child = Command::new("python3")
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs");
        let mut port = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.as_mut().unwrap()),
            &mut port,
        )
        .unwrap();
        let port = port.trim();
        assert!(
            !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()),
            "the test server did not start (it needs Python's pyoxigraph: `./dev setup` installs it)"
        );
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    fn get(&self, path: &str) -> String {
        ureq::get(format!("{}{path}", self.base))
            .call()
            .unwrap()
            .into_body()
            .read_to_string()
            .unwrap()
    }

    /// The server's quads, sorted.
    fn dump(&self) -> Vec<String> {
        self.get("/dump").lines().map(str::to_string).collect()
    }

    /// A query's TSV rows, header first, the others sorted.
    fn query(&self, q: &str) -> Vec<String> {
        let body = ureq::post(format!("{}/query", self.base))
            .send_form([("query", q)])
            .unwrap()
            .into_body()
            .read_to_string()
            .unwrap();
        rows(&body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

fn rows(tsv: &str) -> Vec<String> {
    let mut lines: Vec<String> = tsv.lines().map(str::to_string).collect();
    if lines.len() > 1 {
        lines[1..].sort();
    }
    lines
}

fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = pg(&dir.path().join("s"), &["ingest", "seeds/articles"], b"");
    assert!(o.status.success());
    dir
}

#[test]
fn push_gives_the_server_the_store_and_pushing_again_changes_nothing() {
    let dir = seeded();
    let s = dir.path().join("s");
    let server = Server::start();
    let url = format!("{}/store", server.base);
    let o = pg(&s, &["push", "--graph-store", &url], b"");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8(o.stdout).unwrap();
    assert!(said.starts_with("pushed 8 graphs (5"), "{said}");
    let first = server.dump();
    assert_eq!(first, sorted_nquads(&s));
    // Every example query gives the server the rows it gives the store.
    let dir_q = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries");
    let mut queries: Vec<_> = std::fs::read_dir(dir_q)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 10);
    let mut answered = 0;
    for q in &queries {
        let local = pg(
            &s,
            &["query", "-f", q.to_str().unwrap(), "--format", "tsv"],
            b"",
        );
        assert!(local.status.success());
        let local = rows(&String::from_utf8(local.stdout).unwrap());
        let remote = server.query(&std::fs::read_to_string(q).unwrap());
        assert_eq!(remote, local, "{}", q.display());
        answered += usize::from(local.len() > 1);
    }
    assert!(
        answered >= 8,
        "only {answered} queries find rows in the seed store"
    );
    // A second push replaces each graph by itself.
    let o = pg(&s, &["push", "--graph-store", &url, "--batch", "500"], b"");
    assert!(o.status.success());
    assert_eq!(server.dump(), first);
}

#[test]
fn push_through_sparql_update_in_batches_replaces_each_graph() {
    let dir = seeded();
    let s = dir.path().join("s");
    let server = Server::start();
    let url = format!("{}/update", server.base);
    // What the server had in a graph of the store is replaced; its other graphs stay.
    let kg = partygraph::rdf::vocab::graph_kg();
    let old = format!(
        "INSERT DATA {{ GRAPH <{kg}> {{ <urn:x> <urn:y> <urn:z> }} GRAPH <urn:other> {{ <urn:a> <urn:b> <urn:c> }} }}"
    );
    ureq::post(format!("{}/update", server.base))
        .header("Content-Type", "application/sparql-update")
        .send(old.as_str())
        .unwrap();
    assert_eq!(server.dump().len(), 2);
    let o = pg(
        &s,
        &["push", "--update", &url, "--batch", "300", "--json"],
        b"",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["graphs"], 8);
    assert!(summary["requests"].as_u64().unwrap() > 8);
    let mut expected = sorted_nquads(&s);
    expected.push("<urn:a> <urn:b> <urn:c> <urn:other> .".to_string());
    expected.sort();
    let first = server.dump();
    assert_eq!(first, expected);
    let o = pg(&s, &["push", "--update", &url], b"");
    assert!(o.status.success());
    assert_eq!(server.dump(), first);
}

#[test]
fn a_refusing_server_is_named_with_what_it_said() {
    let dir = seeded();
    let s = dir.path().join("s");
    let server = Server::start();
    let url = format!("{}/refuse", server.base);
    let o = pg(&s, &["push", "--graph-store", &url], b"");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains(&format!("{url}: the server refused graph <")),
        "{err}"
    );
    assert!(
        err.contains("HTTP 403: writes are not allowed here"),
        "{err}"
    );
}

#[test]
fn a_server_that_fails_for_a_moment_is_tried_again() {
    let dir = seeded();
    let s = dir.path().join("s");
    let server = Server::start();
    let url = format!("{}/flaky/store", server.base);
    let o = pg(&s, &["push", "--graph-store", &url], b"");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(server.dump(), sorted_nquads(&s));
    // A server that is not there: the error says so after the tries asked for.
    let closed = format!("{}/store", server.base);
    drop(server);
    let o = pg(&s, &["push", "--graph-store", &closed, "--tries", "2"], b"");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains(&format!("{closed}: graph <")), "{err}");
    assert!(err.contains("not sent after 2 tries"), "{err}");
}

#[test]
fn an_extraction_of_an_article_the_run_extracts_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s");
    let x = pg(
        &s,
        &["extract", "--format", "resolved", "seeds/articles"],
        b"",
    );
    let file = dir.path().join("x.jsonl");
    std::fs::write(&file, &x.stdout).unwrap();
    let f = file.to_str().unwrap();
    let o = pg(&s, &["ingest", "seeds/articles", "--extractions", f], b"");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(
        err.matches("is already the id of an article of this run")
            .count(),
        5,
        "{err}"
    );
    assert!(err.contains(&format!("{f}:1: id \"000_")), "{err}");
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("ingested 5 articles"));
}
