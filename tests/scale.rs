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
