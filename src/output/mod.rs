//! Renderings of resolved articles: the JSON of `shared` FORMAT (one object
//! per article per line) and a text view with the mentions underlined.

use crate::resolve::Resolved;
use serde_json::{json, Value};

/// The FORMAT JSON object of one article.
pub fn json(r: &Resolved) -> Value {
    json!({
        "doc": r.doc,
        "lang": r.lang,
        "published": r.published,
        "entities": r.entities,
        "dates": r.dates,
        "posts": r.posts.iter().map(|p| json!({
            "person": p.person, "role": p.role, "org": p.org, "status": p.status, "date": p.date,
            "evidence": {"start": p.evidence.start, "end": p.evidence.end},
            "role_text": p.role_text, "role_span": {"start": p.role_span.start, "end": p.role_span.end},
            "rule": p.rule, "acting": p.acting, "event": p.event,
        })).collect::<Vec<_>>(),
        "events": r.events.iter().map(|e| json!({
            "type": e.ty, "org": e.org, "place": e.place, "date": e.date, "participants": e.participants,
            "evidence": {"start": e.evidence.start, "end": e.evidence.end}, "rule": e.rule,
            "ordinal": e.ordinal, "counts": e.counts,
        })).collect::<Vec<_>>(),
        "roles": r.roles,
    })
}

/// The article for a person to read: each line of text, then the mentions
/// on it underlined with their type; then the facts with their evidence.
/// Control characters of the article (an ESC would reach the terminal) are
/// printed as escapes, `\u{1b}`, and the underlines allow for them.
pub fn text(r: &Resolved) -> String {
    use crate::text::escape_controls as visible;
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "== {} ({}, published {})",
        visible(&r.doc),
        r.lang,
        visible(r.published.as_deref().unwrap_or("unknown"))
    );
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for e in &r.entities {
        for m in &e.mentions {
            spans.push((m.start, m.end, format!("{:?} {}", e.ty, e.id)));
        }
    }
    for d in &r.dates {
        spans.push((d.start, d.end, format!("Date {}", d.value)));
    }
    spans.sort();
    let mut next = 0; // the first span not yet shown
    let mut line_start = 0;
    for line in r.text.split('\n') {
        let chars: Vec<char> = line.chars().collect();
        for (a, b) in pieces(&chars) {
            let (start, end) = (line_start + a, line_start + b);
            while next < spans.len() && spans[next].0 < start {
                next += 1;
            }
            let on = spans[next..].partition_point(|s| s.0 < end);
            if on > 0 {
                underline(&mut out, &chars[a..b], start, &spans[next..next + on]);
                next += on;
            }
        }
        line_start += chars.len() + 1;
    }
    let mut names: std::collections::HashMap<&str, &str> = Default::default();
    for e in &r.entities {
        names.entry(e.id.as_str()).or_insert(e.name.as_str());
    }
    let name = |id: &str| visible(names.get(id).copied().unwrap_or(id)).into_owned();
    let _ = writeln!(out, "-- posts");
    for p in &r.posts {
        let _ = writeln!(
            out,
            "{} | {} ({}) | {} | {}{} [{}]\n    «{}»",
            name(&p.person),
            p.role,
            visible(&p.role_text),
            name(&p.org),
            p.status,
            p.date
                .as_deref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default(),
            p.rule,
            visible(p.evidence.text.trim())
        );
    }
    let _ = writeln!(out, "-- events");
    for e in &r.events {
        let people: Vec<String> = e.participants.iter().map(|p| name(p)).collect();
        let _ = writeln!(
            out,
            "{} | {} | {} | {} | {}\n    «{}»",
            e.ty,
            e.org.as_deref().map(name).unwrap_or("-".into()),
            e.place.as_deref().map(name).unwrap_or("-".into()),
            e.date.as_deref().unwrap_or("-"),
            people.join(", "),
            visible(e.evidence.text.trim())
        );
    }
    out
}

/// The most chars a line of the text view shows with its underlines: a
/// longer line (a page flattened onto one line) is shown in pieces, so that
/// the underlines' padding stays bounded; no paragraph a person writes comes
/// near it.
const PIECE: usize = 2_000;

/// A line's pieces as char ranges: at most [`PIECE`] chars each, ending after
/// a space when there is one in the second half of the piece.
fn pieces(line: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = 0;
    while line.len() - a > PIECE {
        let b = (a + PIECE / 2..a + PIECE)
            .rev()
            .find(|&i| line[i - 1] == ' ')
            .unwrap_or(a + PIECE);
        out.push((a, b));
        a = b;
    }
    out.push((a, line.len()));
    out
}

/// A piece of a line, then a row of carets under each span that starts in it
/// (`start` is the piece's offset in the text), cut at the piece's end.
/// Control characters print as escapes and the carets allow for them.
fn underline(out: &mut String, chars: &[char], start: usize, spans: &[(usize, usize, String)]) {
    use std::fmt::Write;
    // The printed column of each char: escapes take more than one.
    let mut col = Vec::with_capacity(chars.len() + 1);
    let mut shown = String::with_capacity(chars.len() * 2);
    let mut at = 0;
    for &c in chars {
        col.push(at);
        let before = shown.len();
        crate::text::push_visible(&mut shown, c);
        // An escape is ASCII: one column a byte.
        at += if crate::text::is_control(c) {
            shown.len() - before
        } else {
            1
        };
    }
    col.push(at);
    let _ = writeln!(out, "{shown}");
    let end = start + chars.len();
    for (s, e, what) in spans {
        let (s, e) = (s - start, e.min(&end) - start);
        let pad: String = chars[..s]
            .iter()
            .map(|c| if *c == '\t' { '\t' } else { ' ' })
            .chain(std::iter::repeat_n(' ', col[s] - s))
            .collect();
        let _ = writeln!(
            out,
            "{pad}{} {}",
            "^".repeat((col[e] - col[s]).max(1)),
            crate::text::escape_controls(what)
        );
    }
}
