//! `partygraph check`: every example of every seed file and rule, run
//! through the pipeline. A seed file's `example+` must show what the file is
//! for (a party file's example must yield a party, a rule's example must
//! fire that rule) and its `example-` must not.

use crate::extract::EntityType;
use crate::input::Article;
use crate::pipeline::Pipeline;

/// What an example of a file is checked for.
#[derive(Clone, Copy, Debug)]
enum Expect {
    Entity(EntityType),
    Role,
    Date,
    Event,
    Tags(&'static [&'static str]),
    Lemma,
    Navigation,
    OneSentence,
    NoPerson,
    Plural,
}

fn expectation(file: &str) -> Option<Expect> {
    let name = file.rsplit('/').next().unwrap_or(file);
    Some(match name {
        "parties.tsv" => Expect::Entity(EntityType::Party),
        "places.tsv" => Expect::Entity(EntityType::Place),
        "organizations.tsv" | "org_heads.tsv" | "local_bodies.tsv" => {
            Expect::Entity(EntityType::Organization)
        }
        "given_names.tsv" | "surname_shapes.tsv" => Expect::Entity(EntityType::Person),
        "roles.tsv" => Expect::Role,
        "months.tsv" => Expect::Date,
        "events.tsv" => Expect::Event,
        "levels.tsv" => Expect::Tags(&["LVL", "PLACE", "UNIT"]),
        "cues.tsv" => Expect::Tags(&[
            "START", "END", "FORMER", "SERVED", "NEW", "AS", "BECAME", "HELD", "BRANCH", "PARTYW",
            "COUNCIL",
        ]),
        "kk_suffixes.tsv" | "kk_alternations.tsv" | "ru_endings.tsv" => Expect::Lemma,
        "boilerplate.tsv" => Expect::Navigation,
        "abbreviations.tsv" => Expect::OneSentence,
        "stopwords.tsv" => Expect::NoPerson,
        "plural.tsv" => Expect::Plural,
        "prefixes.tsv" => Expect::Role,
        _ => return None,
    })
}

/// The outcome of `check`.
#[derive(Debug, Default)]
pub struct Report {
    pub passed: usize,
    pub failures: Vec<String>,
}

fn article(text: &str) -> Article {
    Article {
        id: "example".into(),
        text: text.into(),
        source: "example".into(),
        ..Default::default()
    }
}

/// Whether an example shows what its file promises.
fn holds(p: &Pipeline, expect: Expect, text: &str) -> bool {
    match expect {
        Expect::Lemma => {
            let Some((form, lemma)) = text.split_once("->") else {
                // A whole name: none of its stripped forms is another entry
                // of the gazetteer or the given names.
                let w = text.trim().to_lowercase();
                return p.lex.morph.analyze(&w).iter().skip(1).any(|l| {
                    p.lex.gazetteer.knows(&l.text)
                        || p.lex
                            .given
                            .contains_key(&crate::text::translit::key(&l.text))
                });
            };
            let (form, lemma) = (form.trim().to_lowercase(), lemma.trim().to_lowercase());
            p.lex.morph.analyze(&form).iter().any(|l| l.text == lemma)
        }
        Expect::Navigation => {
            let doc = crate::text::analyze(
                &article(&format!("Мақала мәтіні.\n{text}\n{text}\n")),
                &p.lex,
            );
            doc.body_end < doc.norm.len()
        }
        Expect::Plural => {
            // "lang word": some lemma of the word is its stem with a plural ending.
            let Some((lang, word)) = text.split_once(' ') else {
                return false;
            };
            let w = word.to_lowercase();
            p.lex
                .morph
                .analyze(&w)
                .iter()
                .any(|l| l.depth > 0 && p.lex.is_plural(lang, &l.text, &w))
        }
        Expect::OneSentence => crate::text::analyze(&article(text), &p.lex).sentences.len() == 1,
        Expect::Tags(tags) => {
            let x = p.extraction(&article(text));
            x.tags.iter().any(|t| tags.contains(&t.as_str()))
        }
        _ => {
            let r = p.run(&article(text));
            match expect {
                Expect::Entity(ty) => r.entities.iter().any(|e| e.ty == ty),
                Expect::NoPerson => r.entities.iter().any(|e| e.ty == EntityType::Person),
                Expect::Role => !r.roles.is_empty(),
                Expect::Date => !r.dates.is_empty(),
                Expect::Event => !r.events.is_empty(),
                _ => unreachable!(),
            }
        }
    }
}

/// Runs every example.
pub fn run(p: &Pipeline) -> Report {
    let mut rep = Report::default();
    for t in &p.lex.tables {
        let Some(expect) = expectation(&t.file) else {
            continue;
        };
        for (positive, text, line) in &t.examples {
            let ok = holds(p, expect, text) == *positive;
            if ok {
                rep.passed += 1;
            } else {
                let want = if *positive {
                    "must match"
                } else {
                    "must not match"
                };
                rep.failures.push(format!(
                    "{}:{line}: example {want} ({expect:?}): {text}",
                    t.file
                ));
            }
        }
    }
    for rule in &p.rules {
        for (positive, text, line) in &rule.examples {
            let x = p.extraction(&article(text));
            let fired = x.posts.iter().any(|c| c.rule == rule.id)
                || x.mentions.iter().any(|m| m.rule == rule.id)
                || x.roles.iter().any(|r| r.rule == rule.id)
                || x.events.iter().any(|e| e.rule == rule.id);
            if fired == *positive {
                rep.passed += 1;
            } else {
                let want = if *positive {
                    "must fire"
                } else {
                    "must not fire"
                };
                rep.failures.push(format!(
                    "{}:{line}: rule {} {want}: {text}",
                    rule.file, rule.id
                ));
            }
        }
    }
    rep
}
