//! The store survives whatever happens to the process that writes it: a
//! `kill -9` at any moment and a full disk leave it as it was before the
//! ingest or as it is after, never a mix; a second process waits or is told
//! who holds the store; a store that cannot be opened is an error with a
//! message, never a crash; queries are read-only, bounded in depth and time,
//! and stream their results.

mod common;

use common::{bin, export, pg, stderr};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A crash is a signal or an exit code other than the tool's own 0, 1, 2.
fn assert_no_crash(o: &Output, what: &str) {
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "{what}: ended with {:?}\n{}",
        o.status,
        stderr(o)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A store holding the seed articles.
fn seeded(dir: &Path) -> PathBuf {
    let db = dir.join("seeds.db");
    let o = pg(&db, &["ingest", "seeds/articles"]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

/// `n` articles as JSON lines: the seed texts under new ids.
fn batch(dir: &Path, n: usize) -> PathBuf {
    let mut texts = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("seeds/articles")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        texts.push(std::fs::read_to_string(p).unwrap());
    }
    let mut out = String::new();
    for i in 0..n {
        let line =
            serde_json::json!({"id": format!("copy-{i:04}"), "text": texts[i % texts.len()]});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    let f = dir.join("batch.jsonl");
    std::fs::write(&f, out).unwrap();
    f
}

#[test]
fn kill_9_at_any_moment_leaves_the_store_before_or_after_the_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeded(dir.path());
    let before = export(&seeds);
    let input = batch(dir.path(), 80);
    let whole = dir.path().join("whole.db");
    copy_dir(&seeds, &whole);
    let t = Instant::now();
    let o = pg(&whole, &["ingest", input.to_str().unwrap()]);
    let took = t.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    let after = export(&whole);
    assert_ne!(before, after);

    let (mut saw_before, mut saw_after) = (0, 0);
    let points = 12;
    for k in 0..points {
        let db = dir.path().join(format!("killed-{k}.db"));
        copy_dir(&seeds, &db);
        let mut child = Command::new(bin())
            .arg("--store")
            .arg(&db)
            .args(["ingest", input.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // From the start to a little past the end of a whole ingest.
        std::thread::sleep(took.mul_f64(k as f64 * 1.2 / points as f64));
        let _ = child.kill();
        let _ = child.wait();
        let now = export(&db);
        if now == before {
            saw_before += 1;
        } else if now == after {
            saw_after += 1;
        } else {
            panic!("kill point {k} of {points} left a store that is neither before nor after the ingest");
        }
        // The killed store takes the next ingest as a healthy one does.
        if k == points / 2 {
            let o = pg(&db, &["ingest", input.to_str().unwrap()]);
            assert!(o.status.success(), "{}", stderr(&o));
            assert_eq!(export(&db), after);
        }
    }
    assert_eq!(saw_before + saw_after, points);
}

#[test]
fn a_full_disk_stores_nothing_of_the_ingest_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeded(dir.path());
    let before = export(&seeds);
    let input = batch(dir.path(), 60);
    // No file may grow past 256 KB: writes beyond fail as on a full disk
    // (SIGXFSZ ignored, so the write returns an error instead of killing).
    let script = format!(
        "trap '' XFSZ; ulimit -f 256; exec '{}' --store '{}' ingest '{}'",
        bin(),
        seeds.display(),
        input.display()
    );
    let o = Command::new("bash")
        .args(["-c", &script])
        .env_remove("PARTYGRAPH_STORE")
        .output()
        .unwrap();
    assert_no_crash(&o, "ingest on a full disk");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&*seeds.to_string_lossy()),
        "{}",
        stderr(&o)
    );
    // The store opens and holds what it held.
    assert_eq!(export(&seeds), before);
    let o = pg(&seeds, &["ingest", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// The same on a real full file system, where this machine lets the test
/// mount a small tmpfs (as root); elsewhere the test above stands for it.
#[test]
fn a_full_tmpfs_stores_nothing_of_the_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=6m", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("no tmpfs could be mounted here: covered by the file-size limit test");
        return;
    }
    let db = mnt.join("db");
    let o = pg(&db, &["ingest", "seeds/articles"]);
    let result = std::panic::catch_unwind(|| {
        assert!(o.status.success(), "{}", stderr(&o));
        let before = export(&db);
        let input = batch(dir.path(), 60);
        for _ in 0..3 {
            let o = pg(&db, &["ingest", input.to_str().unwrap()]);
            assert_no_crash(&o, "ingest on a full tmpfs");
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            assert!(stderr(&o).contains("the disk is full"), "{}", stderr(&o));
            assert_eq!(export(&db), before);
        }
    });
    let _ = Command::new("umount").arg(&mnt).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn a_second_writer_is_told_who_holds_the_store_or_waits() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let held = partygraph::store::GraphStore::open(&db).unwrap();
    let o = pg(&db, &["ingest", "seeds/articles"]);
    assert_no_crash(&o, "ingest into a held store");
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("in use by another process")
            && e.contains(&format!("pid {}", std::process::id())),
        "{e}"
    );
    // A reader waits for the writer too, and says so when it cannot.
    let o = pg(&db, &["who", "Amirtai"]);
    assert_no_crash(&o, "who while a writer holds the store");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--wait"), "{}", stderr(&o));
    // With --wait, the second one goes on once the first is done.
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(700));
        drop(held);
    });
    let o = pg(&db, &["--wait", "30", "who", "Amirtai"]);
    release.join().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn readers_share_the_store_and_keep_writers_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let reader = partygraph::store::GraphStore::open_existing(&db).unwrap();
    let o = pg(&db, &["who", "Amirtai"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = pg(&db, &["ingest", "seeds/articles"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("in use by another process"),
        "{}",
        stderr(&o)
    );
    drop(reader);
    let o = pg(&db, &["ingest", "seeds/articles"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn stores_that_cannot_be_opened_are_errors_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the store should be.
    let file = dir.path().join("file.db");
    std::fs::write(&file, "not a store").unwrap();
    for args in [&["ingest", "seeds/articles"][..], &["who", "Amirtai"][..]] {
        let o = pg(&file, args);
        assert_no_crash(&o, "store is a file");
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("is a file, not a store folder"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a store");
    // A folder of someone's files is not made a store.
    let docs = dir.path().join("documents");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("notes.txt"), "mine").unwrap();
    let o = pg(&docs, &["ingest", "seeds/articles"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a partygraph store"),
        "{}",
        stderr(&o)
    );
    let left: Vec<_> = std::fs::read_dir(&docs).unwrap().collect();
    assert_eq!(left.len(), 1, "files were written among the user's files");
    // A folder that cannot be written, where the store is to be made.
    let ro = dir.path().join("readonly");
    std::fs::create_dir(&ro).unwrap();
    set_mode(&ro, 0o555);
    if std::fs::write(ro.join("probe"), "").is_err() {
        let o = pg(&ro.join("db"), &["ingest", "seeds/articles"]);
        assert_no_crash(&o, "store in a read-only folder");
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("cannot be written"), "{}", stderr(&o));
    }
    set_mode(&ro, 0o755);
}

#[test]
fn a_read_only_store_can_still_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = export(&db);
    for e in std::fs::read_dir(&db).unwrap() {
        set_mode(&e.unwrap().path(), 0o444);
    }
    set_mode(&db, 0o555);
    let o = pg(&db, &["who", "Amirtai"]);
    let readable = o.status.success();
    let now = export(&db);
    set_mode(&db, 0o755);
    assert!(readable, "{}", stderr(&o));
    assert_eq!(now, before);
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn queries_are_read_only_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = export(&db);
    let o = pg(&db, &["query", "DROP ALL"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("updates are not allowed"),
        "{}",
        stderr(&o)
    );
    let o = pg(
        &db,
        &[
            "query",
            "INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }",
        ],
    );
    assert!(
        stderr(&o).contains("updates are not allowed"),
        "{}",
        stderr(&o)
    );
    assert_eq!(export(&db), before);

    let braces = format!("SELECT * WHERE {}{}", "{".repeat(5000), "}".repeat(5000));
    let parens = format!(
        "SELECT * WHERE {{ FILTER({}1{}) }}",
        "(".repeat(10000),
        ")".repeat(10000)
    );
    for q in [braces, parens] {
        let o = pg(&db, &["query", &q]);
        assert_no_crash(&o, "deeply nested query");
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("nests"), "{}", stderr(&o));
    }
    // Nesting inside strings and IRIs does not count.
    let o = pg(
        &db,
        &[
            "query",
            &format!(
                "ASK {{ FILTER(\"{}\" != <urn:x{}>) }}",
                "{".repeat(500),
                "(".repeat(100)
            ),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_query_stops_at_its_time_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let t = Instant::now();
    let o = pg(
        &db,
        &[
            "query",
            "--timeout",
            "1",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        ],
    );
    assert_no_crash(&o, "query past its time limit");
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("time limit"), "{}", stderr(&o));
    assert!(
        t.elapsed() < Duration::from_secs(30),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn query_results_stream() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    // A cross product far too large to hold: its first rows arrive anyway.
    for format in ["tsv", "table", "json"] {
        let mut child = Command::new(bin())
            .arg("--store")
            .arg(&db)
            .args([
                "query",
                "--format",
                format,
                "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut buf = vec![0u8; 1 << 20];
        let mut got = 0;
        let t = Instant::now();
        while got < buf.len() && t.elapsed() < Duration::from_secs(60) {
            match out.read(&mut buf[got..]) {
                Ok(0) | Err(_) => break,
                Ok(n) => got += n,
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(
            got,
            buf.len(),
            "{format}: only {got} bytes before the query ended"
        );
    }
}

#[test]
fn bad_dates_and_types_are_refused_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    for args in [
        &["who", "Amirtai", "--as-of", "2025-13-45"][..],
        &["posts", "Baytaq", "--as-of", "2025-02-30"][..],
        &["dot", "--from", "2025-02-30"][..],
        &["events", "--to", "2025-99-99"][..],
        &["changes", "--since", "2023-02-29"][..],
    ] {
        let o = pg(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("is not a date like 2025-11-14"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    for ok in ["2024-02-29", "2025-11", "2025"] {
        let o = pg(&db, &["who", "Amirtai", "--as-of", ok]);
        assert!(o.status.success(), "{ok}: {}", stderr(&o));
    }
    let o = pg(&db, &["events", "--type", "DROP"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not an event type"), "{}", stderr(&o));
    let o = pg(&db, &["events", "--type", "conference"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
