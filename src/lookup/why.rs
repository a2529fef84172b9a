//! `why`: what made an entity one entity (the ids, names and articles that
//! went into it, the evidence of each merge, the candidates kept apart and
//! the curation entries that touched it); `conflicts`: claims the articles
//! disagree on, listed with their sources rather than settled.

use crate::graph::{KnowledgeGraph, Node, TenureNode};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct Why {
    pub id: String,
    pub name: String,
    /// (id, fullest name, articles) of every id that became this entity.
    pub members: Vec<(String, String, Vec<String>)>,
    /// (id, id, evidence) of each merge.
    pub merged: Vec<(String, String, String)>,
    /// (id inside, id outside, why not) of the candidates left apart.
    pub kept_apart: Vec<(String, String, String)>,
    /// What the curation files say about it.
    pub curation: Vec<String>,
}

pub fn why(kg: &KnowledgeGraph, i: NodeIndex) -> Option<Why> {
    let Node::Entity(e) = &kg.graph[i] else {
        return None;
    };
    let idn = &kg.identity;
    let members = idn.members(&e.id);
    let inside = |x: &str| members.iter().any(|m| m == x);
    let mut w = Why {
        id: e.id.clone(),
        name: e.name.clone(),
        members: members
            .iter()
            .map(|m| {
                let p = idn.profiles.get(m);
                (
                    m.clone(),
                    p.map(|p| p.name.clone()).unwrap_or_else(|| e.name.clone()),
                    p.map(|p| p.articles.iter().cloned().collect())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        merged: idn
            .merged
            .iter()
            .filter(|l| inside(&l.a) || inside(&l.b))
            .map(|l| (l.a.clone(), l.b.clone(), l.reason.clone()))
            .collect(),
        kept_apart: idn
            .possible
            .iter()
            .filter_map(|l| {
                if inside(&l.a) && !inside(&l.b) {
                    Some((l.a.clone(), l.b.clone(), l.reason.clone()))
                } else if inside(&l.b) && !inside(&l.a) {
                    Some((l.b.clone(), l.a.clone(), l.reason.clone()))
                } else {
                    None
                }
            })
            .collect(),
        curation: vec![],
    };
    if let Some(n) = idn.names.get(&e.id) {
        w.curation
            .push(format!("named {n:?} by {}", idn.curation_file));
    }
    for (person, role, org, why) in &idn.dropped {
        if inside(person) {
            w.curation.push(format!(
                "post {role} of {org} dropped by {}: {why}",
                idn.curation_file
            ));
        }
    }
    Some(w)
}

/// One disagreement between articles.
#[derive(Debug, Serialize)]
pub struct Conflict {
    /// "two holders" or "start dates"
    pub kind: String,
    pub what: String,
    /// (claim, article, published, sentence)
    pub claims: Vec<(String, String, Option<String>, String)>,
}

/// Posts only one person can hold at a time.
const SINGLE: &[&str] = &["chair", "akim", "president", "executive_secretary"];

/// Two people holding one single-holder post over the same period (no
/// start dates that put one after the other), and tenures whose articles
/// give different start dates.
pub fn conflicts(kg: &KnowledgeGraph) -> Vec<Conflict> {
    let mut by_post: BTreeMap<(String, String), Vec<&TenureNode>> = BTreeMap::new();
    let mut out = Vec::new();
    for (_, n) in kg.nodes() {
        let Node::Tenure(t) = n else { continue };
        if SINGLE.contains(&t.role.as_str()) && matches!(t.status.as_str(), "current" | "start") {
            by_post
                .entry((t.org.clone(), t.role.clone()))
                .or_default()
                .push(t);
        }
        let mut dates: Vec<&String> = t.claimed_starts.iter().map(|(d, _)| d).collect();
        dates.sort();
        dates.dedup();
        if dates.len() > 1 {
            out.push(Conflict {
                kind: "start dates".into(),
                what: format!(
                    "{} · {} · {}",
                    super::name_of(kg, &t.person),
                    t.role,
                    super::name_of(kg, &t.org)
                ),
                claims: t
                    .claimed_starts
                    .iter()
                    .map(|(d, doc)| {
                        let src = t.sources.iter().find(|s| &s.doc == doc);
                        (
                            format!("since {d}"),
                            doc.clone(),
                            src.and_then(|s| s.published.clone()),
                            src.map(|s| s.span.text.clone()).unwrap_or_default(),
                        )
                    })
                    .collect(),
            });
        }
    }
    for ((org, role), ts) in by_post {
        let mut people: Vec<&str> = ts.iter().map(|t| t.person.as_str()).collect();
        people.sort();
        people.dedup();
        if people.len() < 2 {
            continue;
        }
        // Dated starts that differ are a succession, not a conflict.
        let mut starts: Vec<Option<&String>> = ts.iter().map(|t| t.start.as_ref()).collect();
        starts.sort();
        starts.dedup();
        if starts.iter().all(Option::is_some) && starts.len() == ts.len() {
            continue;
        }
        out.push(Conflict {
            kind: "two holders".into(),
            what: format!("{role} · {}", super::name_of(kg, &org)),
            claims: ts
                .iter()
                .flat_map(|t| {
                    t.sources.iter().map(|s| {
                        (
                            format!("{} ({})", super::name_of(kg, &t.person), t.status),
                            s.doc.clone(),
                            s.published.clone(),
                            s.span.text.clone(),
                        )
                    })
                })
                .collect(),
        });
    }
    out.sort_by(|a, b| (&a.kind, &a.what).cmp(&(&b.kind, &b.what)));
    out
}
