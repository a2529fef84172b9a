//! The `partygraph` command, end to end: every command on the seeds, and
//! bad input (a missing file, an empty file, a binary file, invalid UTF-8, a
//! malformed JSON line) reported with its file and line while the rest is
//! processed and the store keeps what it had.

mod common;

use common::{export, pg, stderr, stdout};
use std::path::Path;
use std::process::Command;

fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let o = pg(&dir.path().join("db"), &["ingest", "seeds/articles"]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

#[test]
fn ingest_prints_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let o = pg(&dir.path().join("db"), &["ingest", "seeds/articles"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("ingested 5 articles into"), "{out}");
    assert!(
        out.contains("posts") && out.contains("events") && out.contains("0 failed"),
        "{out}"
    );
    let o = pg(
        &dir.path().join("db"),
        &[
            "ingest",
            "--json",
            "seeds/articles/000_4ce493c433c4c4d8.txt",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["articles"], 1);
    assert_eq!(v["summary"]["articles_in_store"], 5);
}

#[test]
fn who_finds_the_baytaq_chairman_in_any_script() {
    let dir = seeded();
    let db = dir.path().join("db");
    for name in ["Әміртаев", "amirtaev", "Амиртаев", "AMIRTAI"] {
        let o = pg(&db, &["who", name]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("chair · Байтақ · current"), "{name}: {out}");
    }
    let out = stdout(&pg(&db, &["who", "Әміртаев"]));
    assert!(out.contains("Азаматхан Әміртаев"), "{out}");
    assert!(out.contains("«Өйткені Астана қаласында экологиялық сұрақтар өте көп, - деді “Байтақ” жасылдар партиясы төрағасы Азаматхан Әміртаев.»"), "{out}");
    let o = pg(&db, &["who", "--format", "json", "Үмбетәлиев"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let posts = v[0]["posts"].as_array().unwrap();
    assert!(
        posts.iter().any(|p| p["role"] == "chair"
            && p["status"] == "start"
            && p["org"] == "unit:amanat/turkistan-region"),
        "{v}"
    );
    assert!(
        posts
            .iter()
            .any(|p| p["role"] == "professor" && p["status"] == "former"),
        "{v}"
    );
    let o = pg(&db, &["who", "Nobody Atall"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no entity named"), "{}", stderr(&o));
}

#[test]
fn extract_json_is_one_format_object_per_article() {
    let o = pg(
        Path::new("unused"),
        &["extract", "--format", "json", "seeds/articles"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    let langs: Vec<&str> = lines.iter().map(|l| l["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["kk", "en", "kk", "kk", "ru"]);
    assert_eq!(lines[0]["published"], "2025-11-14");
    assert_eq!(lines[1]["published"], "2021-03-11");
    assert!(lines[4]["published"].is_null());
    for l in &lines {
        for key in ["doc", "entities", "dates", "posts", "events", "roles"] {
            assert!(l.get(key).is_some(), "{key} missing");
        }
        for p in l["posts"].as_array().unwrap() {
            assert!(
                p["role_text"].is_string()
                    && p["rule"].is_string()
                    && p["evidence"]["end"].is_u64()
            );
        }
    }
}

#[test]
fn extract_text_underlines_mentions() {
    let o = pg(
        Path::new("unused"),
        &["extract", "seeds/articles/004_c3cf6f03c16193e0.txt"],
    );
    let out = stdout(&o);
    assert!(
        out.contains("^^^^^^^^^^^^^ Person person:amirtaev-azat"),
        "{out}"
    );
    assert!(
        out.contains("Касым-Жомарт Токаев | president (Президентом) | Казахстан | current"),
        "{out}"
    );
}

#[test]
fn extract_reads_stdin_html_and_jsonl() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partygraph"))
        .args(["extract", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "{\"id\":\"s1\",\"text\":\"Председатель партии AMANAT Ерлан Кошанов выступил.\"}\n"
                .as_bytes(),
        )
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["doc"], "s1");
    assert_eq!(v["posts"][0]["person"], "person:koshanov-erlan");
    assert_eq!(v["posts"][0]["org"], "party:amanat");

    let o = pg(
        Path::new("unused"),
        &["extract", "--format", "json", "tests/fixtures/page.html"],
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["doc"], "page");
    assert_eq!(v["published"], "2024-03-05");
    let names: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Мұрат Ташибаев"), "{names:?}");
    assert!(
        !stdout(&o).contains("Басты бет"),
        "navigation leaked into the text"
    );
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_stored() {
    let dir = seeded();
    let db = dir.path().join("db");
    let o = pg(
        &db,
        &[
            "ingest",
            "tests/fixtures/missing.txt",
            "tests/fixtures/empty.txt",
            "tests/fixtures/binary.txt",
            "tests/fixtures/invalid-utf8.txt",
            "tests/fixtures/bad.jsonl",
            "seeds/articles/003_d89708341ca80837.txt",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "a failed input makes the exit code 1"
    );
    let err = stderr(&o);
    for expected in [
        "tests/fixtures/missing.txt: no such file or folder",
        "tests/fixtures/empty.txt: empty file",
        "tests/fixtures/binary.txt:1: binary file",
        "tests/fixtures/invalid-utf8.txt:2: invalid UTF-8",
        "tests/fixtures/bad.jsonl:2: malformed JSON",
        "tests/fixtures/bad.jsonl:4: missing \"id\"",
    ] {
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
    let out = stdout(&o);
    assert!(out.starts_with("ingested 3 articles"), "{out}");
    assert!(
        out.contains("(7 in store)") && out.contains("; 6 failed"),
        "{out}"
    );
    // What the store had is still there.
    let o = pg(&db, &["who", "Баубек"]);
    assert!(
        stdout(&o).contains("chair · Байтақ Астана қалалық филиалы · start since 2025-11-14"),
        "{}",
        stdout(&o)
    );
    let o = pg(&db, &["who", "Кошанов"]);
    assert!(stdout(&o).contains("good-2"), "{}", stdout(&o));
}

#[test]
fn ingesting_again_replaces_instead_of_duplicating() {
    let dir = seeded();
    let db = dir.path().join("db");
    let before = export(&db);
    let o = pg(&db, &["ingest", "seeds/articles"]);
    assert!(o.status.success());
    assert_eq!(before, export(&db));
}

#[test]
fn input_order_does_not_change_the_graph() {
    let a = seeded();
    let b = tempfile::tempdir().unwrap();
    let db = b.path().join("db");
    let mut files: Vec<String> = std::fs::read_dir("seeds/articles")
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    files.reverse();
    for f in &files {
        assert!(pg(&db, &["ingest", f]).status.success());
    }
    assert_eq!(export(&a.path().join("db")), export(&db));
}

#[test]
fn query_formats_and_errors() {
    let dir = seeded();
    let db = dir.path().join("db");
    let q = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name LIMIT 3";
    let table = stdout(&pg(&db, &["query", q]));
    assert!(table.starts_with("name\n────"), "{table}");
    assert!(table.ends_with("(3 rows)\n"), "{table}");
    let csv = stdout(&pg(&db, &["query", "--format", "csv", q]));
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.starts_with("name\r\n"), "{csv:?}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&pg(&db, &["query", "--format", "json", q]))).unwrap();
    assert_eq!(json["head"]["vars"][0], "name");
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 3);
    let tsv = stdout(&pg(&db, &["query", "--format", "tsv", q]));
    assert!(tsv.starts_with("?name\n"), "{tsv:?}");
    let ask = stdout(&pg(
        &db,
        &["query", "ASK { ?t a pg:Tenure ; pg:status \"former\" }"],
    ));
    assert_eq!(ask, "yes\n");
    let construct = stdout(&pg(
        &db,
        &[
            "query",
            "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a pg:Party ; schema:name ?n }",
        ],
    ));
    assert!(
        construct.contains("@prefix schema: <http://schema.org/> .")
            && construct.contains("schema:name"),
        "{construct}"
    );
    let bad = pg(&db, &["query", "SELECT ?x\nWHERE { ?x a }"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("SPARQL syntax error: error at 2:"),
        "{}",
        stderr(&bad)
    );
    let f = dir.path().join("q.rq");
    std::fs::write(&f, q).unwrap();
    assert_eq!(
        stdout(&pg(&db, &["query", "-f", f.to_str().unwrap()])),
        table
    );
    let missing = pg(&dir.path().join("nowhere"), &["query", q]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no store at"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn every_export_format_parses_back() {
    use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
    let dir = seeded();
    let db = dir.path().join("db");
    let nq = export(&db);
    let quads = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nq.as_bytes())
        .count();
    assert!(quads > 1000);
    for (name, f) in [
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
        ("trig", RdfFormat::TriG),
        (
            "jsonld",
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        ),
        ("rdfxml", RdfFormat::RdfXml),
    ] {
        let o = pg(&db, &["export", "--format", name]);
        assert!(o.status.success(), "{name}");
        let mut n = 0;
        for q in RdfParser::from_format(f).for_slice(&o.stdout) {
            q.unwrap_or_else(|e| panic!("{name}: {e}"));
            n += 1;
        }
        if f.supports_datasets() {
            assert_eq!(n, quads, "{name}");
        } else {
            assert!(n > 0 && n <= quads, "{name}");
        }
    }
}

#[test]
fn dot_draws_the_graph_and_renders_with_graphviz() {
    let dir = seeded();
    let db = dir.path().join("db");
    let dot = stdout(&pg(&db, &["dot"]));
    assert!(dot.starts_with("digraph partygraph {"), "{dot}");
    assert!(dot.contains("\"person:baubek-nariman\" -> \"unit:baytaq/astana\" [label=\"chair (start)\\nsince 2025-11-14\""), "{dot}");
    assert!(dot.contains("cluster_legend"));
    let focus = stdout(&pg(&db, &["dot", "--focus", "Базартай", "--depth", "1"]));
    assert!(
        focus.contains("Жандос Базартай") && !focus.contains("Азат Амиртаев"),
        "{focus}"
    );
    assert_eq!(
        pg(&db, &["dot", "--focus", "Nobody Atall"]).status.code(),
        Some(1)
    );
    let svg = dir.path().join("g.svg");
    let o = pg(
        &db,
        &["dot", "--render", "svg", "-o", svg.to_str().unwrap()],
    );
    if Command::new("dot").arg("-V").output().is_ok() {
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    } else {
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("apt-get install graphviz"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn check_runs_every_example() {
    let o = pg(Path::new("unused"), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(" passed, 0 failed"), "{}", stdout(&o));
}

#[test]
fn a_bad_seed_row_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("seeds");
    for sub in ["lexicons", "morphology", "rules"] {
        std::fs::create_dir_all(seeds.join(sub)).unwrap();
        for e in std::fs::read_dir(Path::new("seeds").join(sub)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), seeds.join(sub).join(e.file_name())).unwrap();
        }
    }
    let places = seeds.join("lexicons/places.tsv");
    let mut text = std::fs::read_to_string(&places).unwrap();
    text.push_str("atlantis\tplanet\t-\t-\tA\tA\tA\t-\t-\n");
    let line = text.lines().count();
    std::fs::write(&places, text).unwrap();
    let o = pg(
        Path::new("unused"),
        &["--seeds", seeds.to_str().unwrap(), "check"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("places.tsv:{line}: unknown place kind \"planet\"")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_teaches() {
    let o = pg(Path::new("unused"), &["--help"]);
    let out = stdout(&o);
    for cmd in [
        "ingest",
        "extract",
        "query",
        "export",
        "dot",
        "who",
        "check",
        "bench",
        "Examples:",
    ] {
        assert!(out.contains(cmd), "{cmd} missing from --help");
    }
}

#[test]
fn one_card_for_the_chairman_in_every_script_with_posts_from_each_language() {
    let dir = seeded();
    let db = dir.path().join("db");
    let mut cards = Vec::new();
    for name in ["Amirtai", "Амиртаев", "Әміртаев", "amirtaev"] {
        let o = pg(&db, &["who", "--format", "json", name]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let people: Vec<&serde_json::Value> = v
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["id"].as_str().unwrap().starts_with("person:"))
            .collect();
        assert_eq!(people.len(), 1, "{name}: {v}");
        cards.push(people[0].clone());
    }
    assert!(cards.windows(2).all(|w| w[0]["id"] == w[1]["id"]));
    // The chair post is reported by the Kazakh, English and Russian articles.
    let text = stdout(&pg(&db, &["who", "Amirtai"]));
    for doc in [
        "000_4ce493c433c4c4d8",
        "001_8fd0713729cfaa30",
        "004_c3cf6f03c16193e0",
    ] {
        assert!(text.contains(doc), "{doc}: {text}");
    }
    // The ids that became one stay linked to it.
    let nq = export(&db);
    assert!(nq.contains("<https://w3id.org/partygraph/id/person/amirtaev-azat> <http://www.w3.org/2002/07/owl#sameAs> <https://w3id.org/partygraph/id/person/amirtaev-azamathan>"), "no sameAs");
}

#[test]
fn why_explains_merges_and_the_namesakes_kept_apart() {
    let dir = seeded();
    let db = dir.path().join("db");
    let out = stdout(&pg(&db, &["why", "Амиртаев"]));
    assert!(out.contains("one entity from 3 ids"), "{out}");
    assert!(out.contains("short and full first name"), "{out}");
    let out = stdout(&pg(&db, &["why", "Мұрат Ташибаев"]));
    assert!(out.contains("kept apart from"), "{out}");
    assert!(out.contains("person:tashibaev-marat"), "{out}");
    assert!(!out.contains("one entity from"), "{out}");
}

#[test]
fn curation_forces_merges_and_splits_and_names_bad_entries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let cur = dir.path().join("curation.toml");
    std::fs::write(
        &cur,
        "[[split]]\nids = [\"person:amirtaev-azat\", \"person:amirtaev-azamathan\"]\nwhy = \"test split\"\n\n\
         [[merge]]\nids = [\"person:tashibaev-murat\", \"person:tashibaev-marat\"]\nwhy = \"test merge\"\n\n\
         [[name]]\nid = \"person:tashibaev-marat\"\nname = \"Мұрат-Марат Ташибаев\"\n",
    )
    .unwrap();
    let c = cur.to_str().unwrap();
    let o = pg(&db, &["--curation", c, "ingest", "seeds/articles"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&pg(&db, &["--curation", c, "why", "Ташибаев"]));
    assert!(out.contains("merged by"), "{out}");
    assert!(out.contains("test merge"), "{out}");
    assert!(out.contains("Мұрат-Марат Ташибаев"), "{out}");
    let out = stdout(&pg(&db, &["--curation", c, "why", "Азат Амиртаев"]));
    assert!(out.contains("kept apart by"), "{out}");
    // Without the file, the usual identities come back.
    let out = stdout(&pg(&db, &["why", "Азат Амиртаев"]));
    assert!(out.contains("one entity from 3 ids"), "{out}");
    // A bad entry names the file and line, and nothing is built.
    std::fs::write(&cur, "[[merge]]\nids = [\"person:a\", \"Amirtai\"]\n").unwrap();
    let o = pg(&db, &["--curation", c, "who", "Amirtai"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("curation.toml:2"), "{}", stderr(&o));
}

#[test]
fn conflicts_list_two_current_chairs_of_one_branch_with_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let o = pg(&db, &["ingest", "tests/fixtures/conflicts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&pg(&db, &["conflicts"]));
    assert!(out.contains("two holders: chair"), "{out}");
    assert!(
        out.contains("Ерлан Сайыров") && out.contains("Болат Жұмабаев"),
        "{out}"
    );
    assert!(
        out.contains("[a, 2024-03-05]") && out.contains("[b, 2024-03-07]"),
        "{out}"
    );
    // The seeds disagree on nothing.
    let seeds = seeded();
    let out = stdout(&pg(&seeds.path().join("db"), &["conflicts"]));
    assert_eq!(out.trim(), "no conflicts");
}

#[test]
fn posts_events_and_changes_answer_a_newsroom() {
    let dir = seeded();
    let db = dir.path().join("db");
    // A party's posts include its branches' chairs, each post's holders in time order.
    let out = stdout(&pg(&db, &["posts", "Байтақ", "--role", "chair"]));
    assert!(
        out.contains("Байтақ Астана қалалық филиалы") && out.contains("Нариман Баубек"),
        "{out}"
    );
    assert!(out.contains("Baytaq Temirtau city branch"), "{out}");
    assert!(!out.contains("executive_secretary"), "{out}");
    // As of a date before the IV conference, Baubek did not chair the Astana branch yet.
    let out = stdout(&pg(
        &db,
        &[
            "posts",
            "Baytaq",
            "--as-of",
            "2024-01-01",
            "--format",
            "csv",
        ],
    ));
    assert!(
        out.starts_with("organization,role,person,status,since,until,articles\n"),
        "{out}"
    );
    assert!(out.contains("Kozlovsky Artyom Valerievich"), "{out}");
    assert!(!out.contains("Нариман Баубек"), "{out}");
    // Names in the language asked for.
    let out = stdout(&pg(
        &db,
        &["posts", "Baytaq", "--role", "chair", "--lang", "en"],
    ));
    assert!(out.contains("Azamatkhan Amirta"), "{out}");
    // Events by place and year, as JSON with numbers.
    let o = pg(
        &db,
        &[
            "events",
            "--place",
            "Astana",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["type"], "Conference");
    assert_eq!(v[0]["ordinal"], 4);
    let out = stdout(&pg(
        &db,
        &["events", "--org", "Baytaq", "--type", "meeting"],
    ));
    assert!(
        out.contains("2023-01-10") && out.contains("Temirtau"),
        "{out}"
    );
    assert!(!out.contains("Conference"), "{out}");
    // What is new since the start of 2026: the council session, nothing from 2025.
    let out = stdout(&pg(&db, &["changes", "--since", "2026-01-01"]));
    assert!(out.contains("CouncilSession"), "{out}");
    assert!(!out.contains("2025-11-14"), "{out}");
    // who --as-of keeps only the posts held then.
    let out = stdout(&pg(&db, &["who", "Баубек", "--as-of", "2025-01-01"]));
    assert!(!out.contains("chair ·"), "{out}");
    let out = stdout(&pg(&db, &["who", "Баубек", "--as-of", "2025-12-01"]));
    assert!(
        out.contains("chair · Байтақ Астана қалалық филиалы"),
        "{out}"
    );
    // A bad date and an unknown organization are clear errors.
    let o = pg(&db, &["posts", "Baytaq", "--as-of", "yesterday"]);
    assert!(
        !o.status.success() && stderr(&o).contains("not a date"),
        "{}",
        stderr(&o)
    );
    let o = pg(&db, &["posts", "Nonexistent Party"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn dot_draws_one_party_in_a_time_window_with_clusters_and_chosen_labels() {
    let dir = seeded();
    let db = dir.path().join("db");
    let o = pg(&db, &["dot", "--party", "AMANAT"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = stdout(&o);
    assert!(d.contains("subgraph \"cluster_party:amanat\""), "{d}");
    assert!(d.contains("Алтынсары Үмбетәлиев"), "no AMANAT branch chair");
    assert!(
        !d.contains("person:amirtaev-azamathan"),
        "a Baytaq person in the AMANAT picture"
    );
    // A window before 2024 keeps the 2023 meeting and drops the 2025 conference.
    let d = stdout(&pg(
        &db,
        &["dot", "--party", "Baytaq", "--to", "2023-12-31"],
    ));
    assert!(d.contains("Meeting\\n2023-01-10"), "{d}");
    assert!(!d.contains("Conference\\n2025-11-14"), "{d}");
    assert!(!d.contains("since 2025-11-14"), "{d}");
    // English labels for places and parties.
    let d = stdout(&pg(&db, &["dot", "--party", "Baytaq", "--lang", "en"]));
    assert!(d.contains("label=\"Astana\""), "{d}");
    let o = pg(&db, &["dot", "--party", "No Such Party"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_second_rdf_library_reads_every_format_and_shacl_conforms() {
    let dir = seeded();
    let db = dir.path().join("db");
    let out = dir.path().join("export");
    std::fs::create_dir_all(&out).unwrap();
    for (fmt, file) in [
        ("nquads", "graph.nq"),
        ("trig", "graph.trig"),
        ("turtle", "graph.ttl"),
        ("ntriples", "graph.nt"),
        ("jsonld", "graph.jsonld"),
        ("rdfxml", "graph.rdf"),
    ] {
        let p = out.join(file);
        let o = pg(&db, &["export", "--format", fmt, "-o", p.to_str().unwrap()]);
        assert!(o.status.success(), "{fmt}: {}", stderr(&o));
    }
    let o = Command::new("python3")
        .arg("tests/rdf_check.py")
        .arg(&out)
        .arg("schema/shapes.ttl")
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn the_schema_readme_names_every_class_and_property_the_graph_uses() {
    let dir = seeded();
    let db = dir.path().join("db");
    let doc = std::fs::read_to_string("schema/README.md").unwrap();
    let prefixes = [
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
        ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
        ("http://www.w3.org/2002/07/owl#", "owl:"),
        ("http://www.w3.org/2004/02/skos/core#", "skos:"),
        ("http://www.w3.org/2006/time#", "time:"),
        ("http://www.w3.org/ns/oa#", "oa:"),
        ("http://www.w3.org/ns/org#", "org:"),
        ("http://www.w3.org/ns/prov#", "prov:"),
        ("http://schema.org/", "schema:"),
        ("https://w3id.org/partygraph/ns#", "pg:"),
    ];
    let mut missing = Vec::new();
    for q in [
        "SELECT DISTINCT ?t WHERE { ?s ?t ?o }",
        "SELECT DISTINCT ?t WHERE { ?s a ?t }",
    ] {
        let o = pg(&db, &["query", "--format", "tsv", q]);
        assert!(o.status.success(), "{}", stderr(&o));
        for line in stdout(&o).lines().skip(1) {
            let iri = line.trim_matches(|c| c == '<' || c == '>');
            let (ns, p) = prefixes
                .iter()
                .find(|(ns, _)| iri.starts_with(ns))
                .unwrap_or_else(|| panic!("{iri} is in no documented namespace"));
            let name = format!("`{p}{}`", &iri[ns.len()..]);
            let listed = doc.contains(&name)
                || doc.contains(&format!("{p}{}`", &iri[ns.len()..]))
                || doc.contains(&format!("{p}{},", &iri[ns.len()..]));
            if !listed {
                missing.push(name);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "schema/README.md does not name {missing:?}"
    );
}

#[test]
fn sources_name_their_outlet_and_facts_count_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(pg(&db, &["ingest", "tests/fixtures/outlets.jsonl"])
        .status
        .success());
    let out = stdout(&pg(&db, &["who", "Сайыров"]));
    assert!(out.contains("[o1, inform.kz, 2024-03-05;"), "{out}");
    assert!(out.contains("[o2, kazpravda.kz, 2024-03-06;"), "{out}");
    let o = pg(
        &db,
        &[
            "query",
            "--format",
            "tsv",
            "SELECT ?n WHERE { ?t a pg:Tenure ; pg:outletCount ?n }",
        ],
    );
    let rows: Vec<String> = stdout(&o).lines().skip(1).map(String::from).collect();
    assert_eq!(rows, ["2"], "one tenure, two outlets");
}

#[test]
fn changes_without_a_date_tell_what_the_last_ingest_brought() {
    let dir = seeded();
    let db = dir.path().join("db");
    let o = pg(&db, &["ingest", "tests/fixtures/outlets.jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&pg(&db, &["changes"]));
    assert!(
        out.contains("new person") && out.contains("Ерлан Сайыров"),
        "{out}"
    );
    assert!(out.contains("post reported"), "{out}");
    // Nothing the seeds reported comes back as new.
    assert!(
        !out.contains("Әміртаев") && !out.contains("000_4ce493c433c4c4d8"),
        "{out}"
    );
    let fresh = tempfile::tempdir().unwrap();
    let o = pg(&fresh.path().join("db"), &["changes"]);
    assert!(!o.status.success());
}
