//! Golden end-to-end cases on the seed articles: the extraction JSON, the
//! text with its mentions underlined, and the sorted N-Quads of the store,
//! as snapshots in `tests/snapshots/`. A change shows as a diff of them;
//! `INSTA_UPDATE=always cargo test --test golden` rewrites them for review
//! (or `cargo insta review`). Each snapshot ends with `[EOF]`, so a line
//! added or dropped at the end shows too.

use partygraph::input;
use partygraph::pipeline::Pipeline;
use std::path::{Path, PathBuf};

fn seeds() -> Vec<input::Article> {
    let mut v = Vec::new();
    for f in input::expand(&[PathBuf::from("seeds/articles")]) {
        for a in input::read(&f.unwrap()) {
            v.push(a.unwrap());
        }
    }
    assert_eq!(v.len(), 5, "the five seed articles");
    v
}

/// The whole text, its last newlines included.
fn golden(name: &str, actual: &str) {
    insta::assert_snapshot!(name, format!("{actual}[EOF]"));
}

#[test]
fn extraction_json_and_underlines_of_each_seed() {
    let p = Pipeline::load(&Default::default()).unwrap();
    for a in seeds() {
        let r = p.run(&a);
        let json = serde_json::to_string_pretty(&partygraph::output::json(&r)).unwrap();
        golden(&format!("{}.json", a.id), &(json + "\n"));
        golden(&format!("{}.txt", a.id), &partygraph::output::text(&r));
    }
}

#[test]
fn sorted_nquads_of_the_seed_store() {
    let p = Pipeline::load(&Default::default()).unwrap();
    let resolved: Vec<_> = seeds().iter().map(|a| p.run(a)).collect();
    let dir = tempfile::tempdir().unwrap();
    let store = partygraph::store::GraphStore::open(dir.path()).unwrap();
    store.ingest(&resolved, &p.lex).unwrap();
    let mut out = Vec::new();
    store
        .export(oxigraph::io::RdfFormat::NQuads, &mut out)
        .unwrap();
    golden("seeds.nq", &String::from_utf8(out).unwrap());
}

#[test]
fn mention_offsets_point_at_their_text() {
    let p = Pipeline::load(&Default::default()).unwrap();
    for a in seeds() {
        let chars: Vec<char> = a.text.chars().collect();
        let r = p.run(&a);
        let spans = r
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end, m.text.clone())))
            .chain(r.dates.iter().map(|d| (d.start, d.end, d.text.clone())))
            .chain(
                r.posts
                    .iter()
                    .map(|p| (p.evidence.start, p.evidence.end, p.evidence.text.clone())),
            );
        for (s, e, text) in spans {
            assert!(
                s < e && e <= chars.len(),
                "{}: span {s}..{e} out of bounds",
                a.id
            );
            assert_eq!(
                chars[s..e].iter().collect::<String>(),
                text,
                "{}: span {s}..{e}",
                a.id
            );
        }
    }
}

#[test]
fn the_role_scheme_is_written_from_the_role_table() {
    let tsv = std::fs::read_to_string("seeds/lexicons/roles.tsv").unwrap();
    let ttl = partygraph::rdf::scheme::role_scheme(&tsv);
    let path = Path::new("schema/roles.ttl");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &ttl).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap();
    assert!(
        on_disk == ttl,
        "schema/roles.ttl is not what seeds/lexicons/roles.tsv says: UPDATE_GOLDEN=1 rewrites it"
    );
}
