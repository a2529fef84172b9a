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

pub(crate) fn find(rows: &[(usize, Vec<Sym>)], lex: &Lexicon, ctx: &Context, out: &mut Extraction) {
    let mut events: Vec<EventClaim> = Vec::new();
    let mut sentences_of: Vec<Vec<usize>> = Vec::new();
    for (si, row) in rows {
        for (k, s) in row.iter().enumerate() {
            let Some(ty) = &s.event else { continue };
            let org = nearest(row, k, &["UNIT", "PARTY"])
                .or_else(|| nearest(row, k, &["ORG"]).filter(|_| ty != "Registration"));
            let org = org.or_else(|| ctx.main_party().map(Key::Party));
            let unit_place = match &org {
                Some(Key::Unit { place: Some(p), .. }) => lex
                    .places
                    .iter()
                    .position(|x| &x.id == p)
                    .map(|i| super::symbols::place_key(lex, i, &out.doc)),
                _ => None,
            };
            // The place nearest the event word, other than a country.
            let place = row
                .iter()
                .enumerate()
                .filter(|(_, s)| s.tag == "PLACE")
                .filter(
                    |(_, s)| !matches!(&s.key, Some(Key::Place { kind, .. }) if kind == "country"),
                )
                .min_by_key(|(j, _)| j.abs_diff(k))
                .and_then(|(_, s)| s.key.clone())
                .or(unit_place);
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
            };
            // Another event word with nothing of its own (no date, not said to
            // have been held) speaks of the article's main event.
            let own = held || row.iter().any(|s| day(s).is_some());
            let same = events
                .iter()
                .position(|e| {
                    e.ty == ev.ty && (e.date.is_none() || ev.date.is_none() || e.date == ev.date)
                })
                .or_else(|| (!own && !events.is_empty()).then_some(0));
            match same {
                Some(j) => {
                    let e = &mut events[j];
                    e.date = e.date.clone().or(ev.date);
                    e.place = e.place.clone().or(ev.place);
                    e.org = e.org.clone().or(ev.org);
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
    // Participants: the people of the article take part in its main event;
    // later events, the people of their sentences. A byline (a name alone on
    // the last line) and a head of state mentioned in passing do not.
    let heads_of_state: Vec<&Key> = out
        .posts
        .iter()
        .filter(|p| p.role == "president")
        .map(|p| &p.person)
        .collect();
    let byline = |m: &super::Mention| {
        let d = &out.doc;
        let line_start = d.norm[..m.start]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |p| p + 1);
        let line_end = d.norm[m.end..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(d.norm.len(), |p| m.end + p);
        d.slice(line_start, m.start).trim().is_empty() && d.slice(m.end, line_end).trim().is_empty()
    };
    for (j, e) in events.iter_mut().enumerate() {
        let mut people: Vec<Key> = Vec::new();
        for m in &out.mentions {
            if !matches!(m.key, Key::Person(_)) || byline(m) || heads_of_state.contains(&&m.key) {
                continue;
            }
            let in_event = j == 0
                || sentences_of[j].iter().any(|&si| {
                    let s = &out.doc.sentences[si];
                    s.start <= m.start && m.end <= s.end
                });
            if in_event && !people.contains(&m.key) {
                people.push(m.key.clone());
            }
        }
        e.participants = people;
    }
    out.events = events;
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
