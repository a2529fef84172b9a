//! Rules as data: `seeds/rules/*.rules`. A rule is a pattern over the tags of
//! a sentence's symbols (PER, PARTY, UNIT, ORG, PLACE, ROLE, LVL, the cue tags
//! of `cues.tsv`, EVENT, DATE, COMMA, W for any other word), written like a
//! regular expression with named groups. `TAG` matches the tag in any case,
//! `TAG/dat` only in the dative; `ANY` matches any one symbol.
//!
//! ```text
//! [kk.post.org_role_name]
//! kind: post
//! status: current
//! pattern: (?<org>ORG|UNIT|PARTY) (?<role>ROLE) (?<per>PER)
//! example+: Мандат комиссиясының төрағасы Мұрат Ташибаевтың дерегінше
//! example-: комиссия мүшелері
//! ```
//!
//! A post rule may name the role it gives with `role: KEY`: when its
//! pattern has no role word, a verb says the role ("партияны басқарады"
//! heads the party, "партия қатарынан шықты" left its ranks) and the role's
//! words are those of the group `verb`, else of the whole match; when its
//! `role` group is a verb ("возглавляет"), the key is that verb's role.
//!
//! An event rule (`kind: event`) names the event type it gives with
//! `event: TYPE` (a type of `events.tsv`), else the event word of its
//! group `ev` says the type; its groups `org`, `place` and
//! `date` say which symbols of the clause hold, where and when.
//!
//! A rule's id starts with the language it reads (kk, ru, en).
//! Rules are parsed as written, then compiled; a bad rule is an error with
//! its file and line.

use crate::lexicon::SeedError;
use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    Unit,
    Post,
    /// A title read as one role phrase: the role word with the territory it
    /// belongs to (Қазақстан Президенті).
    Role,
    /// An event of the rule's `event` type.
    Event,
}

#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    /// current | start | end | former
    pub status: String,
    /// The role key a post rule gives when its pattern has no role word.
    pub role: Option<String>,
    /// The event type an event rule gives.
    pub event: Option<String>,
    pub regex: Regex,
    pub pattern: String,
    pub examples: Vec<(bool, String, usize)>,
    pub file: String,
    pub line: usize,
}

impl Rule {
    /// The language a rule reads: the first part of its id (kk, ru, en);
    /// any other prefix reads every language.
    pub fn lang(&self) -> Option<&str> {
        self.id
            .split('.')
            .next()
            .filter(|p| matches!(*p, "kk" | "ru" | "en"))
    }

    pub fn applies_to(&self, lang: crate::text::Lang) -> bool {
        self.lang().is_none_or(|l| l == lang.code())
    }
}

/// Compiles a tag pattern into a regex over " TAG/case" words. Each symbol
/// starts with a space, so a tag never matches the start of a longer one
/// (" BRANCH/" is not in " BRANCHPL/") and no word boundary is needed.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    let word = Regex::new(r"[A-Z]+(?:/[a-z]+)?").expect("static regex");
    let mut out = String::new();
    let mut last = 0;
    for m in word.find_iter(pattern) {
        out.push_str(&pattern[last..m.start()].replace(char::is_whitespace, ""));
        let w = m.as_str();
        if w == "ANY" {
            out.push_str("(?: [A-Z]+/[a-z]+)");
        } else if w.contains('/') {
            out.push_str(&format!("(?: {w})"));
        } else {
            out.push_str(&format!("(?: {w}/[a-z]+)"));
        }
        last = m.end();
    }
    out.push_str(&pattern[last..].replace(char::is_whitespace, ""));
    Regex::new(&out).map_err(|e| e.to_string())
}

/// Parses a rules file.
pub fn parse(file: &str, text: &str) -> Result<Vec<Rule>, SeedError> {
    struct Draft {
        id: String,
        line: usize,
        kind: Option<RuleKind>,
        status: String,
        role: Option<String>,
        event: Option<String>,
        pattern: Option<(String, usize)>,
        examples: Vec<(bool, String, usize)>,
    }
    let err = |line: usize, message: String| SeedError::Rule {
        file: file.to_string(),
        line,
        message,
    };
    let mut drafts: Vec<Draft> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(id) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if drafts.iter().any(|d| d.id == id) {
                return Err(err(n, format!("rule {id} is defined twice")));
            }
            drafts.push(Draft {
                id: id.into(),
                line: n,
                kind: None,
                status: "current".into(),
                role: None,
                event: None,
                pattern: None,
                examples: vec![],
            });
            continue;
        }
        let d = drafts
            .last_mut()
            .ok_or_else(|| err(n, "a field before the first [rule.id]".into()))?;
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| err(n, format!("expected `field: value`, found {line:?}")))?;
        let value = value.trim().to_string();
        match key.trim() {
            "kind" => {
                d.kind = Some(match value.as_str() {
                    "unit" => RuleKind::Unit,
                    "post" => RuleKind::Post,
                    "role" => RuleKind::Role,
                    "event" => RuleKind::Event,
                    _ => {
                        return Err(err(
                            n,
                            format!("kind must be unit, post, role or event, not {value:?}"),
                        ))
                    }
                })
            }
            "status" => {
                if !matches!(value.as_str(), "current" | "start" | "end" | "former") {
                    return Err(err(
                        n,
                        format!("status must be current, start, end or former, not {value:?}"),
                    ));
                }
                d.status = value;
            }
            "role" => {
                if value.is_empty() || !value.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    return Err(err(
                        n,
                        format!("role must be a role key such as chair, not {value:?}"),
                    ));
                }
                d.role = Some(value);
            }
            "event" => {
                if !crate::lexicon::gazetteer::EVENT_TYPES.contains(&value.as_str()) {
                    return Err(err(
                        n,
                        format!(
                            "event must be one of {}, not {value:?}",
                            crate::lexicon::gazetteer::EVENT_TYPES.join(", ")
                        ),
                    ));
                }
                d.event = Some(value);
            }
            "pattern" => d.pattern = Some((value, n)),
            "example+" => d.examples.push((true, value, n)),
            "example-" => d.examples.push((false, value, n)),
            other => return Err(err(n, format!("unknown field {other:?}"))),
        }
    }
    let mut rules = Vec::new();
    for d in drafts {
        let kind = d
            .kind
            .ok_or_else(|| err(d.line, format!("rule {} has no kind", d.id)))?;
        let (pattern, pline) = d
            .pattern
            .ok_or_else(|| err(d.line, format!("rule {} has no pattern", d.id)))?;
        if kind != RuleKind::Event && d.event.is_some() {
            return Err(err(
                d.line,
                format!("rule {}: `event:` goes with `kind: event` only", d.id),
            ));
        }
        let regex = compile(&pattern).map_err(|e| err(pline, format!("bad pattern: {e}")))?;
        if !d.examples.iter().any(|e| e.0) {
            return Err(err(
                d.line,
                format!("rule {} needs at least one example+ that must fire", d.id),
            ));
        }
        rules.push(Rule {
            id: d.id,
            kind,
            status: d.status,
            role: d.role,
            event: d.event,
            regex,
            pattern,
            examples: d.examples,
            file: file.into(),
            line: d.line,
        });
    }
    Ok(rules)
}

/// The rules of one kind for one language whose patterns match `text`, in
/// file order. A sentence is read once by a set of all their patterns
/// (`RegexSet`), built once per rule list, instead of once per rule: with
/// rules by the dozen, most of which do not match a given sentence, this is
/// most of their cost. `source` tells rule lists apart (the id of the
/// lexicon they were loaded with).
pub fn matching<'r>(
    source: u64,
    rules: &'r [Rule],
    kind: RuleKind,
    lang: crate::text::Lang,
    text: &str,
) -> Vec<&'r Rule> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Key = (u64, usize, usize, u8, &'static str);
    /// The set of patterns and, for each, its rule's index.
    type Set = Option<(regex::RegexSet, Vec<usize>)>;
    static SETS: OnceLock<Mutex<HashMap<Key, Arc<Set>>>> = OnceLock::new();
    let kind_code = match kind {
        RuleKind::Unit => 0,
        RuleKind::Post => 1,
        RuleKind::Role => 2,
        RuleKind::Event => 3,
    };
    let key = (
        source,
        rules.as_ptr() as usize,
        rules.len(),
        kind_code,
        lang.code(),
    );
    let set = {
        let mut sets = SETS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        sets.entry(key)
            .or_insert_with(|| {
                let chosen: Vec<usize> = (0..rules.len())
                    .filter(|&i| rules[i].kind == kind && rules[i].applies_to(lang))
                    .collect();
                let set = regex::RegexSet::new(chosen.iter().map(|&i| rules[i].regex.as_str()));
                // Should the set not build (a size limit), every rule is tried.
                Arc::new(set.ok().map(|s| (s, chosen)))
            })
            .clone()
    };
    match set.as_ref() {
        Some((s, chosen)) => s
            .matches(text)
            .into_iter()
            .map(|i| &rules[chosen[i]])
            .collect(),
        None => rules
            .iter()
            .filter(|r| r.kind == kind && r.applies_to(lang))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_compile_to_words() {
        let r = compile("(?<org>ORG|UNIT) ROLE/dat ANY? (?<per>PER)").unwrap();
        let c = r.captures(" UNIT/gen ROLE/dat W/nom PER/nom").unwrap();
        assert_eq!(c.name("org").unwrap().as_str(), " UNIT/gen");
        assert!(!r.is_match(" UNIT/gen ROLE/nom PER/nom"));
        // A tag never matches a longer tag that starts with it.
        assert!(!compile("BRANCH").unwrap().is_match(" BRANCHPL/nom"));
    }

    #[test]
    fn bad_rules_name_their_line() {
        let e = parse("x.rules", "[a]\nkind: post\npattern: (ROLE\nexample+: z\n").unwrap_err();
        assert_eq!(e.line(), 3);
        let e = parse("x.rules", "[a]\nkind: post\npattern: ROLE\n").unwrap_err();
        assert!(e.message().contains("example+"), "{e}");
        let e = parse("x.rules", "[a]\nkind: post\nrole: Chair\npattern: PER\n").unwrap_err();
        assert_eq!(e.line(), 3);
        assert!(e.message().contains("role key"), "{e}");
        let e = parse("x.rules", "[a]\nkind: event\nevent: Party\npattern: PER\n").unwrap_err();
        assert_eq!(e.line(), 3);
        let e = parse(
            "x.rules",
            "[a]\nkind: post\nevent: Visit\npattern: PER\nexample+: z\n",
        )
        .unwrap_err();
        assert_eq!(e.line(), 1);
        assert!(e.message().contains("event:"), "{e}");
    }
}
