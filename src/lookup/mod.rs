//! Lookups for people: find entities by any name in any script
//! (`amirtaev`, `Амиртаев` and `Әміртаев` find the same names), gather a card
//! with their posts and events and the sentence each came from, and draw
//! the graph for GraphViz.

pub mod dot;
pub mod views;
pub mod why;

use crate::extract::EntityType;
use crate::graph::{Edge, KnowledgeGraph, Node, Provenance};
use crate::text::translit::{key, stem_key};
use petgraph::graph::NodeIndex;
use serde::Serialize;

fn words(s: &str) -> Vec<String> {
    key(s)
        .split('-')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

fn word_matches(q: &str, w: &str) -> bool {
    if q == w {
        return true;
    }
    let (sq, sw) = (stem_key(q), stem_key(w));
    sq.len() >= 4 && sq == sw
}

/// Whether a name answers a query: every word of the query matches a word
/// of the name, by transliteration key or by surname stem.
pub fn name_matches(query: &str, name: &str) -> bool {
    let q = words(query);
    let n = words(name);
    !q.is_empty() && q.iter().all(|qw| n.iter().any(|nw| word_matches(qw, nw)))
        || key(query) == key(name)
}

/// Whether every word of the query is a word of the name, by key.
fn exact_words(query: &str, name: &str) -> bool {
    let n = words(name);
    words(query).iter().all(|q| n.contains(q))
}

/// Entities whose names (or id) answer the query: exact spellings first,
/// then the most mentioned.
pub fn find(kg: &KnowledgeGraph, query: &str) -> Vec<NodeIndex> {
    let mut out: Vec<(bool, usize, NodeIndex)> = Vec::new();
    // An id that became another's still finds it.
    let canonical = kg.identity.canonical(query);
    for (i, n) in kg.nodes() {
        if let Node::Entity(e) = n {
            let names =
                || std::iter::once(e.name.as_str()).chain(e.names.iter().map(|(n, _)| n.as_str()));
            let by_id = e.id == canonical;
            if by_id || names().any(|name| name_matches(query, name)) {
                let exact = by_id || names().any(|name| exact_words(query, name));
                out.push((exact, e.mentions.len(), i));
            }
        }
    }
    out.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(kg.graph[a.2].id().cmp(kg.graph[b.2].id()))
    });
    out.into_iter().map(|x| x.2).collect()
}

#[derive(Serialize, Debug)]
pub struct Source {
    pub article: String,
    /// The host of the article's URL, when the input gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    pub rule: String,
}

impl From<&Provenance> for Source {
    fn from(p: &Provenance) -> Source {
        Source {
            article: p.doc.clone(),
            outlet: None,
            published: p.published.clone(),
            sentence: p.span.text.trim().to_string(),
            start: p.span.start,
            end: p.span.end,
            rule: p.rule.clone(),
        }
    }
}

#[derive(Serialize, Debug)]
pub struct PostLine {
    pub person: String,
    pub person_name: String,
    pub role: String,
    pub role_text: Vec<String>,
    pub org: String,
    pub org_name: String,
    pub status: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Serialize, Debug)]
pub struct EventLine {
    pub event: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub date: Option<String>,
    pub organizer: Option<String>,
    pub place: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Serialize, Debug)]
pub struct Card {
    pub id: String,
    #[serde(rename = "type")]
    pub ty: EntityType,
    pub name: String,
    pub names: Vec<String>,
    pub articles: Vec<String>,
    /// Posts this person holds, or posts held in this organization.
    pub posts: Vec<PostLine>,
    pub events: Vec<EventLine>,
    /// Units of a party, or the party of a unit.
    pub related: Vec<(String, String)>,
}

pub fn name_of(kg: &KnowledgeGraph, id: &str) -> String {
    match kg.node(id) {
        Some(Node::Entity(e)) => e.name.clone(),
        _ => id.to_string(),
    }
}

fn post_line(kg: &KnowledgeGraph, t: NodeIndex) -> Option<PostLine> {
    let Node::Tenure(t) = &kg.graph[t] else {
        return None;
    };
    Some(PostLine {
        person: t.person.clone(),
        person_name: name_of(kg, &t.person),
        role: t.role.clone(),
        role_text: t.role_texts.clone(),
        org: t.org.clone(),
        org_name: name_of(kg, &t.org),
        status: t.status.clone(),
        start: t.start.clone(),
        end: t.end.clone(),
        sources: t.sources.iter().map(Source::from).collect(),
    })
}

/// The card of one entity.
pub fn card(kg: &KnowledgeGraph, i: NodeIndex) -> Option<Card> {
    let Node::Entity(e) = &kg.graph[i] else {
        return None;
    };
    let mut posts: Vec<PostLine> = kg
        .out(i, Edge::Holds)
        .into_iter()
        .filter_map(|t| post_line(kg, t))
        .collect();
    posts.extend(
        kg.into(i, Edge::PostIn)
            .into_iter()
            .filter_map(|t| post_line(kg, t)),
    );
    posts.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.org.cmp(&b.org))
            .then(a.role.cmp(&b.role))
    });
    let mut events = Vec::new();
    let mut evs = kg.into(i, Edge::Attendee);
    evs.extend(kg.into(i, Edge::Organizer));
    evs.extend(kg.into(i, Edge::Location));
    evs.dedup();
    for ev in evs {
        if let Node::Event(n) = &kg.graph[ev] {
            events.push(EventLine {
                event: n.id.clone(),
                ty: n.ty.clone(),
                date: n.date.clone(),
                organizer: kg
                    .out(ev, Edge::Organizer)
                    .first()
                    .map(|o| kg.graph[*o].id().to_string()),
                place: kg
                    .out(ev, Edge::Location)
                    .first()
                    .map(|o| kg.graph[*o].id().to_string()),
                sources: n.sources.iter().map(Source::from).collect(),
            });
        }
    }
    let mut related = Vec::new();
    for (edge, what) in [
        (Edge::UnitOf, "unit of"),
        (Edge::Covers, "covers"),
        (Edge::Within, "within"),
    ] {
        for t in kg.out(i, edge.clone()) {
            related.push((what.to_string(), kg.graph[t].id().to_string()));
        }
        for t in kg.into(i, edge) {
            related.push((format!("has ({what})"), kg.graph[t].id().to_string()));
        }
    }
    let mut names: Vec<String> = Vec::new();
    for (n, l) in &e.names {
        let s = format!("{n} ({l})");
        if !names.contains(&s) {
            names.push(s);
        }
    }
    let mut articles: Vec<String> = e.mentions.iter().map(|m| m.doc.clone()).collect();
    articles.sort();
    articles.dedup();
    for src in posts
        .iter_mut()
        .flat_map(|p| p.sources.iter_mut())
        .chain(events.iter_mut().flat_map(|e| e.sources.iter_mut()))
    {
        src.outlet = kg.outlet(&src.article);
    }
    Some(Card {
        id: e.id.clone(),
        ty: e.ty,
        name: e.name.clone(),
        names,
        articles,
        posts,
        events,
        related,
    })
}

#[cfg(test)]
mod tests {
    use super::name_matches;

    #[test]
    fn any_script_finds_the_name() {
        for q in ["Amirtai", "Амиртаев", "Әміртаев", "amirtaev", "AMIRTAY"] {
            assert!(name_matches(q, "Азаматхан Әміртаев"), "{q}");
            assert!(name_matches(q, "Azamatkhan Amirtai"), "{q}");
        }
        assert!(!name_matches("Ташибаев", "Азаматхан Әміртаев"));
        assert!(!name_matches("Марат Ташибаев", "Мұрат Ташибаев"));
    }
}
