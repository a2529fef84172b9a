//! Text that is large, invisible or hostile: a dense one-line article of a
//! megabyte, names with zero-width characters and soft hyphens inside them,
//! control characters in the text rendering, and a curation file of 30,000
//! entries.

use partygraph::identity::{self, curation::Curation};
use partygraph::input::{self, Article};
use partygraph::pipeline::Pipeline;
use partygraph::resolve::Resolved;
use std::path::PathBuf;

fn article(text: &str) -> Article {
    Article {
        id: "x".into(),
        text: text.into(),
        ..Default::default()
    }
}

fn seeds() -> Vec<Article> {
    let mut v = Vec::new();
    for f in input::expand(&[PathBuf::from("seeds/articles")]) {
        for a in input::read(&f.unwrap()) {
            v.push(a.unwrap());
        }
    }
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// Every span of a resolved article lies inside the text and quotes it.
fn spans_quote_the_text(r: &Resolved, text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    for e in &r.entities {
        spans.extend(e.mentions.iter().map(|m| (m.start, m.end, &m.text)));
    }
    spans.extend(r.dates.iter().map(|d| (d.start, d.end, &d.text)));
    spans.extend(
        r.posts
            .iter()
            .map(|p| (p.evidence.start, p.evidence.end, &p.evidence.text)),
    );
    spans.extend(
        r.events
            .iter()
            .map(|e| (e.evidence.start, e.evidence.end, &e.evidence.text)),
    );
    for &(s, e, t) in &spans {
        assert!(
            s <= e && e <= chars.len(),
            "span {s}..{e} beyond {}",
            chars.len()
        );
        assert_eq!(&chars[s..e].iter().collect::<String>(), t);
    }
    spans.len()
}

fn mentions_of<'a>(r: &'a Resolved, id: &str) -> Vec<&'a partygraph::resolve::Span> {
    r.entities
        .iter()
        .filter(|e| e.id == id)
        .flat_map(|e| &e.mentions)
        .collect()
}

#[test]
fn a_dense_one_line_megabyte_finishes_with_its_spans_in_the_text() {
    let p = Pipeline::load(&Default::default()).unwrap();
    // The seed articles' lines on one line with no sentence end: one
    // sentence of a megabyte for the splitter.
    let lines: Vec<String> = seeds()
        .iter()
        .flat_map(|a| a.text.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| l.chars().count() > 80)
        .map(|l| l.replace(['.', '!', '?', '…'], ""))
        .collect();
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(&lines[i % lines.len()]);
        text.push(' ');
        i += 1;
    }
    assert!(!text.contains('\n'));
    let r = p.run(&article(&text));
    let spans = spans_quote_the_text(&r, &text);
    assert!(spans > 3_000, "only {spans} spans in a dense megabyte");
    // The party chair is named in every pass over the seed lines.
    let written = text.matches("Ерлан Қошанов").count();
    let found = mentions_of(&r, "person:koshanov-erlan").len();
    assert!(
        found * 10 >= written * 9,
        "{found} of {written} «Ерлан Қошанов» found"
    );
}

#[test]
fn a_run_on_sentence_is_cut_into_pieces_at_commas() {
    let p = Pipeline::load(&Default::default()).unwrap();
    let piece = "Ерлан Қошанов, Азаттың ағасы, ";
    let text = piece.repeat(400);
    let x = p.extraction(&article(&text));
    let limit = partygraph::text::MAX_SENTENCE_TOKENS;
    assert!(x.doc.sentences.len() > 1);
    for s in &x.doc.sentences {
        assert!(s.tokens.len() <= limit, "{} tokens", s.tokens.len());
        let last = &x.doc.tokens[s.tokens.end - 1];
        if s.tokens.end < x.doc.tokens.len() {
            assert_eq!(last.text, ",", "a piece ends after a comma");
        }
    }
    let r = p.run(&article(&text));
    spans_quote_the_text(&r, &text);
    assert_eq!(mentions_of(&r, "person:koshanov-erlan").len(), 400);
}

/// A post sentence of the seed kind, with and without invisible characters
/// inside the names.
const CLEAN: &str = "«AMANAT» партиясы Павлодар облыстық филиалының төрағасы Ерлан Сайыров өңір тұрғындарымен кездесті. Кездесуге партия Төрағасы Ерлан Қошанов қатысты.";

#[test]
fn invisible_characters_inside_names_change_nothing_but_the_offsets() {
    let p = Pipeline::load(&Default::default()).unwrap();
    let dirty = CLEAN
        .replace("Ерлан Сайыров", "Ер\u{200D}лан Сай\u{00AD}ыров")
        .replace("AMANAT", "AMA\u{200B}NAT")
        .replace("Қошанов", "Қо\u{2060}ша\u{FEFF}нов\u{200C}")
        .replace("төрағасы", "төр\u{034F}ағасы\u{180E}")
        .replace("Павлодар", "\u{200E}Павлодар");
    assert_ne!(dirty, CLEAN);
    let (a, b) = (p.run(&article(CLEAN)), p.run(&article(&dirty)));
    let ids = |r: &Resolved| {
        let mut v: Vec<(String, String)> = r
            .entities
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&a), ids(&b));
    assert!(ids(&b).iter().any(|(id, _)| id == "person:sairov-erlan"));
    let posts = |r: &Resolved| {
        let mut v: Vec<(String, String, String)> = r
            .posts
            .iter()
            .map(|p| (p.person.clone(), p.role.clone(), p.org.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(posts(&a), posts(&b));
    assert!(!posts(&b).is_empty(), "the chair's post is read");
    // Every span points into the text as read, and quotes it with the
    // invisible characters it holds.
    spans_quote_the_text(&b, &dirty);
    let visible = |s: &str| {
        s.chars()
            .filter(|c| !partygraph::text::is_invisible(*c))
            .collect::<String>()
    };
    let sayirov = mentions_of(&b, "person:sairov-erlan");
    assert_eq!(sayirov[0].text, "Ер\u{200D}лан Сай\u{00AD}ыров");
    for e in &a.entities {
        let clean: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        let read: Vec<String> = mentions_of(&b, &e.id)
            .iter()
            .map(|m| visible(&m.text))
            .collect();
        assert_eq!(clean, read, "{}", e.id);
    }
}

#[test]
fn control_characters_print_as_escapes_with_the_underlines_in_place() {
    let p = Pipeline::load(&Default::default()).unwrap();
    let text = "\u{1b}[2J\u{7}Кездесуге партия Төрағасы Ерлан Қошанов\u{9b} қатысты.\r\n";
    let out = partygraph::output::text(&p.run(&article(text)));
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{out:?}"
    );
    assert!(out.contains("\\u{1b}[2J\\u{7}Кездесуге"), "{out}");
    assert!(out.contains("Қошанов\\u{9b} қатысты.\\u{d}"), "{out}");
    // The carets stand under the name on the printed line.
    let lines: Vec<&str> = out.lines().collect();
    let at = lines.iter().position(|l| l.contains("Кездесуге")).unwrap();
    let col = |s: &str, sub: &str| s[..s.find(sub).unwrap()].chars().count();
    let under = lines[at + 1..]
        .iter()
        .find(|l| l.contains("person:koshanov-erlan"))
        .expect("an underline for the person");
    assert_eq!(col(under, "^"), col(lines[at], "Ерлан"));
    assert_eq!(under.matches('^').count(), "Ерлан Қошанов".chars().count());
}

#[test]
fn thirty_thousand_curation_entries_apply_through_their_ids() {
    let p = Pipeline::load(&Default::default()).unwrap();
    let resolved: Vec<Resolved> = seeds().iter().map(|a| p.run(a)).collect();
    let mut toml = String::new();
    // The entries that touch the seeds.
    toml.push_str("[[merge]]\nids = [\"person:tashibaev-murat\", \"person:tashibaev-marat\"]\n\n");
    toml.push_str("[[split]]\nids = [\"person:amirtaev-azat\", \"person:amirtaev-azamathan\"]\n\n");
    toml.push_str("[[name]]\nid = \"person:koshanov-erlan\"\nname = \"Қошанов Ерлан\"\n\n");
    toml.push_str("[[drop]]\nperson = \"person:kerei-bolat\"\nrole = \"executive_secretary\"\norg = \"party:baytaq\"\n\n");
    // A split that stops a chain of merges half way.
    toml.push_str("[[merge]]\nids = [\"person:q-0\", \"person:q-1\", \"person:q-2\"]\n\n");
    toml.push_str("[[split]]\nids = [\"person:q-2\", \"person:q-0\"]\n\n");
    // And 30,000 more about ids no article names: chains of merges, splits
    // that cut some of them, names and drops.
    for i in 0..10_000 {
        toml.push_str(&format!(
            "[[merge]]\nids = [\"person:m-{}\", \"person:m-{}\"]\n\n",
            i,
            i + 1
        ));
    }
    for i in 0..10_000 {
        toml.push_str(&format!(
            "[[split]]\nids = [\"person:s-{i}\", \"person:t-{i}\"]\n\n"
        ));
    }
    for i in 0..5_000 {
        toml.push_str(&format!(
            "[[name]]\nid = \"person:m-{i}\"\nname = \"N {i}\"\n\n"
        ));
        toml.push_str(&format!(
            "[[drop]]\nperson = \"person:m-{i}\"\nrole = \"chair\"\norg = \"party:p-{i}\"\n\n"
        ));
    }
    let t = std::time::Instant::now();
    let mut cur = p.lex.curation.clone();
    cur.extend(Curation::parse("big.toml", &toml).unwrap());
    assert_eq!(
        cur.merge.len() + cur.split.len() + cur.name.len() + cur.drop.len(),
        30_006
    );
    let id = identity::resolve(&resolved, &cur);
    let applied: Vec<Resolved> = resolved.iter().map(|r| identity::apply(r, &id)).collect();
    eprintln!("30,006 curation entries applied in {:.2?}", t.elapsed());

    // The forced merge, kept apart pair, name and dropped post.
    assert_eq!(
        id.canonical("person:tashibaev-murat"),
        id.canonical("person:tashibaev-marat")
    );
    assert_ne!(
        id.canonical("person:amirtaev-azat"),
        id.canonical("person:amirtaev-azamathan")
    );
    assert_eq!(id.names["person:koshanov-erlan"], "Қошанов Ерлан");
    let posts = |rs: &[Resolved]| {
        rs.iter()
            .flat_map(|r| &r.posts)
            .filter(|p| p.person == "person:kerei-bolat" && p.role == "executive_secretary")
            .count()
    };
    assert!(posts(&resolved) > 0);
    assert_eq!(posts(&applied), 0);
    let named = applied
        .iter()
        .flat_map(|r| &r.entities)
        .find(|e| e.id == "person:koshanov-erlan")
        .unwrap();
    assert_eq!(named.name, "Қошанов Ерлан");
    assert_eq!(id.canonical("person:q-1"), "person:q-0");
    assert_eq!(id.canonical("person:q-2"), "person:q-2");
    // The chain of 10,001 ids is one entity under its least id.
    assert_eq!(id.canonical("person:m-9999"), "person:m-0");
    assert_eq!(id.members("person:m-5").len(), 10_001);
    assert!(cur.is_split("person:t-77", "person:s-77"));
    assert!(!cur.is_split("person:t-77", "person:s-78"));
    assert_eq!(id.names["person:m-0"], "N 4999");
}

#[test]
fn a_long_line_is_underlined_in_pieces() {
    let p = Pipeline::load(&Default::default()).unwrap();
    let text = "Кездесуге партия Төрағасы Ерлан Қошанов қатысты, ".repeat(200);
    let r = p.run(&article(&text));
    let mentions = mentions_of(&r, "person:koshanov-erlan").len();
    assert_eq!(mentions, 200);
    let out = partygraph::output::text(&r);
    let view: Vec<&str> = out.lines().take_while(|l| *l != "-- posts").collect();
    let shown: String = view
        .iter()
        .filter(|l| !l.contains('^'))
        .skip(1)
        .copied()
        .collect();
    assert_eq!(shown, text, "the pieces put together are the line");
    assert!(view.iter().all(|l| l.chars().count() <= 2_100));
    let carets = view
        .iter()
        .filter(|l| l.ends_with("person:koshanov-erlan"))
        .count();
    assert_eq!(carets, mentions);
}
