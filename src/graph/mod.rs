//! Stage 6, graph: resolved articles become one [`KnowledgeGraph`], a
//! petgraph graph with typed nodes and edges. Entities with the same id in
//! several articles are one node; a post held by a person is a tenure node
//! between them and the organization; every tenure, event and mention keeps
//! its provenance (article, span, rule). RDF, DOT and `who` all read it.

use crate::extract::EntityType;
use crate::lexicon::Lexicon;
use crate::resolve::{Resolved, Span};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

/// Where a fact was read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Provenance {
    pub doc: String,
    pub published: Option<String>,
    pub span: Span,
    pub rule: String,
}

/// A real-world thing.
#[derive(Clone, Debug)]
pub struct EntityNode {
    pub id: String,
    pub ty: EntityType,
    pub name: String,
    /// Every name seen, with the language of the article it was seen in.
    pub names: Vec<(String, String)>,
    pub kind: Option<String>,
    pub level: Option<String>,
    pub mentions: Vec<Provenance>,
}

/// Someone's post in an organization, as the articles report it.
#[derive(Clone, Debug)]
pub struct TenureNode {
    pub id: String,
    pub person: String,
    pub role: String,
    pub org: String,
    /// The status of the latest report: current, start, end, former.
    pub status: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub role_texts: Vec<String>,
    pub sources: Vec<Provenance>,
    /// Every start date an article claims, with the article: more than one
    /// date is a conflict to show, not to settle.
    pub claimed_starts: Vec<(String, String)>,
    /// What each article said of it, in the order of `sources`.
    pub claims: Vec<TenureClaim>,
}

/// One article's report of a tenure.
#[derive(Clone, Debug)]
pub struct TenureClaim {
    pub status: String,
    pub role_text: String,
    pub acting: bool,
    pub date: Option<String>,
}

#[derive(Clone, Debug)]
pub struct EventNode {
    pub id: String,
    pub ty: String,
    pub date: Option<String>,
    pub ordinal: Option<u32>,
    pub counts: Vec<crate::extract::Count>,
    pub sources: Vec<Provenance>,
}

#[derive(Clone, Debug)]
pub struct ArticleNode {
    pub id: String,
    pub lang: String,
    pub published: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Node {
    Entity(EntityNode),
    Tenure(TenureNode),
    Event(EventNode),
    Article(ArticleNode),
}

impl Node {
    pub fn id(&self) -> &str {
        match self {
            Node::Entity(e) => &e.id,
            Node::Tenure(t) => &t.id,
            Node::Event(e) => &e.id,
            Node::Article(a) => &a.id,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edge {
    /// person → tenure
    Holds,
    /// tenure → organization, party, unit or place
    PostIn,
    /// unit → party
    UnitOf,
    /// unit → place
    Covers,
    /// place → the place that contains it
    Within,
    /// event → organizer
    Organizer,
    /// event → place
    Location,
    /// event → person
    Attendee,
    /// article → entity, tenure or event
    Reports,
    /// tenure → the event at which it began (elected at the conference)
    StartedAt,
    /// tenure → the event at which it ended
    EndedAt,
}

/// The knowledge graph of a set of articles.
#[derive(Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
    /// Which person ids of the articles became one, and why.
    pub identity: crate::identity::Identity,
    index: BTreeMap<String, NodeIndex>,
}

/// The id of a tenure: its post and holder.
pub fn tenure_id(org: &str, role: &str, person: &str) -> String {
    format!("tenure:{}/{}/{}", strip(org), role, strip(person))
}

/// An id without its type prefix ("party:amanat" → "amanat").
pub fn strip(id: &str) -> &str {
    id.split_once(':').map_or(id, |x| x.1)
}

impl KnowledgeGraph {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.graph[i])
    }

    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    fn add(&mut self, node: Node) -> NodeIndex {
        let id = node.id().to_string();
        if let Some(&i) = self.index.get(&id) {
            return i;
        }
        let i = self.graph.add_node(node);
        self.index.insert(id, i);
        i
    }

    fn link(&mut self, a: NodeIndex, b: NodeIndex, e: Edge) {
        if !self.graph.edges_connecting(a, b).any(|x| *x.weight() == e) {
            self.graph.add_edge(a, b, e);
        }
    }

    /// Nodes in id order (for deterministic outputs).
    pub fn nodes(&self) -> impl Iterator<Item = (NodeIndex, &Node)> {
        self.index.values().map(|&i| (i, &self.graph[i]))
    }

    /// Targets of `from`'s outgoing edges of one kind.
    pub fn out(&self, from: NodeIndex, kind: Edge) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self
            .graph
            .edges(from)
            .filter(|e| *e.weight() == kind)
            .map(|e| e.target())
            .collect();
        v.sort_by(|a, b| self.graph[*a].id().cmp(self.graph[*b].id()));
        v
    }

    /// Sources of `to`'s incoming edges of one kind.
    pub fn into(&self, to: NodeIndex, kind: Edge) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self
            .graph
            .edges_directed(to, petgraph::Direction::Incoming)
            .filter(|e| *e.weight() == kind)
            .map(|e| e.source())
            .collect();
        v.sort_by(|a, b| self.graph[*a].id().cmp(self.graph[*b].id()));
        v
    }

    /// Builds the graph. Articles are taken in id order, so the result does
    /// not depend on the order they were read in.
    pub fn build(articles: &[Resolved], lex: &Lexicon) -> KnowledgeGraph {
        let identity = crate::identity::resolve(articles, &lex.curation);
        let mut sorted: Vec<&Resolved> = articles.iter().collect();
        sorted.sort_by(|a, b| a.doc.cmp(&b.doc));
        let mut g = KnowledgeGraph::default();
        for a in sorted {
            g.add_article(&crate::identity::apply(a, &identity), lex);
        }
        // A merged person is called by the canonical id's fullest name, or
        // the one curation gives.
        let canonical: BTreeSet<&String> = identity.canon.values().collect();
        for c in canonical.into_iter().chain(identity.names.keys()) {
            let name = identity
                .names
                .get(c)
                .cloned()
                .or_else(|| identity.profiles.get(c).map(|p| p.name.clone()));
            if let (Some(i), Some(name)) = (g.index_of(c), name) {
                if let Node::Entity(n) = &mut g.graph[i] {
                    n.name = name;
                }
            }
        }
        g.identity = identity;
        g
    }

    fn entity(&mut self, id: &str, lex: &Lexicon) -> NodeIndex {
        if let Some(i) = self.index_of(id) {
            return i;
        }
        // An entity referred to but not mentioned: a place or party of the lexicon.
        let (ty, name, kind) = if let Some(p) = id.strip_prefix("place:").and_then(|p| lex.place(p))
        {
            (EntityType::Place, p.labels[0].clone(), Some(p.kind.clone()))
        } else if let Some(p) = id
            .strip_prefix("party:")
            .and_then(|p| lex.parties.iter().find(|x| x.id == p))
        {
            (EntityType::Party, p.labels[0].clone(), None)
        } else if id.starts_with("unit:") {
            (EntityType::PartyUnit, strip(id).to_string(), None)
        } else if id.starts_with("person:") {
            (EntityType::Person, strip(id).to_string(), None)
        } else {
            (EntityType::Organization, strip(id).to_string(), None)
        };
        self.add(Node::Entity(EntityNode {
            id: id.into(),
            ty,
            name,
            names: vec![],
            kind,
            level: None,
            mentions: vec![],
        }))
    }

    fn place_chain(&mut self, place: &str, lex: &Lexicon) {
        let mut cur = place.to_string();
        while let Some(parent) = lex.place(strip(&cur)).and_then(|p| p.parent.clone()) {
            let a = self.entity(&cur, lex);
            let parent = format!("place:{parent}");
            let b = self.entity(&parent, lex);
            self.link(a, b, Edge::Within);
            cur = parent;
        }
    }

    /// The outlet an article comes from: the host of its URL, if known.
    pub fn outlet(&self, doc: &str) -> Option<String> {
        let i = self.index_of(&format!("doc:{doc}"))?;
        match &self.graph[i] {
            Node::Article(a) => a.url.as_deref().and_then(host).map(String::from),
            _ => None,
        }
    }

    /// How many outlets the articles come from: distinct hosts of their
    /// URLs, with the articles that have no URL counted as one more.
    pub fn outlets<'a>(&self, docs: impl IntoIterator<Item = &'a str>) -> usize {
        let mut hosts = BTreeSet::new();
        let mut unknown = false;
        for d in docs {
            match self.outlet(d) {
                Some(h) => {
                    hosts.insert(h);
                }
                None => unknown = true,
            }
        }
        hosts.len() + usize::from(unknown)
    }

    fn add_article(&mut self, a: &Resolved, lex: &Lexicon) {
        let art = self.add(Node::Article(ArticleNode {
            id: format!("doc:{}", a.doc),
            lang: a.lang.clone(),
            published: a.published.clone(),
            url: a.url.clone(),
            title: a.title.clone(),
        }));
        let prov = |span: &Span, rule: &str| Provenance {
            doc: a.doc.clone(),
            published: a.published.clone(),
            span: span.clone(),
            rule: rule.to_string(),
        };
        for e in &a.entities {
            let i = self.entity(&e.id, lex);
            if let Node::Entity(n) = &mut self.graph[i] {
                if n.mentions.is_empty() && n.names.is_empty() {
                    n.name = e.name.clone();
                    n.ty = e.ty;
                }
                n.kind = n.kind.clone().or(e.kind.clone());
                n.level = n.level.clone().or(e.level.clone());
                for name in std::iter::once(&e.name).chain(&e.names) {
                    let pair = (name.clone(), a.lang.clone());
                    if !n.names.contains(&pair) {
                        n.names.push(pair);
                    }
                }
                for m in &e.mentions {
                    n.mentions.push(prov(m, "mention"));
                }
            }
            self.link(art, i, Edge::Reports);
            if let Some(party) = &e.party {
                let p = self.entity(party, lex);
                self.link(i, p, Edge::UnitOf);
            }
            if let Some(place) = &e.place {
                let p = self.entity(place, lex);
                self.link(i, p, Edge::Covers);
                self.place_chain(place, lex);
            }
            if e.ty == EntityType::Place {
                self.place_chain(&e.id, lex);
            }
        }
        for p in &a.posts {
            let id = tenure_id(&p.org, &p.role, &p.person);
            let person = self.entity(&p.person, lex);
            let org = self.entity(&p.org, lex);
            let t = self.add(Node::Tenure(TenureNode {
                id: id.clone(),
                person: p.person.clone(),
                role: p.role.clone(),
                org: p.org.clone(),
                status: p.status.clone(),
                start: None,
                end: None,
                role_texts: vec![],
                sources: vec![],
                claimed_starts: vec![],
                claims: vec![],
            }));
            if let Node::Tenure(tn) = &mut self.graph[t] {
                let newer = tn.sources.iter().all(|s| s.published <= a.published);
                if newer {
                    tn.status = p.status.clone();
                }
                if let (true, Some(d)) = (p.status == "start", &p.date) {
                    let claim = (d.clone(), a.doc.clone());
                    if !tn.claimed_starts.contains(&claim) {
                        tn.claimed_starts.push(claim);
                    }
                }
                match p.status.as_str() {
                    "start" => tn.start = tn.start.clone().or(p.date.clone()),
                    "end" => tn.end = tn.end.clone().or(p.date.clone()),
                    _ => {}
                }
                if !tn.role_texts.contains(&p.role_text) {
                    tn.role_texts.push(p.role_text.clone());
                }
                tn.sources.push(prov(&p.evidence, &p.rule));
                tn.claims.push(TenureClaim {
                    status: p.status.clone(),
                    role_text: p.role_text.clone(),
                    acting: p.acting,
                    date: p.date.clone(),
                });
            }
            self.link(person, t, Edge::Holds);
            self.link(t, org, Edge::PostIn);
            self.link(art, t, Edge::Reports);
        }
        let mut event_nodes = Vec::with_capacity(a.events.len());
        for e in &a.events {
            let org = e.org.as_deref().map(strip).unwrap_or("unknown");
            let when = e.date.clone().unwrap_or_else(|| a.doc.clone());
            let id = format!("event:{org}/{}/{when}", e.ty.to_lowercase());
            let ev = self.add(Node::Event(EventNode {
                id,
                ty: e.ty.clone(),
                date: e.date.clone(),
                ordinal: None,
                counts: vec![],
                sources: vec![],
            }));
            if let Node::Event(en) = &mut self.graph[ev] {
                en.sources.push(prov(&e.evidence, &e.rule));
                en.ordinal = en.ordinal.or(e.ordinal);
                for c in &e.counts {
                    if !en.counts.contains(c) {
                        en.counts.push(c.clone());
                    }
                }
            }
            if let Some(o) = &e.org {
                let o = self.entity(o, lex);
                self.link(ev, o, Edge::Organizer);
            }
            if let Some(p) = &e.place {
                let p = self.entity(p, lex);
                self.link(ev, p, Edge::Location);
            }
            for person in &e.participants {
                let p = self.entity(person, lex);
                self.link(ev, p, Edge::Attendee);
            }
            self.link(art, ev, Edge::Reports);
            event_nodes.push(ev);
        }
        for p in &a.posts {
            let (Some(e), Some(t)) = (
                p.event.and_then(|e| event_nodes.get(e)),
                self.index_of(&tenure_id(&p.org, &p.role, &p.person)),
            ) else {
                continue;
            };
            let edge = if p.status == "end" {
                Edge::EndedAt
            } else {
                Edge::StartedAt
            };
            self.link(t, *e, edge);
        }
    }
}

/// The host of a URL, without "www.".
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let h = rest.split(['/', '?', '#']).next()?;
    let h = h.strip_prefix("www.").unwrap_or(h);
    (!h.is_empty()).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Article;

    fn resolved(id: &str, text: &str) -> Resolved {
        let p = crate::pipeline::Pipeline::load(&Default::default()).unwrap();
        p.run(&Article {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        })
    }

    #[test]
    fn one_node_per_entity_across_articles_and_a_tenure_between_person_and_unit() {
        let a = resolved("a", "«AMANAT» партиясы Түркістан облыстық филиалының төрағасы Алтынсары Үмбетәлиев сөз сөйледі.");
        let b = resolved(
            "b",
            "«AMANAT» партиясының төрағасы Ерлан Қошанов Түркістан облысына келді.",
        );
        let lex = crate::lexicon::default_lexicon().unwrap();
        let g = KnowledgeGraph::build(&[b.clone(), a.clone()], lex);
        let amanat = g.index_of("party:amanat").unwrap();
        // Both articles report the party: one node, two mentions' articles.
        let Node::Entity(e) = &g.graph[amanat] else {
            panic!()
        };
        let docs: std::collections::BTreeSet<_> =
            e.mentions.iter().map(|m| m.doc.as_str()).collect();
        assert_eq!(docs.len(), 2);
        let unit = g.index_of("unit:amanat/turkistan-region").unwrap();
        assert_eq!(g.out(unit, Edge::UnitOf), vec![amanat]);
        let person = g.index_of("person:umbetalev-altinsari").unwrap();
        let tenures = g.out(person, Edge::Holds);
        assert_eq!(tenures.len(), 1);
        assert_eq!(g.out(tenures[0], Edge::PostIn), vec![unit]);
        // The region lies in Kazakhstan.
        let region = g.index_of("place:turkistan-region").unwrap();
        assert_eq!(
            g.out(region, Edge::Within),
            vec![g.index_of("place:kazakhstan").unwrap()]
        );
        // Order of input does not matter.
        let g2 = KnowledgeGraph::build(&[a, b], lex);
        let ids = |g: &KnowledgeGraph| {
            g.nodes()
                .map(|(_, n)| n.id().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&g), ids(&g2));
    }
}
