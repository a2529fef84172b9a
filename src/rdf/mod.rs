//! Stage 7, rdf: the knowledge graph and each article's evidence as RDF
//! quads, in W3C vocabularies (see `schema/README.md`):
//!
//! - `graph/reference`: parties, places (with their hierarchy), the role scheme;
//! - `graph/kg`: merged entities, posts (`org:Post`), tenures (`org:Membership`
//!   with an OWL-Time interval), events (`schema:Event`);
//! - `graph/doc/<id>`: one article: its metadata, the evidence of every
//!   mention and fact (Web Annotation selectors), the derivations with their
//!   rule ids, and the extraction itself, so the merged graph can be rebuilt.
//!
//! IRIs are minted from ids, which are minted from normalized names: the
//! same input gives the same quads.

pub mod scheme;
pub mod vocab;

use crate::extract::EntityType;
use crate::graph::{strip, Edge, KnowledgeGraph, Node};
use crate::lexicon::Lexicon;
use crate::resolve::{Resolved, Span};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use vocab::*;

/// Collects quads for one named graph.
pub struct Quads {
    graph: GraphName,
    pub quads: Vec<Quad>,
}

fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

impl Quads {
    pub fn new(graph: &str) -> Quads {
        Quads {
            graph: GraphName::NamedNode(nn(graph)),
            quads: vec![],
        }
    }

    fn add(&mut self, s: &str, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(nn(s)),
            p,
            o.into(),
            self.graph.clone(),
        ));
    }

    fn a(&mut self, s: &str, class: NamedNodeRef<'_>) {
        self.add(s, rdf::TYPE, class);
    }

    fn link(&mut self, s: &str, p: NamedNodeRef<'_>, o: &str) {
        self.add(s, p, nn(o));
    }

    fn text(&mut self, s: &str, p: NamedNodeRef<'_>, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }

    fn lang(&mut self, s: &str, p: NamedNodeRef<'_>, v: &str, lang: &str) {
        match Literal::new_language_tagged_literal(v, lang) {
            Ok(l) => self.add(s, p, l),
            Err(_) => self.text(s, p, v),
        }
    }

    fn date(&mut self, s: &str, p: NamedNodeRef<'_>, v: &str) {
        if v.len() == 10 {
            self.add(s, p, Literal::new_typed_literal(v, xsd::DATE));
        } else if v.len() == 4 {
            self.add(s, p, Literal::new_typed_literal(v, xsd::G_YEAR));
        } else {
            self.text(s, p, v);
        }
    }

    fn int(&mut self, s: &str, p: NamedNodeRef<'_>, v: usize) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(v.to_string(), xsd::INTEGER),
        );
    }
}

const LANGS: [&str; 3] = ["kk", "ru", "en"];

/// Parties, places and roles of the lexicon.
pub fn reference(lex: &Lexicon) -> Vec<Quad> {
    let mut q = Quads::new(&graph_reference());
    for p in &lex.parties {
        let s = iri(&format!("party:{}", p.id));
        q.a(&s, org::FORMAL_ORGANIZATION);
        q.a(&s, pg::PARTY);
        for (l, lang) in p.labels.iter().zip(LANGS) {
            q.lang(&s, skos::PREF_LABEL, l, lang);
        }
        for f in &p.forms {
            if !p.labels.contains(f) {
                q.text(&s, skos::ALT_LABEL, f);
            }
        }
        for (name, until) in &p.former {
            let fname = format!("{s}/former/{}", encode(&crate::text::translit::slug(name)));
            q.link(&s, pg::FORMER_NAME, &fname);
            q.text(&fname, skos::ALT_LABEL, name);
            q.date(&fname, pg::USED_UNTIL, until);
        }
    }
    for p in &lex.places {
        let s = iri(&format!("place:{}", p.id));
        q.a(&s, schema::PLACE);
        if matches!(
            p.kind.as_str(),
            "country" | "region" | "city" | "district" | "village"
        ) {
            q.a(&s, schema::ADMINISTRATIVE_AREA);
        }
        q.text(&s, pg::PLACE_KIND, &p.kind);
        for (l, lang) in p.labels.iter().zip(LANGS) {
            q.lang(&s, skos::PREF_LABEL, l, lang);
        }
        if let Some(iso) = &p.iso {
            q.text(&s, pg::ISO3166, iso);
        }
        if let Some(parent) = &p.parent {
            q.link(
                &s,
                schema::CONTAINED_IN_PLACE,
                &iri(&format!("place:{parent}")),
            );
        }
    }
    q.quads
}

/// The IRI of a span of an article read as evidence.
fn evidence_iri(doc: &str, span: &Span) -> String {
    format!("{BASE}evidence/{}/{}-{}", encode(doc), span.start, span.end)
}

fn evidence(q: &mut Quads, doc: &str, doc_iri: &str, span: &Span) -> String {
    let e = evidence_iri(doc, span);
    q.a(&e, oa::SPECIFIC_RESOURCE);
    q.link(&e, oa::HAS_SOURCE, doc_iri);
    let pos = format!("{e}#position");
    q.link(&e, oa::HAS_SELECTOR, &pos);
    q.a(&pos, oa::TEXT_POSITION_SELECTOR);
    q.int(&pos, oa::START, span.start);
    q.int(&pos, oa::END, span.end);
    let quote = format!("{e}#quote");
    q.link(&e, oa::HAS_SELECTOR, &quote);
    q.a(&quote, oa::TEXT_QUOTE_SELECTOR);
    q.text(&quote, oa::EXACT, &span.text);
    e
}

/// One article's graph: its metadata, the extraction as read (the ids before
/// identity across articles), and every span a fact or mention rests on as
/// evidence. What the spans support (mentions of entities, tenures, events)
/// is said in the merged graph, with the ids as resolved across articles.
pub fn article(a: &Resolved) -> Vec<Quad> {
    let mut q = Quads::new(&graph_doc(&a.doc));
    let d = iri(&format!("doc:{}", a.doc));
    q.a(&d, schema::NEWS_ARTICLE);
    q.text(&d, schema::IDENTIFIER, &a.doc);
    q.text(&d, schema::IN_LANGUAGE, &a.lang);
    if let Some(p) = &a.published {
        q.date(&d, schema::DATE_PUBLISHED, p);
    }
    if let Some(u) = &a.url {
        q.text(&d, schema::URL, u);
    }
    if let Some(t) = &a.title {
        q.text(&d, schema::HEADLINE, t);
    }
    q.text(
        &d,
        pg::EXTRACTION,
        &serde_json::to_string(a).expect("serializable"),
    );
    let spans = a
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter())
        .chain(a.posts.iter().map(|p| &p.evidence))
        .chain(a.events.iter().map(|e| &e.evidence));
    for span in spans {
        evidence(&mut q, &a.doc, &d, span);
    }
    q.quads
}

/// One article's report of a fact: the fact derived from the span, and a
/// qualified derivation naming the rule. Returns the derivation's IRI.
fn derivation(q: &mut Quads, fact: &str, id: &str, src: &crate::graph::Provenance) -> String {
    let ev = evidence_iri(&src.doc, &src.span);
    q.link(fact, prov::WAS_DERIVED_FROM, &ev);
    let der = format!(
        "{BASE}derivation/{}/{}",
        encode(&src.doc),
        encode(strip(id))
    );
    q.link(fact, prov::QUALIFIED_DERIVATION, &der);
    q.a(&der, prov::DERIVATION);
    q.link(&der, prov::ENTITY, &ev);
    q.text(&der, pg::RULE, &src.rule);
    der
}

fn entity_classes(ty: EntityType) -> &'static [NamedNodeRef<'static>] {
    match ty {
        EntityType::Person => &[schema::PERSON],
        EntityType::Party => &[org::FORMAL_ORGANIZATION, pg::PARTY],
        EntityType::PartyUnit => &[org::ORGANIZATIONAL_UNIT, pg::PARTY_BRANCH],
        EntityType::Organization => &[org::ORGANIZATION],
        EntityType::Place => &[schema::PLACE],
    }
}

/// The merged knowledge graph.
pub fn knowledge(g: &KnowledgeGraph) -> Vec<Quad> {
    let mut q = Quads::new(&graph_kg());
    // An id that became another's stays linked to it.
    for (from, to) in &g.identity.canon {
        q.link(&iri(from), owl::SAME_AS, &iri(to));
    }
    // Namesakes kept apart, for a person to decide.
    for l in &g.identity.possible {
        let (a, b) = (g.identity.canonical(&l.a), g.identity.canonical(&l.b));
        if a != b && g.index_of(a).is_some() && g.index_of(b).is_some() {
            q.link(&iri(a), pg::POSSIBLE_MATCH, &iri(b));
        }
    }
    for (i, node) in g.nodes() {
        match node {
            Node::Entity(e) => {
                let s = iri(&e.id);
                for c in entity_classes(e.ty) {
                    q.a(&s, *c);
                }
                q.text(&s, schema::NAME, &e.name);
                q.text(&s, skos::HIDDEN_LABEL, &crate::text::translit::key(&e.name));
                let mut seen = vec![];
                for (n, lang) in &e.names {
                    if n != &e.name && !seen.contains(n) {
                        q.lang(&s, skos::ALT_LABEL, n, lang);
                        seen.push(n.clone());
                    }
                }
                if let Some(l) = &e.level {
                    q.text(&s, pg::LEVEL, l);
                }
                for t in g.out(i, Edge::UnitOf) {
                    q.link(&s, org::UNIT_OF, &iri(g.graph[t].id()));
                }
                for t in g.out(i, Edge::Covers) {
                    q.link(&s, schema::AREA_SERVED, &iri(g.graph[t].id()));
                }
                for t in g.out(i, Edge::Within) {
                    q.link(&s, schema::CONTAINED_IN_PLACE, &iri(g.graph[t].id()));
                }
                for m in &e.mentions {
                    q.link(&evidence_iri(&m.doc, &m.span), pg::MENTIONS, &s);
                }
                let docs: std::collections::BTreeSet<&str> =
                    e.mentions.iter().map(|m| m.doc.as_str()).collect();
                if !docs.is_empty() {
                    q.int(&s, pg::ARTICLE_COUNT, docs.len());
                    q.int(&s, pg::OUTLET_COUNT, g.outlets(docs));
                }
            }
            Node::Tenure(t) => {
                let s = iri(&t.id);
                for (src, c) in t.sources.iter().zip(&t.claims) {
                    let der = derivation(&mut q, &s, &t.id, src);
                    q.text(&der, pg::STATUS, &c.status);
                    q.text(&der, pg::ROLE_TEXT, &c.role_text);
                    if c.acting {
                        q.add(&der, pg::ACTING, Literal::from(true));
                    }
                    if let Some(date) = &c.date {
                        q.date(&der, pg::DATE, date);
                    }
                }
                let post = format!("{BASE}post/{}/{}", encode(strip(&t.org)), t.role);
                let role = format!("{BASE}role/{}", t.role);
                let person = iri(&t.person);
                let org = iri(&t.org);
                q.a(&s, org::MEMBERSHIP);
                q.a(&s, pg::TENURE);
                q.link(&s, org::MEMBER, &person);
                q.link(&s, org::ORGANIZATION_PROPERTY, &org);
                q.link(&s, org::ROLE, &role);
                q.link(&s, pg::POST, &post);
                q.text(&s, pg::STATUS, &t.status);
                for (edge, p) in [
                    (Edge::StartedAt, pg::STARTED_AT),
                    (Edge::EndedAt, pg::ENDED_AT),
                ] {
                    for e in g.out(i, edge) {
                        q.link(&s, p, &iri(g.graph[e].id()));
                    }
                }
                for rt in &t.role_texts {
                    q.text(&s, pg::ROLE_TEXT, rt);
                }
                let docs: std::collections::BTreeSet<&str> =
                    t.sources.iter().map(|m| m.doc.as_str()).collect();
                q.int(&s, pg::ARTICLE_COUNT, docs.len());
                q.int(&s, pg::OUTLET_COUNT, g.outlets(docs));
                if t.start.is_some() || t.end.is_some() {
                    let during = format!("{s}/during");
                    q.link(&s, org::MEMBER_DURING, &during);
                    q.a(&during, time::INTERVAL);
                    for (p, d) in [(time::HAS_BEGINNING, &t.start), (time::HAS_END, &t.end)] {
                        if let Some(d) = d {
                            let day = format!("{BASE}day/{d}");
                            q.link(&during, p, &day);
                            q.a(&day, time::INSTANT);
                            q.date(&day, time::IN_XSD_DATE, d);
                        }
                    }
                }
                q.a(&post, org::POST);
                q.link(&post, org::POST_IN, &org);
                q.link(&post, org::ROLE, &role);
                q.link(&person, org::HOLDS, &post);
            }
            Node::Event(e) => {
                let s = iri(&e.id);
                for src in &e.sources {
                    derivation(&mut q, &s, &e.id, src);
                }
                q.a(&s, schema::EVENT);
                q.a(&s, nn(&format!("{PG}{}", e.ty)).as_ref());
                if let Some(d) = &e.date {
                    q.date(&s, schema::START_DATE, d);
                }
                if let Some(n) = e.ordinal {
                    q.int(&s, pg::ORDINAL, n as usize);
                }
                for c in &e.counts {
                    let p = match c.status.as_str() {
                        "invited" => pg::INVITED_COUNT,
                        "attended" => pg::ATTENDED_COUNT,
                        _ => pg::PRESENT_COUNT,
                    };
                    q.int(&s, p, c.n as usize);
                }
                for t in g.out(i, Edge::Organizer) {
                    q.link(&s, schema::ORGANIZER, &iri(g.graph[t].id()));
                }
                for t in g.out(i, Edge::Location) {
                    q.link(&s, schema::LOCATION, &iri(g.graph[t].id()));
                }
                for t in g.out(i, Edge::Attendee) {
                    q.link(&s, schema::ATTENDEE, &iri(g.graph[t].id()));
                }
                let docs: std::collections::BTreeSet<&str> =
                    e.sources.iter().map(|m| m.doc.as_str()).collect();
                q.int(&s, pg::ARTICLE_COUNT, docs.len());
                q.int(&s, pg::OUTLET_COUNT, g.outlets(docs));
            }
            Node::Article(a) => {
                let s = iri(&a.id);
                for t in g.out(i, Edge::Reports) {
                    q.link(&iri(g.graph[t].id()), prov::WAS_DERIVED_FROM, &s);
                }
            }
        }
    }
    q.quads
}

/// The ontology and role scheme of `schema/`, as compiled in.
pub const SCHEMA_TTL: &[(&str, &str)] = &[
    (
        "schema/partygraph.ttl",
        include_str!("../../schema/partygraph.ttl"),
    ),
    ("schema/roles.ttl", include_str!("../../schema/roles.ttl")),
];
