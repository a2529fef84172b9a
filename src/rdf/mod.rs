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
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
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

    fn add(&mut self, s: &str, p: String, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(nn(s)),
            nn(&p),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn a(&mut self, s: &str, class: String) {
        self.add(s, format!("{RDF}type"), nn(&class));
    }

    fn link(&mut self, s: &str, p: String, o: &str) {
        self.add(s, p, nn(o));
    }

    fn text(&mut self, s: &str, p: String, v: &str) {
        self.add(s, p, Literal::new_simple_literal(v));
    }

    fn lang(&mut self, s: &str, p: String, v: &str, lang: &str) {
        match Literal::new_language_tagged_literal(v, lang) {
            Ok(l) => self.add(s, p, l),
            Err(_) => self.text(s, p, v),
        }
    }

    fn date(&mut self, s: &str, p: String, v: &str) {
        if v.len() == 10 {
            self.add(s, p, Literal::new_typed_literal(v, xsd::DATE));
        } else if v.len() == 4 {
            self.add(s, p, Literal::new_typed_literal(v, xsd::G_YEAR));
        } else {
            self.text(s, p, v);
        }
    }

    fn int(&mut self, s: &str, p: String, v: usize) {
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
        q.a(&s, format!("{ORG}FormalOrganization"));
        q.a(&s, format!("{PG}Party"));
        for (l, lang) in p.labels.iter().zip(LANGS) {
            q.lang(&s, format!("{SKOS}prefLabel"), l, lang);
        }
        for f in &p.forms {
            if !p.labels.contains(f) {
                q.text(&s, format!("{SKOS}altLabel"), f);
            }
        }
        for (name, until) in &p.former {
            let fname = format!("{s}/former/{}", encode(&crate::text::translit::slug(name)));
            q.link(&s, format!("{PG}formerName"), &fname);
            q.text(&fname, format!("{SKOS}altLabel"), name);
            q.date(&fname, format!("{PG}usedUntil"), until);
        }
    }
    for p in &lex.places {
        let s = iri(&format!("place:{}", p.id));
        q.a(&s, format!("{SCHEMA}Place"));
        if matches!(
            p.kind.as_str(),
            "country" | "region" | "city" | "district" | "village"
        ) {
            q.a(&s, format!("{SCHEMA}AdministrativeArea"));
        }
        q.text(&s, format!("{PG}placeKind"), &p.kind);
        for (l, lang) in p.labels.iter().zip(LANGS) {
            q.lang(&s, format!("{SKOS}prefLabel"), l, lang);
        }
        if let Some(iso) = &p.iso {
            q.text(&s, format!("{PG}iso3166"), iso);
        }
        if let Some(parent) = &p.parent {
            q.link(
                &s,
                format!("{SCHEMA}containedInPlace"),
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
    q.a(&e, format!("{OA}SpecificResource"));
    q.link(&e, format!("{OA}hasSource"), doc_iri);
    let pos = format!("{e}#position");
    q.link(&e, format!("{OA}hasSelector"), &pos);
    q.a(&pos, format!("{OA}TextPositionSelector"));
    q.int(&pos, format!("{OA}start"), span.start);
    q.int(&pos, format!("{OA}end"), span.end);
    let quote = format!("{e}#quote");
    q.link(&e, format!("{OA}hasSelector"), &quote);
    q.a(&quote, format!("{OA}TextQuoteSelector"));
    q.text(&quote, format!("{OA}exact"), &span.text);
    e
}

/// One article's graph: its metadata, the extraction as read (the ids before
/// identity across articles), and every span a fact or mention rests on as
/// evidence. What the spans support (mentions of entities, tenures, events)
/// is said in the merged graph, with the ids as resolved across articles.
pub fn article(a: &Resolved) -> Vec<Quad> {
    let mut q = Quads::new(&graph_doc(&a.doc));
    let d = iri(&format!("doc:{}", a.doc));
    q.a(&d, format!("{SCHEMA}NewsArticle"));
    q.text(&d, format!("{SCHEMA}identifier"), &a.doc);
    q.text(&d, format!("{SCHEMA}inLanguage"), &a.lang);
    if let Some(p) = &a.published {
        q.date(&d, format!("{SCHEMA}datePublished"), p);
    }
    if let Some(u) = &a.url {
        q.text(&d, format!("{SCHEMA}url"), u);
    }
    if let Some(t) = &a.title {
        q.text(&d, format!("{SCHEMA}headline"), t);
    }
    q.text(
        &d,
        format!("{PG}extraction"),
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
    q.link(fact, format!("{PROV}wasDerivedFrom"), &ev);
    let der = format!(
        "{BASE}derivation/{}/{}",
        encode(&src.doc),
        encode(strip(id))
    );
    q.link(fact, format!("{PROV}qualifiedDerivation"), &der);
    q.a(&der, format!("{PROV}Derivation"));
    q.link(&der, format!("{PROV}entity"), &ev);
    q.text(&der, format!("{PG}rule"), &src.rule);
    der
}

fn entity_classes(ty: EntityType) -> &'static [(&'static str, &'static str)] {
    match ty {
        EntityType::Person => &[(SCHEMA, "Person")],
        EntityType::Party => &[(ORG, "FormalOrganization"), (PG, "Party")],
        EntityType::PartyUnit => &[(ORG, "OrganizationalUnit"), (PG, "PartyBranch")],
        EntityType::Organization => &[(ORG, "Organization")],
        EntityType::Place => &[(SCHEMA, "Place")],
    }
}

/// The merged knowledge graph.
pub fn knowledge(g: &KnowledgeGraph) -> Vec<Quad> {
    let mut q = Quads::new(&graph_kg());
    // An id that became another's stays linked to it.
    for (from, to) in &g.identity.canon {
        q.link(&iri(from), format!("{OWL}sameAs"), &iri(to));
    }
    // Namesakes kept apart, for a person to decide.
    for l in &g.identity.possible {
        let (a, b) = (g.identity.canonical(&l.a), g.identity.canonical(&l.b));
        if a != b && g.index_of(a).is_some() && g.index_of(b).is_some() {
            q.link(&iri(a), format!("{PG}possibleMatch"), &iri(b));
        }
    }
    for (i, node) in g.nodes() {
        match node {
            Node::Entity(e) => {
                let s = iri(&e.id);
                for (ns, c) in entity_classes(e.ty) {
                    q.a(&s, format!("{ns}{c}"));
                }
                q.text(&s, format!("{SCHEMA}name"), &e.name);
                q.text(
                    &s,
                    format!("{SKOS}hiddenLabel"),
                    &crate::text::translit::key(&e.name),
                );
                let mut seen = vec![];
                for (n, lang) in &e.names {
                    if n != &e.name && !seen.contains(n) {
                        q.lang(&s, format!("{SKOS}altLabel"), n, lang);
                        seen.push(n.clone());
                    }
                }
                if let Some(l) = &e.level {
                    q.text(&s, format!("{PG}level"), l);
                }
                for t in g.out(i, Edge::UnitOf) {
                    q.link(&s, format!("{ORG}unitOf"), &iri(g.graph[t].id()));
                }
                for t in g.out(i, Edge::Covers) {
                    q.link(&s, format!("{SCHEMA}areaServed"), &iri(g.graph[t].id()));
                }
                for t in g.out(i, Edge::Within) {
                    q.link(
                        &s,
                        format!("{SCHEMA}containedInPlace"),
                        &iri(g.graph[t].id()),
                    );
                }
                for m in &e.mentions {
                    q.link(&evidence_iri(&m.doc, &m.span), format!("{PG}mentions"), &s);
                }
                let docs: std::collections::BTreeSet<&str> =
                    e.mentions.iter().map(|m| m.doc.as_str()).collect();
                if !docs.is_empty() {
                    q.int(&s, format!("{PG}articleCount"), docs.len());
                    q.int(&s, format!("{PG}outletCount"), g.outlets(docs));
                }
            }
            Node::Tenure(t) => {
                let s = iri(&t.id);
                for (src, c) in t.sources.iter().zip(&t.claims) {
                    let der = derivation(&mut q, &s, &t.id, src);
                    q.text(&der, format!("{PG}status"), &c.status);
                    q.text(&der, format!("{PG}roleText"), &c.role_text);
                    if c.acting {
                        q.add(&der, format!("{PG}acting"), Literal::from(true));
                    }
                    if let Some(date) = &c.date {
                        q.date(&der, format!("{PG}date"), date);
                    }
                }
                let post = format!("{BASE}post/{}/{}", encode(strip(&t.org)), t.role);
                let role = format!("{BASE}role/{}", t.role);
                let person = iri(&t.person);
                let org = iri(&t.org);
                q.a(&s, format!("{ORG}Membership"));
                q.a(&s, format!("{PG}Tenure"));
                q.link(&s, format!("{ORG}member"), &person);
                q.link(&s, format!("{ORG}organization"), &org);
                q.link(&s, format!("{ORG}role"), &role);
                q.link(&s, format!("{PG}post"), &post);
                q.text(&s, format!("{PG}status"), &t.status);
                for (edge, p) in [(Edge::StartedAt, "startedAt"), (Edge::EndedAt, "endedAt")] {
                    for e in g.out(i, edge) {
                        q.link(&s, format!("{PG}{p}"), &iri(g.graph[e].id()));
                    }
                }
                for rt in &t.role_texts {
                    q.text(&s, format!("{PG}roleText"), rt);
                }
                let docs: std::collections::BTreeSet<&str> =
                    t.sources.iter().map(|m| m.doc.as_str()).collect();
                q.int(&s, format!("{PG}articleCount"), docs.len());
                q.int(&s, format!("{PG}outletCount"), g.outlets(docs));
                if t.start.is_some() || t.end.is_some() {
                    let during = format!("{s}/during");
                    q.link(&s, format!("{ORG}memberDuring"), &during);
                    q.a(&during, format!("{TIME}Interval"));
                    for (p, d) in [("hasBeginning", &t.start), ("hasEnd", &t.end)] {
                        if let Some(d) = d {
                            let day = format!("{BASE}day/{d}");
                            q.link(&during, format!("{TIME}{p}"), &day);
                            q.a(&day, format!("{TIME}Instant"));
                            q.date(&day, format!("{TIME}inXSDDate"), d);
                        }
                    }
                }
                q.a(&post, format!("{ORG}Post"));
                q.link(&post, format!("{ORG}postIn"), &org);
                q.link(&post, format!("{ORG}role"), &role);
                q.link(&person, format!("{ORG}holds"), &post);
            }
            Node::Event(e) => {
                let s = iri(&e.id);
                for src in &e.sources {
                    derivation(&mut q, &s, &e.id, src);
                }
                q.a(&s, format!("{SCHEMA}Event"));
                q.a(&s, format!("{PG}{}", e.ty));
                if let Some(d) = &e.date {
                    q.date(&s, format!("{SCHEMA}startDate"), d);
                }
                if let Some(n) = e.ordinal {
                    q.int(&s, format!("{PG}ordinal"), n as usize);
                }
                for c in &e.counts {
                    let p = match c.status.as_str() {
                        "invited" => "invitedCount",
                        "attended" => "attendedCount",
                        _ => "presentCount",
                    };
                    q.int(&s, format!("{PG}{p}"), c.n as usize);
                }
                for t in g.out(i, Edge::Organizer) {
                    q.link(&s, format!("{SCHEMA}organizer"), &iri(g.graph[t].id()));
                }
                for t in g.out(i, Edge::Location) {
                    q.link(&s, format!("{SCHEMA}location"), &iri(g.graph[t].id()));
                }
                for t in g.out(i, Edge::Attendee) {
                    q.link(&s, format!("{SCHEMA}attendee"), &iri(g.graph[t].id()));
                }
                let docs: std::collections::BTreeSet<&str> =
                    e.sources.iter().map(|m| m.doc.as_str()).collect();
                q.int(&s, format!("{PG}articleCount"), docs.len());
                q.int(&s, format!("{PG}outletCount"), g.outlets(docs));
            }
            Node::Article(a) => {
                let s = iri(&a.id);
                for t in g.out(i, Edge::Reports) {
                    q.link(&iri(g.graph[t].id()), format!("{PROV}wasDerivedFrom"), &s);
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
