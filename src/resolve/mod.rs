//! Stage 5, resolve: an [`Extraction`] becomes a [`Resolved`] article: one
//! [`Entity`] per real-world thing, with an id derived from its normalized
//! name (so rebuilding gives the same ids), and posts and events that point
//! at entity ids. Within an article, a surname alone or initials with a
//! surname (Ж.Базартай) join the full name they fit (Жандос Базартай).
//!
//! Offsets here are code points of the article as read.

use crate::extract::{EntityType, Extraction, Key, PersonName};
use crate::lexicon::Lexicon;
use crate::text::translit::{key as tkey, slug, stem_key};
use std::collections::BTreeMap;

/// A span of the original text, in code points, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub id: String,
    #[serde(rename = "type")]
    pub ty: EntityType,
    pub name: String,
    pub mentions: Vec<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Place kind or organization kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Every name it is called in this article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// A person's first name and surname, nominative, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Post {
    pub person: String,
    pub role: String,
    pub org: String,
    pub status: String,
    pub date: Option<String>,
    pub evidence: Span,
    pub role_text: String,
    pub role_span: Span,
    pub rule: String,
    /// Acting in the post (и.о., м.а., acting).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// For a start or an end: the index in `events` of the gathering at which
    /// it was decided (the conference that elected the chair).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<usize>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub ty: String,
    pub org: Option<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    pub participants: Vec<String>,
    pub evidence: Span,
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<crate::extract::Count>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct DateValue {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RoleWord {
    pub start: usize,
    pub end: usize,
    pub role: String,
    pub text: String,
    /// The territory a title names as its own (Қазақстан Президенті).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rule: String,
    /// The person who holds the post, named earlier in the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

/// One article, resolved.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Resolved {
    pub doc: String,
    pub lang: String,
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub entities: Vec<Entity>,
    pub dates: Vec<DateValue>,
    pub posts: Vec<Post>,
    pub events: Vec<Event>,
    pub roles: Vec<RoleWord>,
    /// The article's text as read, for evidence.
    #[serde(skip)]
    pub text: String,
}

fn person_id(n: &PersonName) -> String {
    let fam = n.surname.as_deref().map(slug).unwrap_or_default();
    let giv = n
        .given
        .as_deref()
        .map(slug)
        .unwrap_or_else(|| slug(&n.initials));
    if giv.is_empty() {
        format!("person:{fam}")
    } else if fam.is_empty() {
        format!("person:{giv}")
    } else {
        format!("person:{fam}-{giv}")
    }
}

/// Whether a short name (surname alone, initials and surname) fits a full one.
fn fits(short: &PersonName, full: &PersonName) -> bool {
    // A first name alone joins the full name with that first name.
    if let (None, Some(x), Some(y)) = (&short.surname, &short.given, &full.given) {
        return short.initials.is_empty() && full.surname.is_some() && tkey(x) == tkey(y);
    }
    let (Some(a), Some(b)) = (&short.surname, &full.surname) else {
        return false;
    };
    if stem_key(a) != stem_key(b) {
        return false;
    }
    match (&short.given, &full.given) {
        (Some(x), Some(y)) => tkey(x) == tkey(y),
        (None, Some(y)) => {
            short.initials.is_empty()
                || tkey(&short.initials[..short.initials.chars().next().map_or(0, char::len_utf8)])
                    .chars()
                    .next()
                    == tkey(y).chars().next()
        }
        _ => true,
    }
}

/// The id of a non-person key.
pub fn key_id(k: &Key) -> String {
    match k {
        Key::Person(n) => person_id(n),
        Key::Party(p) => format!("party:{p}"),
        Key::Place { id, .. } => format!("place:{id}"),
        Key::Org { id, .. } => format!("org:{id}"),
        Key::Unit {
            party,
            place,
            level,
        } => match place {
            Some(p) => format!("unit:{party}/{p}"),
            None => format!("unit:{party}/{level}"),
        },
    }
}

fn key_name(k: &Key, lex: &Lexicon, lang: usize) -> String {
    match k {
        Key::Person(n) => n.display.clone(),
        Key::Party(p) => lex
            .parties
            .iter()
            .find(|x| &x.id == p)
            .map(|x| x.labels[lang].clone())
            .unwrap_or_else(|| p.clone()),
        Key::Place { name, .. } | Key::Org { name, .. } => name.clone(),
        Key::Unit {
            party,
            place,
            level,
        } => {
            let party = lex
                .parties
                .iter()
                .find(|x| &x.id == party)
                .map(|x| x.labels[lang].clone())
                .unwrap_or_else(|| party.clone());
            let place = place
                .as_deref()
                .and_then(|p| lex.place(p))
                .map(|p| p.labels[lang].clone())
                .unwrap_or_default();
            let lvl = match (lang, level.as_str()) {
                (0, "region") => "облыстық филиалы",
                (0, "city") => "қалалық филиалы",
                (0, "district") => "аудандық филиалы",
                (1, "region") => "областной филиал",
                (1, "city") => "городской филиал",
                (1, "district") => "районный филиал",
                (2, "region") => "regional branch",
                (2, "city") => "city branch",
                (2, "district") => "district branch",
                _ => "",
            };
            [party, place, lvl.to_string()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

/// Resolves one extraction.
pub fn resolve(
    x: &Extraction,
    lex: &Lexicon,
    url: Option<String>,
    title: Option<String>,
) -> Resolved {
    let d = &x.doc;
    let lang = d.lang.index();
    let span = |s: usize, e: usize| Span {
        start: d.orig(s),
        end: d.orig(e),
        text: d.orig_slice(s, e),
    };
    // Persons: full names first, then the short forms that fit one of them.
    let mut people: Vec<PersonName> = Vec::new();
    let mut person_of: BTreeMap<PersonName, usize> = BTreeMap::new();
    let mut names: Vec<&PersonName> = x
        .mentions
        .iter()
        .filter_map(|m| match &m.key {
            Key::Person(n) => Some(n),
            _ => None,
        })
        .collect();
    names.extend(x.posts.iter().filter_map(|p| match &p.person {
        Key::Person(n) => Some(n),
        _ => None,
    }));
    names.sort_by_key(|n| {
        (
            n.given.is_none(),
            n.surname.is_none(),
            std::cmp::Reverse(n.display.chars().count()),
        )
    });
    for n in names {
        if person_of.contains_key(n) {
            continue;
        }
        let found = people.iter().position(|p| {
            p.given.is_some()
                && (fits(n, p)
                    || (n.given.is_some()
                        && n.surname.as_deref().map(stem_key)
                            == p.surname.as_deref().map(stem_key)
                        && n.given.as_deref().map(tkey) == p.given.as_deref().map(tkey)))
        });
        let idx = found.unwrap_or_else(|| {
            people.push(n.clone());
            people.len() - 1
        });
        person_of.insert(n.clone(), idx);
    }
    // A first name with a patronymic (Берік Әбдіғаппарұлы, Жандос
    // Нұртайұлы) is the one person of the article with that first name and
    // a surname, when there is exactly one.
    let patronymic = |s: &str| {
        let k = crate::text::translit::key(s);
        ["uli", "kizi", "ovich", "evich", "ovna", "evna"]
            .iter()
            .any(|e| k.ends_with(e))
    };
    let redirect: Vec<usize> = (0..people.len())
        .map(|i| {
            let p = &people[i];
            let (Some(g), Some(s)) = (&p.given, &p.surname) else {
                return i;
            };
            if !patronymic(s) {
                return i;
            }
            let same: Vec<usize> = (0..people.len())
                .filter(|&j| {
                    j != i
                        && people[j].given.as_deref().map(tkey) == Some(tkey(g))
                        && people[j].surname.as_deref().is_some_and(|x| !patronymic(x))
                })
                .collect();
            match same.as_slice() {
                [only] => *only,
                _ => i,
            }
        })
        .collect();
    for v in person_of.values_mut() {
        *v = redirect[*v];
    }
    let id_of = |k: &Key| -> String {
        match k {
            Key::Person(n) => person_id(&people[person_of[n]]),
            other => key_id(other),
        }
    };
    let new_entity = |id: String, key: &Key| {
        let (party, place, level, kind) = match key {
            Key::Unit {
                party,
                place,
                level,
            } => (
                Some(format!("party:{party}")),
                place.as_ref().map(|p| format!("place:{p}")),
                Some(level.clone()),
                None,
            ),
            Key::Place { kind, .. } | Key::Org { kind, .. } => {
                (None, None, None, Some(kind.clone()))
            }
            _ => (None, None, None, None),
        };
        let name = match key {
            Key::Person(n) => people[person_of[n]].display.clone(),
            k => key_name(k, lex, lang),
        };
        let (given, surname) = match key {
            Key::Person(n) => {
                let p = &people[person_of[n]];
                (p.given.clone(), p.surname.clone())
            }
            _ => (None, None),
        };
        Entity {
            id,
            ty: key.entity_type(),
            name,
            mentions: vec![],
            party,
            place,
            level,
            kind,
            names: vec![],
            given,
            surname,
        }
    };
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    for m in &x.mentions {
        let id = id_of(&m.key);
        let sp = span(m.start, m.end);
        let e = entities
            .entry(id.clone())
            .or_insert_with(|| new_entity(id, &m.key));
        let surface = match &m.key {
            Key::Person(n) => n.display.clone(),
            _ => sp.text.clone(),
        };
        if !e.names.contains(&surface) {
            e.names.push(surface);
        }
        e.mentions.push(sp);
    }
    // Entities the facts name without a mention of their own (the place of
    // a title, Қазақстан Президенті): listed, with no mention.
    let named = x
        .posts
        .iter()
        .map(|p| &p.org)
        .chain(
            x.events
                .iter()
                .flat_map(|e| e.org.iter().chain(e.place.iter())),
        )
        .chain(x.roles.iter().filter_map(|r| r.of.as_ref()));
    for k in named {
        let id = id_of(k);
        entities
            .entry(id.clone())
            .or_insert_with(|| new_entity(id, k));
    }
    let mut entities: Vec<Entity> = entities.into_values().collect();
    for e in &mut entities {
        // Sorted, a mention read twice stands next to itself.
        e.mentions.sort();
        e.mentions.dedup();
    }
    entities.sort_by_key(|e| (e.ty, e.mentions.first().map(|m| m.start)));
    let mut posts: Vec<Post> = Vec::new();
    let mut decided: Vec<bool> = Vec::new();
    for p in &x.posts {
        let post = Post {
            person: id_of(&p.person),
            role: p.role.clone(),
            org: id_of(&p.org),
            status: p.status.clone(),
            date: p.date.clone(),
            evidence: span(p.evidence.0, p.evidence.1),
            role_text: d.orig_slice(p.role_span.0, p.role_span.1),
            role_span: span(p.role_span.0, p.role_span.1),
            rule: p.rule.clone(),
            acting: p.acting,
            event: None,
        };
        // One post per person, role and organization: the first claim, with
        // the status of a start or end the article reports elsewhere (a post
        // named as held, or as held before, whose start or end is told).
        match posts
            .iter()
            .position(|q| q.person == post.person && q.role == post.role && q.org == post.org)
        {
            None => {
                posts.push(post);
                decided.push(p.decided);
            }
            Some(i) => {
                let q = &mut posts[i];
                let told = matches!(post.status.as_str(), "start" | "end");
                if told && matches!(q.status.as_str(), "current" | "former") {
                    q.status = post.status;
                    q.date = post.date;
                    decided[i] = p.decided;
                }
            }
        }
    }
    // A start without a date took effect at the article's main event.
    let main_date = x.events.first().and_then(|e| e.date.clone());
    for p in &mut posts {
        if p.status == "start" && p.date.is_none() {
            p.date = main_date.clone();
        }
    }
    // An election, appointment or dismissal was decided at the gathering
    // (conference, congress, council session, meeting) the article reports
    // last before it, else at its first one.
    let gatherings: Vec<(usize, usize)> = x
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matches!(
                e.ty.as_str(),
                "Conference" | "Congress" | "CouncilSession" | "Meeting"
            )
        })
        .map(|(i, e)| (i, d.orig(e.evidence.0)))
        .collect();
    for (p, claim) in posts.iter_mut().zip(&decided) {
        if *claim && matches!(p.status.as_str(), "start" | "end") {
            p.event = gatherings
                .iter()
                .rev()
                .find(|(_, at)| *at <= p.evidence.start)
                .or(gatherings.first())
                .map(|(i, _)| *i);
        }
    }
    let events = x
        .events
        .iter()
        .map(|e| Event {
            ty: e.ty.clone(),
            org: e.org.as_ref().map(id_of),
            place: e.place.as_ref().map(id_of),
            date: e.date.clone(),
            participants: {
                let mut v: Vec<String> = Vec::new();
                for k in &e.participants {
                    let id = id_of(k);
                    if !v.contains(&id) {
                        v.push(id);
                    }
                }
                v
            },
            evidence: span(e.evidence.0, e.evidence.1),
            rule: e.rule.clone(),
            ordinal: e.ordinal,
            counts: e.counts.clone(),
        })
        .collect();
    let dates = x
        .dates
        .iter()
        .map(|dm| DateValue {
            start: d.orig(dm.start),
            end: d.orig(dm.end),
            text: d.orig_slice(dm.start, dm.end),
            value: dm.value.clone(),
        })
        .collect();
    let roles = x
        .roles
        .iter()
        .map(|r| RoleWord {
            start: d.orig(r.start),
            end: d.orig(r.end),
            role: r.role.clone(),
            text: d.orig_slice(r.start, r.end),
            of: r.of.as_ref().map(id_of),
            rule: r.rule.clone(),
            holder: r.holder.as_ref().map(id_of),
        })
        .collect();
    Resolved {
        doc: d.id.clone(),
        lang: d.lang.code().into(),
        published: d.published.clone(),
        url,
        title,
        entities,
        dates,
        posts,
        events,
        roles,
        text: d.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(given: Option<&str>, surname: &str, initials: &str) -> PersonName {
        PersonName {
            given: given.map(String::from),
            surname: Some(surname.into()),
            initials: initials.into(),
            display: surname.into(),
            ..Default::default()
        }
    }

    #[test]
    fn short_forms_fit_the_full_name() {
        let full = name(Some("Жандос"), "Базартай", "");
        assert!(fits(&name(None, "Базартай", "Ж"), &full));
        assert!(fits(&name(None, "Базартай", ""), &full));
        assert!(!fits(&name(None, "Базартай", "М"), &full));
        assert!(!fits(
            &name(Some("Мұрат"), "Ташибаев", ""),
            &name(Some("Марат"), "Ташибаев", "")
        ));
    }

    #[test]
    fn ids_are_derived_from_names() {
        assert_eq!(
            person_id(&name(Some("Ерлан"), "Қошанов", "")),
            "person:koshanov-erlan"
        );
        assert_eq!(
            person_id(&name(None, "Әжікенов", "Е")),
            "person:azhikenov-e"
        );
        assert_eq!(
            key_id(&Key::Unit {
                party: "amanat".into(),
                place: Some("turkistan-region".into()),
                level: "region".into()
            }),
            "unit:amanat/turkistan-region"
        );
    }
}
