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
pub fn text(r: &Resolved) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "== {} ({}, published {})",
        r.doc,
        r.lang,
        r.published.as_deref().unwrap_or("unknown")
    );
    let chars: Vec<char> = r.text.chars().collect();
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
    let mut line_start = 0;
    for line in r.text.split('\n') {
        let n = line.chars().count();
        let line_end = line_start + n;
        let on: Vec<&(usize, usize, String)> = spans
            .iter()
            .filter(|s| s.0 >= line_start && s.0 < line_end)
            .collect();
        if !on.is_empty() {
            let _ = writeln!(out, "{line}");
            for (s, e, what) in on {
                let pad: String = chars[line_start..*s]
                    .iter()
                    .map(|c| if *c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(
                    out,
                    "{pad}{} {what}",
                    "^".repeat((e.min(&line_end) - s).max(1))
                );
            }
        }
        line_start = line_end + 1;
    }
    let name = |id: &str| {
        r.entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let _ = writeln!(out, "-- posts");
    for p in &r.posts {
        let _ = writeln!(
            out,
            "{} | {} ({}) | {} | {}{} [{}]\n    «{}»",
            name(&p.person),
            p.role,
            p.role_text,
            name(&p.org),
            p.status,
            p.date
                .as_deref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default(),
            p.rule,
            p.evidence.text.trim()
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
            e.evidence.text.trim()
        );
    }
    out
}
