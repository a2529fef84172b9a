//! The views journalists ask for at the command line: the posts of a party,
//! branch or organization (`posts`), events by organizer, place, time and
//! type (`events`), and what is new since a date (`changes`). Each is a
//! table of strings, names in the language asked for; the command line
//! prints it as aligned columns, CSV or JSON.

use super::{PostLine, Source};
use crate::graph::{Edge, KnowledgeGraph, Node, TenureNode};
use crate::lexicon::Lexicon;
use petgraph::graph::NodeIndex;

/// Rows with a header.
#[derive(Debug, Default)]
pub struct Table {
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// Which names to print: kk, ru, en, or each entity's own.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lang(pub Option<usize>);

impl Lang {
    pub fn parse(s: Option<&str>) -> Lang {
        Lang(match s {
            Some("kk") => Some(0),
            Some("ru") => Some(1),
            Some("en") => Some(2),
            _ => None,
        })
    }
    fn code(self) -> Option<&'static str> {
        self.0.map(|i| ["kk", "ru", "en"][i])
    }
}

/// The name of an entity in the language asked for: the gazetteer's label
/// for parties and places, a name seen in an article of that language for
/// others, else its own name.
pub fn name_in(kg: &KnowledgeGraph, lex: &Lexicon, id: &str, lang: Lang) -> String {
    let own = super::name_of(kg, id);
    let Some(l) = lang.0 else { return own };
    if let Some(p) = id.strip_prefix("place:").and_then(|p| lex.place(p)) {
        return p.labels[l].clone();
    }
    if let Some(p) = id
        .strip_prefix("party:")
        .and_then(|p| lex.parties.iter().find(|x| x.id == p))
    {
        return p.labels[l].clone();
    }
    if let Some(Node::Entity(e)) = kg.node(id) {
        let code = lang.code().unwrap_or_default();
        // The longest name seen in that language (a full name over a surname).
        if let Some((n, _)) = e
            .names
            .iter()
            .filter(|(_, nl)| nl == code)
            .min_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()))
        {
            return n.clone();
        }
    }
    own
}

/// Whether a tenure was held on a date: begun by then (or reported current
/// by an article published by then) and not ended by then.
pub fn held_on(t: &PostLine, date: &str) -> bool {
    if t.end.as_deref().is_some_and(|e| e <= date) {
        return false;
    }
    match (&t.start, t.status.as_str()) {
        (Some(s), _) => s.as_str() <= date,
        (None, "current" | "start") => t
            .sources
            .iter()
            .any(|s| s.published.as_deref().is_some_and(|p| p <= date)),
        _ => false,
    }
}

fn tenure_line(kg: &KnowledgeGraph, t: &TenureNode) -> PostLine {
    PostLine {
        person: t.person.clone(),
        person_name: super::name_of(kg, &t.person),
        role: t.role.clone(),
        role_text: t.role_texts.clone(),
        org: t.org.clone(),
        org_name: super::name_of(kg, &t.org),
        status: t.status.clone(),
        start: t.start.clone(),
        end: t.end.clone(),
        sources: t.sources.iter().map(Source::from).collect(),
    }
}

fn articles(sources: &[Source]) -> String {
    let mut v: Vec<&str> = sources.iter().map(|s| s.article.as_str()).collect();
    v.sort();
    v.dedup();
    v.join(" ")
}

/// The organization and its units (a party's branches), as node indices.
fn with_units(kg: &KnowledgeGraph, org: NodeIndex) -> Vec<NodeIndex> {
    let mut v = vec![org];
    v.extend(kg.into(org, Edge::UnitOf));
    v
}

/// Who holds which posts in an organization and its branches, in time
/// order within each post, so a post's succession reads down the table.
pub fn posts(
    kg: &KnowledgeGraph,
    lex: &Lexicon,
    org: NodeIndex,
    as_of: Option<&str>,
    role: Option<&str>,
    lang: Lang,
) -> Table {
    let mut lines: Vec<PostLine> = Vec::new();
    for o in with_units(kg, org) {
        for t in kg.into(o, Edge::PostIn) {
            if let Node::Tenure(tn) = &kg.graph[t] {
                lines.push(tenure_line(kg, tn));
            }
        }
    }
    lines.retain(|l| role.is_none_or(|r| l.role == r));
    if let Some(d) = as_of {
        lines.retain(|l| held_on(l, d));
    }
    lines.sort_by(|a, b| {
        (&a.org_name, &a.role, &a.start, &a.person_name).cmp(&(
            &b.org_name,
            &b.role,
            &b.start,
            &b.person_name,
        ))
    });
    Table {
        head: vec![
            "organization",
            "role",
            "person",
            "status",
            "since",
            "until",
            "articles",
        ],
        rows: lines
            .iter()
            .map(|l| {
                vec![
                    name_in(kg, lex, &l.org, lang),
                    l.role.clone(),
                    name_in(kg, lex, &l.person, lang),
                    l.status.clone(),
                    l.start.clone().unwrap_or_default(),
                    l.end.clone().unwrap_or_default(),
                    articles(&l.sources),
                ]
            })
            .collect(),
    }
}

/// What `events` filters on.
#[derive(Debug, Default)]
pub struct EventFilter<'a> {
    /// Organizers (with a party's branches).
    pub orgs: Option<Vec<NodeIndex>>,
    /// Places (an event in a place within one counts).
    pub places: Option<Vec<String>>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub ty: Option<&'a str>,
}

fn event_date(kg: &KnowledgeGraph, ev: NodeIndex) -> Option<String> {
    let Node::Event(e) = &kg.graph[ev] else {
        return None;
    };
    e.date
        .clone()
        .or_else(|| e.sources.iter().find_map(|s| s.published.clone()))
}

pub fn events(kg: &KnowledgeGraph, lex: &Lexicon, f: &EventFilter, lang: Lang) -> Table {
    let orgs: Option<Vec<NodeIndex>> = f
        .orgs
        .as_ref()
        .map(|os| os.iter().flat_map(|&o| with_units(kg, o)).collect());
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for (i, n) in kg.nodes() {
        let Node::Event(e) = n else { continue };
        if f.ty.is_some_and(|t| !e.ty.eq_ignore_ascii_case(t)) {
            continue;
        }
        let organizers = kg.out(i, Edge::Organizer);
        if let Some(os) = &orgs {
            if !organizers.iter().any(|o| os.contains(o)) {
                continue;
            }
        }
        let places: Vec<String> = kg
            .out(i, Edge::Location)
            .iter()
            .map(|p| kg.graph[*p].id().to_string())
            .collect();
        if let Some(want) = &f.places {
            let inside = places.iter().any(|p| {
                let chain: Vec<String> = lex
                    .place_chain(p.strip_prefix("place:").unwrap_or(p))
                    .iter()
                    .map(|x| format!("place:{}", x.id))
                    .collect();
                want.iter().any(|w| w == p || chain.contains(w))
            });
            if !inside {
                continue;
            }
        }
        let date = event_date(kg, i);
        let d = date.clone().unwrap_or_default();
        if f.from.is_some_and(|x| d.is_empty() || d.as_str() < x)
            || f.to.is_some_and(|x| d.is_empty() || d.as_str() > x)
        {
            continue;
        }
        let attendees = kg.out(i, Edge::Attendee).len();
        let arts: Vec<Source> = e.sources.iter().map(Source::from).collect();
        rows.push((
            d.clone(),
            vec![
                if e.date.is_some() {
                    d
                } else {
                    format!("({d})")
                },
                e.ty.clone(),
                organizers
                    .first()
                    .map(|o| name_in(kg, lex, kg.graph[*o].id(), lang))
                    .unwrap_or_default(),
                places
                    .first()
                    .map(|p| name_in(kg, lex, p, lang))
                    .unwrap_or_default(),
                e.ordinal.map(|o| o.to_string()).unwrap_or_default(),
                attendees.to_string(),
                articles(&arts),
            ],
        ));
    }
    rows.sort();
    Table {
        head: vec![
            "date",
            "type",
            "organizer",
            "place",
            "ordinal",
            "people",
            "articles",
        ],
        rows: rows.into_iter().map(|r| r.1).collect(),
    }
}

/// Since when `changes` looks.
pub enum Since {
    /// By the facts' dates, else their first article's publication date.
    Date(String),
    /// What only these articles (the last ingest) report.
    Articles(Vec<String>),
}

/// What is new since a date, by the articles' publication dates and the
/// dates the facts carry: posts begun or ended, posts first reported,
/// events, people first named. Or what only the last ingest's articles
/// report.
pub fn changes(kg: &KnowledgeGraph, lex: &Lexicon, since: &Since, lang: Lang) -> Table {
    let since = match since {
        Since::Date(d) => d.as_str(),
        Since::Articles(ids) => return changes_in(kg, lex, ids, lang),
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let first_seen = |sources: &[Source]| -> Option<(String, String)> {
        sources
            .iter()
            .filter_map(|s| s.published.clone().map(|p| (p, s.article.clone())))
            .min()
    };
    for (i, n) in kg.nodes() {
        match n {
            Node::Tenure(t) => {
                let l = tenure_line(kg, t);
                let what = format!(
                    "{} · {} · {}",
                    name_in(kg, lex, &t.person, lang),
                    t.role,
                    name_in(kg, lex, &t.org, lang)
                );
                let seen = first_seen(&l.sources);
                let (kind, date) = if t.end.as_deref().is_some_and(|e| e >= since) {
                    ("post ended", t.end.clone())
                } else if t.start.as_deref().is_some_and(|s| s >= since) {
                    ("post began", t.start.clone())
                } else if t.start.is_none()
                    && t.end.is_none()
                    && seen.as_ref().is_some_and(|(p, _)| p.as_str() >= since)
                {
                    (
                        if t.status == "end" {
                            "post ended"
                        } else {
                            "post reported"
                        },
                        seen.as_ref().map(|s| s.0.clone()),
                    )
                } else {
                    continue;
                };
                rows.push(vec![
                    date.unwrap_or_default(),
                    kind.into(),
                    what,
                    articles(&l.sources),
                ]);
            }
            Node::Event(e) => {
                let Some(d) = event_date(kg, i).filter(|d| d.as_str() >= since) else {
                    continue;
                };
                let org = kg
                    .out(i, Edge::Organizer)
                    .first()
                    .map(|o| name_in(kg, lex, kg.graph[*o].id(), lang))
                    .unwrap_or_default();
                let arts: Vec<Source> = e.sources.iter().map(Source::from).collect();
                rows.push(vec![
                    d,
                    "event".into(),
                    format!("{} · {org}", e.ty),
                    articles(&arts),
                ]);
            }
            Node::Entity(e) if e.id.starts_with("person:") => {
                let first = e
                    .mentions
                    .iter()
                    .filter_map(|m| m.published.clone().map(|p| (p, m.doc.clone())))
                    .min();
                if let Some((p, doc)) = first.filter(|(p, _)| p.as_str() >= since) {
                    rows.push(vec![
                        p,
                        "new person".into(),
                        name_in(kg, lex, &e.id, lang),
                        doc,
                    ]);
                }
            }
            _ => {}
        }
    }
    rows.sort();
    Table {
        head: vec!["date", "change", "what", "articles"],
        rows,
    }
}

/// The facts only these articles report: new posts (begun, ended or first
/// reported), events and people.
fn changes_in(kg: &KnowledgeGraph, lex: &Lexicon, ids: &[String], lang: Lang) -> Table {
    let only = |docs: &mut dyn Iterator<Item = &str>| {
        let v: Vec<&str> = docs.collect();
        !v.is_empty() && v.iter().all(|d| ids.iter().any(|i| i == d))
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, n) in kg.nodes() {
        match n {
            Node::Tenure(t) if only(&mut t.sources.iter().map(|s| s.doc.as_str())) => {
                let l = tenure_line(kg, t);
                let kind = match t.status.as_str() {
                    "start" => "post began",
                    "end" => "post ended",
                    _ => "post reported",
                };
                rows.push(vec![
                    t.end.clone().or(t.start.clone()).unwrap_or_default(),
                    kind.into(),
                    format!(
                        "{} · {} · {}",
                        name_in(kg, lex, &t.person, lang),
                        t.role,
                        name_in(kg, lex, &t.org, lang)
                    ),
                    articles(&l.sources),
                ]);
            }
            Node::Event(e) if only(&mut e.sources.iter().map(|s| s.doc.as_str())) => {
                let arts: Vec<Source> = e.sources.iter().map(Source::from).collect();
                let org = kg
                    .out(i, Edge::Organizer)
                    .first()
                    .map(|o| name_in(kg, lex, kg.graph[*o].id(), lang))
                    .unwrap_or_default();
                rows.push(vec![
                    event_date(kg, i).unwrap_or_default(),
                    "event".into(),
                    format!("{} · {org}", e.ty),
                    articles(&arts),
                ]);
            }
            Node::Entity(e)
                if e.id.starts_with("person:")
                    && only(&mut e.mentions.iter().map(|m| m.doc.as_str())) =>
            {
                let mut docs: Vec<&str> = e.mentions.iter().map(|m| m.doc.as_str()).collect();
                docs.sort();
                docs.dedup();
                let date = e.mentions.iter().filter_map(|m| m.published.clone()).min();
                rows.push(vec![
                    date.unwrap_or_default(),
                    "new person".into(),
                    name_in(kg, lex, &e.id, lang),
                    docs.join(" "),
                ]);
            }
            _ => {}
        }
    }
    rows.sort();
    Table {
        head: vec!["date", "change", "what", "articles"],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(status: &str, start: Option<&str>, end: Option<&str>, published: &str) -> PostLine {
        PostLine {
            person: "person:x".into(),
            person_name: "X".into(),
            role: "chair".into(),
            role_text: vec![],
            org: "party:y".into(),
            org_name: "Y".into(),
            status: status.into(),
            start: start.map(String::from),
            end: end.map(String::from),
            sources: vec![Source {
                article: "a".into(),
                outlet: None,
                published: Some(published.into()),
                sentence: String::new(),
                start: 0,
                end: 0,
                rule: String::new(),
            }],
        }
    }

    #[test]
    fn a_post_is_held_from_its_start_to_its_end() {
        let t = line("start", Some("2023-01-10"), None, "2023-01-11");
        assert!(!held_on(&t, "2022-12-31"));
        assert!(held_on(&t, "2023-01-10"));
        let t = line("end", Some("2020-01-01"), Some("2024-05-01"), "2024-05-02");
        assert!(held_on(&t, "2023-01-01"));
        assert!(!held_on(&t, "2024-05-01"));
        // Reported current with no dates: held from the article on.
        let t = line("current", None, None, "2025-11-14");
        assert!(!held_on(&t, "2025-01-01"));
        assert!(held_on(&t, "2026-01-01"));
        assert!(!held_on(
            &line("former", None, None, "2025-11-14"),
            "2026-01-01"
        ));
    }
}
