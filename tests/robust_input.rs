//! Input faults, one test each: ids unique and fit for IRIs, nothing
//! dropped silently, no hang on FIFOs, UTF-16, calendar dates, deep HTML,
//! huge files. Fixtures are in `tests/fixtures/robust/`; what cannot be a
//! committed file (a FIFO, a file name that is not UTF-8, 50 MB) is made in
//! a temporary folder.

use partygraph::input::{self, Article, InputError};
use partygraph::rdf::vocab;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const KK: &str = "Бүгін «AMANAT» партиясы Түркістан облыстық филиалының төрағасы Алтынсары Үмбетәлиев тұрғындармен кездесті.";
const RU: &str = "Председатель партии AMANAT Ерлан Кошанов выступил в Астане.";

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/robust").join(name)
}

/// Runs partygraph; a run that takes longer than `limit` is killed and fails
/// the test (a FIFO opened for reading would block it forever).
fn pg_within(limit: Duration, args: &[&std::ffi::OsStr]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partygraph"))
        .args(args)
        .env_remove("PARTYGRAPH_STORE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run partygraph");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            let o = child.wait_with_output().unwrap();
            panic!(
                "partygraph {args:?} still running after {limit:?}; stderr:\n{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn pg(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    pg_within(Duration::from_secs(120), &args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The `doc` ids of `extract --format json`'s output.
fn docs(o: &Output) -> Vec<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["doc"].as_str().unwrap().to_string()
        })
        .collect()
}

fn ok_ids(items: &[Result<Article, InputError>]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|a| a.id.as_str())
        .collect()
}

fn errors(items: &[Result<Article, InputError>]) -> Vec<String> {
    items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

// 1. Ids

#[test]
fn the_same_stem_in_two_folders_gives_two_ids_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("A/same.txt");
    let b = dir.path().join("B/same.txt");
    write(&a, KK);
    write(&b, RU);
    let ab = input::read_all(&[a.clone(), b.clone()]);
    let ba = input::read_all(&[b.clone(), a.clone()]);
    assert_eq!(ok_ids(&ab.articles), ["A-same", "B-same"]);
    assert_eq!(ok_ids(&ba.articles), ["B-same", "A-same"]);
    let note = ab.notes.join("\n");
    assert!(
        note.contains("A-same") && note.contains("B-same") && note.contains("same.txt"),
        "{note}"
    );
    // Each article its own graph in the store, and the note on stderr.
    let db = dir.path().join("db");
    let o = pg(&[
        "--store",
        db.to_str().unwrap(),
        "ingest",
        dir.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("ingested 2 articles") && out.contains("(2 in store)"),
        "{out}"
    );
    assert!(stderr(&o).contains("\"A-same\""), "{}", stderr(&o));
    // A plain stem keeps its id: the seeds' ids do not change.
    let seeds = input::read_all(&[PathBuf::from("seeds/articles")]);
    assert!(seeds.notes.is_empty(), "{:?}", seeds.notes);
    assert_eq!(ok_ids(&seeds.articles)[0], "000_4ce493c433c4c4d8");
}

#[test]
fn a_repeated_id_names_both_places_and_the_first_is_kept() {
    let r = input::read_all(&[fixture("dup-ids.jsonl")]);
    assert_eq!(ok_ids(&r.articles), ["a", "x", "b", "c", "d"]);
    let x = r.articles[1].as_ref().unwrap();
    assert_eq!(x.text, KK, "the first \"x\" is kept");
    assert_eq!(
        errors(&r.articles),
        ["tests/fixtures/robust/dup-ids.jsonl:7: id \"x\" is already the id of tests/fixtures/robust/dup-ids.jsonl:2"]
    );
    let e = r.articles[5].as_ref().unwrap_err();
    assert_eq!(e.line(), Some(7));

    // Across inputs: a file whose stem is an id a JSON line took before.
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("b.txt");
    write(&txt, RU);
    let r = input::read_all(&[fixture("dup-ids.jsonl"), txt.clone()]);
    let errs = errors(&r.articles);
    let expected = format!(
        "{}: id \"b\" is already the id of tests/fixtures/robust/dup-ids.jsonl:3",
        txt.display()
    );
    assert!(errs.contains(&expected), "{errs:?}");

    // The same file twice: read once, the second is the repeated id.
    let r = input::read_all(&[txt.clone(), txt.clone()]);
    assert_eq!(ok_ids(&r.articles), ["b"]);
    assert_eq!(errors(&r.articles).len(), 1);
}

#[test]
fn a_file_name_that_is_not_utf8_gives_an_escaped_id() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"bad\xFFname.txt");
    let path = dir.path().join(name);
    std::fs::write(&path, RU).unwrap();
    let r = input::read_all(&[dir.path().to_path_buf()]);
    assert_eq!(ok_ids(&r.articles), ["bad%FFname"]);
    let o = pg_within(
        Duration::from_secs(120),
        &[
            "extract".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            path.as_os_str(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(docs(&o), ["bad%FFname"]);
}

#[test]
fn every_accepted_id_is_a_valid_iri_and_the_others_name_their_line() {
    let r = input::read(&fixture("ids.jsonl"));
    let errs = errors(&r);
    assert_eq!(errs.len(), 12, "{errs:#?}");
    for (i, e) in errs.iter().enumerate() {
        let place = format!("tests/fixtures/robust/ids.jsonl:{}: ", i + 1);
        assert!(e.starts_with(&place), "{e} should name {place}");
    }
    assert!(errs[0].ends_with("empty id"), "{}", errs[0]);
    assert!(errs[4].contains("\"..\""), "{}", errs[4]);
    assert!(errs[6].contains("U+0000"), "{}", errs[6]);
    assert!(errs[7].contains("U+000A"), "{}", errs[7]);
    assert_eq!(
        ok_ids(&r),
        [
            "статья 1",
            "padded",
            "a%b",
            "x?y#z",
            "<tag>",
            "2025/01/x",
            "a:b",
            "42"
        ]
    );
    for id in ok_ids(&r) {
        for iri in [vocab::graph_doc(id), vocab::iri(&format!("doc:{id}"))] {
            assert!(
                oxigraph::model::NamedNode::new(&iri).is_ok(),
                "{id:?}: {iri}"
            );
            let path = &iri[vocab::BASE.len()..];
            assert!(
                path.split('/').all(|s| !matches!(s, "" | "." | "..")),
                "{id:?} gives a dot or empty segment: {iri}"
            );
        }
    }
}

// 2. Nothing dropped silently

#[test]
fn a_folder_that_cannot_be_read_is_an_error_and_the_rest_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    write(&root.join("open/a.txt"), RU);
    let locked = root.join("locked");
    write(&locked.join("b.txt"), KK);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = if std::fs::read_dir(&locked).is_err() {
        pg(&["extract", "--format", "json", root.to_str().unwrap()])
    } else if let Some(o) = as_another_user(dir.path(), &root) {
        // This user reads folders whatever their mode (root): run as nobody.
        o
    } else {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: permissions are not enforced for this user, and setpriv is missing");
        return;
    };
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let expected = format!("{}: cannot read folder", locked.display());
    assert!(stderr(&o).contains(&expected), "{}", stderr(&o));
    assert_eq!(docs(&o), ["a"]);
}

/// `extract --format json root` run by the user nobody, with a copy of the
/// binary in `dir` (the build folder may be closed to other users).
fn as_another_user(dir: &Path, root: &Path) -> Option<Output> {
    use std::os::unix::fs::PermissionsExt;
    let available = Command::new("setpriv").arg("--version").output();
    if !available.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let bin = dir.join("partygraph");
    std::fs::copy(env!("CARGO_BIN_EXE_partygraph"), &bin).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&bin)
        .args(["extract", "--format", "json"])
        .arg(root)
        .env_remove("PARTYGRAPH_STORE")
        .current_dir(dir)
        .output()
        .unwrap();
    Some(o)
}

#[test]
fn an_entry_that_cannot_be_examined_is_an_error_naming_it() {
    // A link loop fails for every user, root included.
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), RU);
    std::os::unix::fs::symlink("loop.txt", dir.path().join("loop.txt")).unwrap();
    let o = pg(&["extract", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let expected = format!("{}: cannot examine", dir.path().join("loop.txt").display());
    assert!(stderr(&o).contains(&expected), "{}", stderr(&o));
    assert_eq!(docs(&o), ["a"]);
    // A link back to the folder itself is not walked again and again.
    std::fs::remove_file(dir.path().join("loop.txt")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("again")).unwrap();
    let r = input::read_all(&[dir.path().to_path_buf()]);
    assert_eq!(ok_ids(&r.articles), ["a"]);
    assert!(errors(&r.articles).is_empty(), "{:?}", errors(&r.articles));
}

#[test]
fn one_bad_utf8_line_rejects_only_that_line() {
    let r = input::read(&fixture("one-bad-line.jsonl"));
    assert_eq!(ok_ids(&r), ["u1", "u3"]);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with("tests/fixtures/robust/one-bad-line.jsonl:2: invalid UTF-8"),
        "{}",
        errs[0]
    );
}

// 3. Non-regular files

#[test]
fn fifos_and_sockets_are_skipped_with_a_message_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), RU);
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let socket = dir.path().join("sock.jsonl");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let a = dir.path().join("a.txt");
    let extract = ["extract", "--format", "json"].map(std::ffi::OsStr::new);
    let folder = [dir.path().as_os_str()];
    let named = [fifo.as_os_str(), socket.as_os_str(), a.as_os_str()];
    for inputs in [&folder[..], &named[..]] {
        let args: Vec<&std::ffi::OsStr> = extract.iter().chain(inputs).copied().collect();
        let o = pg_within(Duration::from_secs(60), &args);
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{}: not a regular file (a FIFO)", fifo.display())),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "{}: not a regular file (a socket)",
                socket.display()
            )),
            "{err}"
        );
        assert_eq!(docs(&o), ["a"]);
        assert_eq!(o.status.code(), Some(1));
    }
    // `-` still reads standard input.
    let mut child = Command::new(env!("CARGO_BIN_EXE_partygraph"))
        .args(["extract", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(RU.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(docs(&o), ["<stdin>"]);
}

// 4. UTF-16

#[test]
fn utf16_files_with_a_byte_order_mark_are_decoded() {
    let r = input::read(&fixture("utf16-le.txt"));
    let a = r[0].as_ref().unwrap();
    assert_eq!(a.id, "utf16-le");
    assert_eq!(a.text, format!("date 2025-11-14\n{RU}\n"));
    let r = input::read(&fixture("utf16-be.html"));
    let a = r[0].as_ref().unwrap();
    assert_eq!(a.text, KK);
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));
}

// 5. Dates

#[test]
fn iso_dates_are_calendar_dates() {
    use partygraph::lexicon::is_iso_date;
    for good in [
        "2024-02-29",
        "2000-02-29",
        "2025-12-31",
        "2025-01-01",
        "0001-01-01",
    ] {
        assert!(is_iso_date(good), "{good}");
    }
    for bad in [
        "2025-13-45",
        "2025-02-29",
        "1900-02-29",
        "2025-04-31",
        "2025-00-10",
        "2025-01-00",
        "0000-01-01",
        "2025-1-01",
        "2025/01/01",
        "2025-01-011",
        "20250101xx",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
}

#[test]
fn a_published_value_that_is_not_a_date_is_an_error_of_its_line() {
    let r = input::read(&fixture("dates.jsonl"));
    let published: Vec<(&str, Option<&str>)> = r
        .iter()
        .filter_map(|a| a.as_ref().ok())
        .map(|a| (a.id.as_str(), a.published.as_deref()))
        .collect();
    assert_eq!(
        published,
        [
            ("d-ok", Some("2024-02-29")),
            ("d-time", Some("2025-11-14")),
            ("d-empty", None),
            ("d-null", None)
        ]
    );
    let errs = errors(&r);
    let lines: Vec<&str> = errs.iter().map(|e| e.split(": ").next().unwrap()).collect();
    assert_eq!(
        lines,
        [3, 4, 5, 6].map(|n| format!("tests/fixtures/robust/dates.jsonl:{n}"))
    );
    assert!(
        errs[0].contains("\"2025-13-45\" is not a date like 2025-11-14"),
        "{}",
        errs[0]
    );
}

#[test]
fn an_html_date_that_is_not_a_date_is_a_warning_naming_the_file() {
    let r = input::read(&fixture("bad-meta-date.html"));
    let a = r[0].as_ref().unwrap();
    assert_eq!(a.published, None);
    assert_eq!(a.text, RU);
    assert_eq!(a.warnings.len(), 1);
    assert!(
        a.warnings[0].starts_with("tests/fixtures/robust/bad-meta-date.html: warning:")
            && a.warnings[0].contains("2025-13-45"),
        "{:?}",
        a.warnings
    );
    let o = pg(&[
        "extract",
        "--format",
        "json",
        "tests/fixtures/robust/bad-meta-date.html",
    ]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("bad-meta-date.html: warning:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_date_line_that_is_not_a_calendar_date_is_an_error_at_its_line() {
    let r = input::read(&fixture("bad-date.txt"));
    let e = r[0].as_ref().unwrap_err().to_string();
    assert!(
        e.starts_with("tests/fixtures/robust/bad-date.txt:1: date line: \"2025-13-45\""),
        "{e}"
    );
    // Lines that only start with the word are not date lines; a date with
    // text after it is one.
    let dir = tempfile::tempdir().unwrap();
    for (text, ok) in [
        ("Date palms grow in Turkistan.\n", true),
        ("\n  date 2025-11-14 Елордада\n", true),
        ("date: 2024-02-29\ntext\n", true),
        ("date 2025-02-29\ntext\n", false),
        ("DATE 14.11.2025\ntext\n", false),
    ] {
        let p = dir.path().join("d.txt");
        std::fs::write(&p, text).unwrap();
        assert_eq!(input::read(&p)[0].is_ok(), ok, "{text:?}");
    }
}

// 6. Deep HTML

#[test]
fn deeply_nested_html_is_read_or_refused_and_the_other_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    for depth in [10_000, 100_000] {
        let page = format!(
            "<html><body>{}<p>{RU}</p></body></html>",
            "<div>".repeat(depth)
        );
        write(&dir.path().join(format!("deep-{depth}.html")), &page);
    }
    write(&dir.path().join("plain.txt"), KK);
    let start = Instant::now();
    let o = pg(&["extract", "--format", "json", dir.path().to_str().unwrap()]);
    eprintln!("deep pages read in {:?}", start.elapsed());
    assert_eq!(o.status.code(), Some(1), "{:?}\n{}", o.status, stderr(&o));
    assert_eq!(docs(&o), ["deep-10000", "plain"]);
    let expected = format!(
        "{}:1: HTML nested more than 20000 elements deep",
        dir.path().join("deep-100000.html").display()
    );
    assert!(stderr(&o).contains(&expected), "{}", stderr(&o));
}

// 7. Huge input

#[test]
fn a_50_mb_line_is_read_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let line = RU.repeat(50_000_000 / RU.len());
    let txt = dir.path().join("huge.txt");
    std::fs::write(&txt, &line).unwrap();
    let jsonl = dir.path().join("huge.jsonl");
    std::fs::write(&jsonl, format!("{{\"id\":\"h\",\"text\":\"{line}\"}}\n")).unwrap();
    for p in [txt, jsonl] {
        let start = Instant::now();
        let r = input::read(&p);
        let took = start.elapsed();
        eprintln!("{}: read in {took:?}", p.display());
        assert_eq!(r[0].as_ref().unwrap().text.len(), line.len());
        // One pass takes well under a second; quadratic work would take hours.
        assert!(took < Duration::from_secs(10), "{}: {took:?}", p.display());
    }
}
