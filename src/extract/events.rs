//! Events: a sentence with an event word (конференция, заседание
//! Политического совета, meeting, іссапар) gives an event of that type, held
//! by the unit, party or organization of the sentence (else the party the
//! article is about), at the sentence's place, on the sentence's date. The
//! lead event reported as held ("өтті", "состоялось", "was held") without a
//! date took place on the publication date. Events of one type in one
//! article are one event unless their dates differ.

use super::symbols::Sym;
use super::{Context, EventClaim, Extraction, Key};
use crate::lexicon::Lexicon;
use std::collections::{HashMap, HashSet};

pub(crate) fn find(
    rows: &[(usize, Vec<Sym>)],
    _lex: &Lexicon,
    ctx: &Context,
    out: &mut Extraction,
) {
    let mut events: Vec<EventClaim> = Vec::new();
    let mut sentences_of: Vec<Vec<usize>> = Vec::new();
    for (si, row) in rows {
        for (k, s) in row.iter().enumerate() {
            let Some(ty) = &s.event else { continue };
            let org = nearest(row, k, &["UNIT", "PARTY"])
                .or_else(|| nearest(row, k, &["ORG"]).filter(|_| ty != "Registration"));
            let org = org.or_else(|| ctx.main_party().map(Key::Party));
            // The place nearest the event word, other than a country.
            let place = row
                .iter()
                .enumerate()
                .filter(|(_, s)| s.tag == "PLACE")
                .filter(
                    |(_, s)| !matches!(&s.key, Some(Key::Place { kind, .. }) if kind == "country"),
                )
                .min_by_key(|(j, _)| j.abs_diff(k))
                .and_then(|(_, s)| s.key.clone());
            // Without a place of its own, an event happens where the main
            // event does (a meeting during a visit); a registration or
            // founding does not take a meeting's place. A branch's territory
            // is not where its conference met unless the text says so.
            let gathering_word = takes_part(ty);
            let place = place.or_else(|| {
                events
                    .first()
                    .filter(|_| gathering_word)
                    .and_then(|e| e.place.clone())
            });
            let held = row.iter().any(|s| s.tag == "HELD");
            // A day (or month) in the sentence dates the event; a year or a
            // range of years speaks of plans, not of when it happened.
            let day = |s: &Sym| s.date.clone().filter(|d| d.len() >= 7 && !d.contains('/'));
            let mut date = row.iter().find_map(day);
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
                rule: format!("event.{}", ty.to_lowercase()),
                ordinal: ordinal(row, k),
                counts: vec![],
            };
            // Another event word with nothing of its own (no date, not said to
            // have been held) speaks of the article's main event when it names
            // a gathering and the main event is one (the conference's "жиын");
            // a meeting during a visit is an event of its own.
            let own = held || row.iter().any(|s| day(s).is_some());
            let same = events
                .iter()
                .position(|e| {
                    e.ty == ev.ty && (e.date.is_none() || ev.date.is_none() || e.date == ev.date)
                })
                .or_else(|| {
                    let main = events.first()?;
                    (!own && is_gathering(&ev.ty) && is_gathering(&main.ty)).then_some(0)
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
            break;
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
        let target = own
            .or(reached)
            .or_else(|| events.first().filter(|e| takes_part(&e.ty)).map(|_| 0));
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
