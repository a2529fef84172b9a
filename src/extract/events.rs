//! Events: a sentence with an event word (конференция, заседание
//! Политического совета, meeting, іссапар) gives an event of that type, held
//! by the unit, party or organization of the sentence (else the party the
//! article is about), at the sentence's place, on the sentence's date. The
//! lead event reported as held ("өтті", "состоялось", "was held") without a
//! date took place on the publication date. Events of one type in one
//! article are one event unless their dates differ.

use super::rules::{Rule, RuleKind};
use super::symbols::{sym_range, tags, Sym};
use super::{Context, EventClaim, Extraction, Key};
use crate::lexicon::morph::Case;
use crate::lexicon::Lexicon;
use crate::text::Lang;
use std::collections::{HashMap, HashSet};

/// What an event rule's groups pin down in its clause.
#[derive(Default)]
struct Pinned {
    org: Option<Key>,
    place: Option<Key>,
    date: Option<String>,
}

/// The events a sentence speaks of: the first event rule of
/// `seeds/rules/events.rules` that matches it, else its first word for a
/// gathering or visit and its first word for each registration, founding,
/// renaming or merger ("absorbed the Asar party and took the name"). Gives each
/// trigger's index, type, rule id and what the rule's groups pin down.
type Trigger = (usize, String, String, Pinned);

fn triggers(row: &[Sym], rules: &[Rule], lang: Lang) -> Vec<Trigger> {
    let (t, at) = tags(row);
    for rule in rules
        .iter()
        .filter(|r| r.kind == RuleKind::Event && r.applies_to(lang))
    {
        let Some(c) = rule.regex.captures(&t) else {
            continue;
        };
        let group = |name: &str| c.name(name).map(|m| sym_range(&at, m));
        let whole = sym_range(&at, c.get(0).expect("a match has a whole"));
        let k = group("ev").unwrap_or(whole).start;
        let key_in = |name: &str, tags: &[&str]| {
            group(name).and_then(|r| {
                row[r]
                    .iter()
                    .find(|s| tags.contains(&s.tag.as_str()))
                    .and_then(|s| s.key.clone())
            })
        };
        let pinned = Pinned {
            org: key_in("org", &["UNIT", "PARTY", "ORG"]),
            place: key_in("place", &["PLACE"]),
            date: group("date").and_then(|r| row[r].iter().find_map(|s| s.date.clone())),
        };
        // Without `event:`, the event word of the group `ev` says the type.
        let Some(ty) = rule.event.clone().or_else(|| row[k].event.clone()) else {
            continue;
        };
        return vec![(k, ty, rule.id.clone(), pinned)];
    }
    let mut found: Vec<Trigger> = Vec::new();
    for (k, s) in row.iter().enumerate() {
        let Some(ty) = &s.event else { continue };
        let first_gathering = takes_part(ty) && found.iter().all(|f| !takes_part(&f.1));
        if first_gathering || (!takes_part(ty) && found.iter().all(|f| &f.1 != ty)) {
            let id = format!("event.{}", ty.to_lowercase());
            found.push((k, ty.clone(), id, Pinned::default()));
        }
    }
    found
}

/// A word that opens a clause about someone or something else: the date
/// or place after it is not the event's ("..., who resigned last month";
/// "сообщил, что ...").
fn opens_clause(s: &Sym) -> bool {
    s.tag == "WHO"
        || matches!(
            s.text.to_lowercase().as_str(),
            "who" | "which" | "that" | "что" | "который" | "которая" | "которое" | "которые"
        )
}

/// Whether symbol `j` is in the clause of the event word at `k`: no word
/// between them opens another clause, except one right after the event
/// word, which speaks of the event ("съезде, который прошел 6 февраля").
/// In the other direction, the event word after "that" is in the clause
/// "that" opens, and what stands before is the report's.
fn same_clause(row: &[Sym], k: usize, j: usize) -> bool {
    let (a, b) = (k.min(j), k.max(j));
    !(a + 1..b).any(|i| opens_clause(&row[i]) && !(j > k && i <= k + 2))
}

/// A date written as a modifier of the word after it ("the March 19
/// elections"): in English a date right before a lowercase word other than
/// the event word dates that word.
fn attributive(row: &[Sym], j: usize, doc: &crate::text::Doc) -> bool {
    let written = |s: &Sym| {
        doc.slice(s.start, s.end)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let linking = [
        "by", "after", "before", "when", "and", "as", "with", "from", "for", "to",
    ];
    doc.lang == Lang::En
        && written(&row[j])
        && row.get(j + 1).is_some_and(|n| {
            n.tag == "W"
                && n.text.chars().next().is_some_and(char::is_lowercase)
                && !linking.contains(&n.text.as_str())
        })
}

pub(crate) fn find(
    rows: &[(usize, Vec<Sym>)],
    _lex: &Lexicon,
    ctx: &Context,
    rules: &[Rule],
    out: &mut Extraction,
) {
    let lang = out.doc.lang;
    let mut events: Vec<EventClaim> = Vec::new();
    let mut sentences_of: Vec<Vec<usize>> = Vec::new();
    for (si, row) in rows {
        for (k, ty, rule, pinned) in triggers(row, rules, lang) {
            let ty = &ty;
            let by_rule = !rule.starts_with("event.");
            // A party's renaming or merger names the party beside the word
            // ("the capital, renamed ..." is a city's).
            let near = &row[k.saturating_sub(3)..(k + 4).min(row.len())];
            if matches!(ty.as_str(), "Renaming" | "Merger")
                && !near
                    .iter()
                    .any(|s| matches!(s.tag.as_str(), "PARTY" | "UNIT" | "PARTYW"))
            {
                continue;
            }
            // A party's gathering is held by the party or a branch: a
            // parliament or a commission named beside it is what the
            // gathering spoke of. Other organizations hold visits only when
            // the article is about no party.
            let main = ctx.main_party().map(Key::Party);
            let org = pinned
                .org
                .clone()
                .or_else(|| nearest(row, k, &["UNIT", "PARTY"]))
                .or_else(|| {
                    nearest(row, k, &["ORG"])
                        .filter(|_| ty != "Registration" && (main.is_none() || !takes_part(ty)))
                });
            // A congress is the party's own: a branch named beside it sends
            // delegates ("the branch chose its delegates to the congress").
            let org = match org {
                Some(Key::Unit { party, .. }) if ty == "Congress" => Some(Key::Party(party)),
                org => org,
            };
            let org = org.or(main);
            // The place nearest the event word, other than a country (a
            // dateline's city is where the article's gathering met).
            let held = row.iter().any(|s| s.tag == "HELD");
            let place = pinned.place.clone().or_else(|| {
                row.iter()
                    .enumerate()
                    .filter(|(_, s)| s.tag == "PLACE")
                    .filter(|(_, s)| {
                        !matches!(&s.key, Some(Key::Place { kind, .. }) if kind == "country")
                    })
                    .min_by_key(|(j, _)| j.abs_diff(k))
                    .and_then(|(_, s)| s.key.clone())
            });
            // Without a place of its own, an event happens where the main
            // event does (a meeting during a visit); a registration or
            // founding does not take a meeting's place. A branch's territory
            // is not where its conference met unless the text says so.
            let gathering_word = takes_part(ty);
            let place = place.or_else(|| {
                events
                    .first()
                    .filter(|e| gathering_word && ty == "Meeting" && e.ty == "Visit")
                    .and_then(|e| e.place.clone())
            });
            // A day (or month) in the event's clause dates the event; a year
            // or a range of years speaks of plans, not of when it happened.
            // A registration, founding, renaming or merger is dated by its
            // year too ("founded in 1999").
            let least = if takes_part(ty) { 7 } else { 4 };
            let day = |s: &Sym| {
                s.date
                    .clone()
                    .filter(|d| d.len() >= least && !d.contains('/'))
            };
            // An event word in the genitive is what the sentence speaks of
            // ("the day of the congress was announced on ..."): the
            // sentence's date is its own only when it says the event was held.
            let spoken_of = row[k].case == Case::Gen && !held && pinned.date.is_none();
            let mut date = pinned.date.clone().or_else(|| {
                row.iter()
                    .enumerate()
                    .filter(|(j, _)| same_clause(row, k, *j) && !attributive(row, *j, &out.doc))
                    .filter_map(|(j, s)| day(s).map(|d| (j, d)))
                    .min_by_key(|(j, _)| j.abs_diff(k))
                    .map(|(_, d)| d)
                    .filter(|_| !spoken_of)
            });
            if date.is_none() && held && events.is_empty() {
                date = out.doc.published.clone();
            }
            let sent = &out.doc.sentences[*si];
            let ev = EventClaim {
                ty: ty.clone(),
                org,
                place,
                date,
                participants: vec![],
                evidence: (sent.start, sent.end.min(out.doc.body_end)),
                rule,
                ordinal: ordinal(row, k),
                counts: vec![],
            };
            // A word for any gathering with nothing of its own (no date, not
            // said to have been held) speaks of the article's main gathering
            // (the conference's "жиын"); a congress named in a conference's
            // story is an event of its own, and so is a meeting during a visit.
            let own = held || ev.date.is_some() || by_rule;
            // "Сол съезде", "на том съезде", "at that congress": the event
            // the story has just told of, whatever word named it.
            let that = k
                .checked_sub(1)
                .and_then(|i| row.get(i))
                .is_some_and(|p| DEMONSTRATIVES.contains(&p.text.to_lowercase().as_str()));
            let same = (that && ev.date.is_none() && !events.is_empty())
                .then(|| events.len() - 1)
                .or_else(|| {
                    events
                        .iter()
                        .position(|e| {
                            e.ty == ev.ty
                                && (e.date.is_none() || ev.date.is_none() || e.date == ev.date)
                        })
                        .or_else(|| {
                            let main = events.first()?;
                            (!own && ev.ty == "Meeting" && is_gathering(&main.ty)).then_some(0)
                        })
                });
            match same {
                Some(j) => {
                    let e = &mut events[j];
                    e.date = e.date.clone().or(ev.date);
                    e.place = e.place.clone().or(ev.place);
                    e.org = e.org.clone().or(ev.org);
                    e.ordinal = e.ordinal.or(ev.ordinal);
                    sentences_of[j].push(*si);
                }
                None => {
                    events.push(ev);
                    sentences_of.push(vec![*si]);
                }
            }
        }
    }
    // The first event each sentence speaks of.
    let mut event_of: HashMap<usize, usize> = HashMap::new();
    for (j, ss) in sentences_of.iter().enumerate() {
        for &si in ss {
            event_of.entry(si).or_insert(j);
        }
    }
    // Counts: "80 делегат шақырылды", "128 people": a number before a word
    // for people, said of the event of its sentence, else the main event.
    for (si, row) in rows {
        for (k, s) in row.iter().enumerate() {
            let Some(n) = s.text.parse::<u64>().ok().filter(|_| s.tag == "W") else {
                continue;
            };
            let Some(p) = row.get(k + 1).filter(|x| x.tag == "PEOPLE") else {
                continue;
            };
            let status = row[k + 1..].iter().find_map(|x| match x.tag.as_str() {
                "INVITED" => Some("invited"),
                "ATTENDED" => Some("attended"),
                _ => None,
            });
            let count = crate::extract::Count {
                n,
                what: p.text.clone(),
                status: status.unwrap_or("present").into(),
            };
            let target = event_of
                .get(si)
                .copied()
                .or((!events.is_empty()).then_some(0));
            if let Some(j) = target {
                if !events[j].counts.contains(&count) {
                    events[j].counts.push(count);
                }
            }
        }
    }
    // Participants: the people of the article take part in its main event;
    // later events, the people of their sentences. A byline (a name alone on
    // the last line) and a head of state mentioned in passing do not.
    let heads_of_state: HashSet<&Key> = out
        .posts
        .iter()
        .filter(|p| p.role == "president")
        .map(|p| &p.person)
        .collect();
    // Nothing but blanks between the mention and either end of its line
    // (read only up to the first other char, however long the line).
    let byline = |m: &super::Mention| {
        let blank = |c: &&char| c.is_whitespace();
        let norm = &out.doc.norm;
        norm[..m.start]
            .iter()
            .rev()
            .take_while(|&&c| c != '\n')
            .all(|c| blank(&c))
            && norm[m.end..]
                .iter()
                .take_while(|&&c| c != '\n')
                .all(|c| blank(&c))
    };
    // A person named in an event's own sentences takes part in it; a person
    // named elsewhere, in the gathering or visit the story had reached by
    // then (the latest one begun at or before the sentence), else the main
    // event. Registrations, foundings, renamings and mergers have no
    // participants of their own.
    let first_sentence: Vec<usize> = sentences_of
        .iter()
        .map(|v| v.iter().copied().min().unwrap_or(usize::MAX))
        .collect();
    let sentence_of = |pos: usize| {
        let sentences = &out.doc.sentences;
        let i = sentences.partition_point(|s| s.start <= pos);
        i.checked_sub(1)
            .filter(|&i| pos < sentences[i].end)
            .unwrap_or(0)
    };
    let mut people: Vec<Vec<Key>> = vec![Vec::new(); events.len()];
    let mut seen: Vec<HashSet<&Key>> = vec![HashSet::new(); events.len()];
    for m in &out.mentions {
        if !matches!(m.key, Key::Person(_)) || byline(m) || heads_of_state.contains(&m.key) {
            continue;
        }
        let si = sentence_of(m.start);
        let own = event_of.get(&si).copied();
        let reached = (0..events.len())
            .filter(|&j| takes_part(&events[j].ty) && first_sentence[j] <= si)
            .max_by_key(|&j| first_sentence[j]);
        // Outside the event's own sentences, only a person said to take
        // part, to be among those there, to speak, or to be elected or
        // appointed there.
        let row = rows
            .iter()
            .find(|(i, _)| *i == si)
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[]);
        let active = row
            .iter()
            .any(|s| matches!(s.tag.as_str(), "ATTENDED" | "SPOKE" | "AMONG"));
        let here = |p: &&super::PostClaim| p.person == m.key && sentence_of(p.evidence.0) == si;
        let chosen = out
            .posts
            .iter()
            .filter(here)
            .any(|p| p.decided && p.status == "start");
        let target = own.or_else(|| {
            let j = reached.or_else(|| events.first().filter(|e| takes_part(&e.ty)).map(|_| 0))?;
            (active || chosen).then_some(j)
        });
        // A founding has its founders ("founded by ...", elected at the
        // founding congress).
        let target = target.filter(|&j| takes_part(&events[j].ty) || events[j].ty == "Founding");
        if let Some(j) = target {
            if seen[j].insert(&m.key) {
                people[j].push(m.key.clone());
            }
        }
    }
    for (e, p) in events.iter_mut().zip(people) {
        e.participants = p;
    }
    out.events = events;
}

/// Words pointing back at what was just told of.
const DEMONSTRATIVES: [&str; 8] = ["сол", "осы", "том", "тот", "этом", "этот", "that", "this"];

/// A gathering of people: what a meeting word in the same article may speak of.
fn is_gathering(ty: &str) -> bool {
    matches!(ty, "Conference" | "Congress" | "CouncilSession" | "Meeting")
}

/// An event people take part in: a gathering or a visit (not a registration,
/// founding, renaming or merger).
fn takes_part(ty: &str) -> bool {
    is_gathering(ty) || ty == "Visit"
}

/// The key of the nearest symbol with one of `tags`, before or after `k`.
fn nearest(row: &[Sym], k: usize, tags: &[&str]) -> Option<Key> {
    let mut best: Option<(usize, Key)> = None;
    for (i, s) in row.iter().enumerate() {
        if tags.contains(&s.tag.as_str()) {
            if let Some(key) = &s.key {
                let d = i.abs_diff(k);
                if best.as_ref().is_none_or(|b| d < b.0) {
                    best = Some((d, key.clone()));
                }
            }
        }
    }
    best.map(|b| b.1)
}

/// The ordinal written before an event word: a Roman numeral (IV, XXIV, ІІІ)
/// or a number with an ordinal ending (18-ші, 5-й).
fn ordinal(row: &[Sym], k: usize) -> Option<u32> {
    let prev = row.get(k.checked_sub(1)?)?;
    if let Some(n) = roman(&prev.text) {
        return Some(n);
    }
    // 18 - ші съезі: number, dash, a short ordinal ending.
    if k >= 3
        && row[k - 2].tag == "DASH"
        && prev.text.chars().count() <= 4
        && prev.text.chars().all(char::is_lowercase)
    {
        return row[k - 3].text.parse().ok();
    }
    None
}

/// The value of a Roman numeral in Latin or Cyrillic look-alike letters.
fn roman(s: &str) -> Option<u32> {
    let value = |c: char| match c {
        'I' | 'І' => Some(1),
        'V' => Some(5),
        'X' | 'Х' => Some(10),
        'L' => Some(50),
        'C' | 'С' => Some(100),
        'D' => Some(500),
        'M' | 'М' => Some(1000),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    if vals.is_empty() || vals.len() > 8 {
        return None;
    }
    let mut total: i64 = 0;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|n| n > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    u32::try_from(total).ok().filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn roman_numerals() {
        assert_eq!(super::roman("IV"), Some(4));
        assert_eq!(super::roman("XXIV"), Some(24));
        assert_eq!(super::roman("ІІІ"), Some(3));
        assert_eq!(super::roman("XVIII"), Some(18));
        assert_eq!(super::roman("Иван"), None);
    }
}
