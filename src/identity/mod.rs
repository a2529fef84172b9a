//! Identity across articles, scripts and languages: which person ids of
//! the resolved articles are one person. Between `resolve` (one article)
//! and `graph` (all of them).
//!
//! Names meet on transliteration keys: the surname without its Russian-style
//! ending (Әміртаев, Амиртаев, Amirtai → `amirta`) and the first name's key.
//! The same first name merges unless the two hold posts in different parties;
//! a short and a full form of one first name (Азат / Азаматхан) merge only
//! when both hold posts in, or take part in events of, the same party;
//! different first names (Мұрат / Марат) never merge and are listed as
//! possible matches for a person to decide. The curation file can force a
//! merge or a split, name the entity and drop a wrong post. Everything here
//! is a function of the set of articles, not of their order.

pub mod curation;

use crate::resolve::Resolved;
use crate::text::translit::{key, stem_key};
use curation::Curation;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One person id as the articles show it.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub given: Option<String>,
    pub surname: Option<String>,
    pub articles: BTreeSet<String>,
    /// Parties the person holds posts in or takes part in events of.
    pub parties: BTreeSet<String>,
    /// (role, organization) of their posts.
    pub posts: BTreeSet<(String, String)>,
}

/// Why two ids were merged, or might be one person.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub a: String,
    pub b: String,
    pub reason: String,
}

/// The outcome: for every person id its canonical id, with the reasons.
#[derive(Clone, Debug, Default)]
pub struct Identity {
    /// member id → canonical id, for ids that are not their own canonical.
    pub canon: BTreeMap<String, String>,
    pub profiles: BTreeMap<String, Profile>,
    /// Merges made, with their evidence.
    pub merged: Vec<Link>,
    /// Pairs left apart that a person may want to check.
    pub possible: Vec<Link>,
    /// Canonical names set by curation.
    pub names: BTreeMap<String, String>,
    /// Posts curation drops: (person, role, org) after merging, with why.
    pub dropped: Vec<(String, String, String, String)>,
    pub curation_file: String,
    /// The (person, role, org) of `dropped`, to look posts up in.
    dropped_keys: HashSet<(String, String, String)>,
}

impl Identity {
    pub fn canonical<'a>(&'a self, id: &'a str) -> &'a str {
        self.canon.get(id).map(String::as_str).unwrap_or(id)
    }

    /// Every id that is the same entity as `id` (itself included).
    pub fn members(&self, id: &str) -> Vec<String> {
        let c = self.canonical(id).to_string();
        let mut v: Vec<String> = self
            .canon
            .iter()
            .filter(|(_, to)| **to == c)
            .map(|(from, _)| from.clone())
            .collect();
        v.push(c);
        v.sort();
        v
    }
}

fn party_of(org: &str) -> Option<String> {
    if let Some(p) = org.strip_prefix("party:") {
        return Some(p.to_string());
    }
    org.strip_prefix("unit:")
        .and_then(|u| u.split('/').next())
        .map(String::from)
}

/// The profiles of every person id in the articles.
pub fn profiles(articles: &[Resolved]) -> BTreeMap<String, Profile> {
    let mut out: BTreeMap<String, Profile> = BTreeMap::new();
    for a in articles {
        for e in a.entities.iter().filter(|e| e.id.starts_with("person:")) {
            let p = out.entry(e.id.clone()).or_insert_with(|| Profile {
                id: e.id.clone(),
                ..Default::default()
            });
            // The fullest spelling seen names the profile.
            if e.name.chars().count() > p.name.chars().count()
                || (e.name.chars().count() == p.name.chars().count() && e.name < p.name)
            {
                p.name = e.name.clone();
            }
            p.given = p.given.clone().or(e.given.clone());
            p.surname = p.surname.clone().or(e.surname.clone());
            p.articles.insert(a.doc.clone());
        }
        for post in &a.posts {
            if let Some(p) = out.get_mut(&post.person) {
                p.posts.insert((post.role.clone(), post.org.clone()));
                p.parties.extend(party_of(&post.org));
            }
        }
        for ev in &a.events {
            let Some(party) = ev.org.as_deref().and_then(party_of) else {
                continue;
            };
            for who in &ev.participants {
                if let Some(p) = out.get_mut(who) {
                    p.parties.insert(party.clone());
                }
            }
        }
    }
    out
}

enum Given {
    Same,
    /// One is a shorter form of the other (Азат, Азаматхан): same first
    /// letter, its letters in order inside the longer, at least two shorter.
    ShortFull,
    Different,
}

fn given_relation(a: &str, b: &str) -> Given {
    let (ka, kb) = (key(a), key(b));
    if ka == kb {
        return Given::Same;
    }
    let (s, l) = if ka.len() <= kb.len() {
        (ka, kb)
    } else {
        (kb, ka)
    };
    let mut rest = l.chars();
    let inside = s.chars().all(|c| rest.any(|d| d == c));
    if l.len() >= s.len() + 2 && s.chars().next() == l.chars().next() && inside {
        Given::ShortFull
    } else {
        Given::Different
    }
}

/// The surname key shared by every spelling of one surname.
pub fn surname_key(s: &str) -> String {
    stem_key(s)
}

/// Disjoint sets of ids. Each set is named by its least id (its root) and
/// lists its members, so that finding a root and joining two sets take time
/// in the size of the smaller set, never in the number of ids.
#[derive(Default)]
struct Sets {
    set_of: HashMap<String, usize>,
    /// (root, members) of each set; emptied when joined into another.
    sets: Vec<(String, Vec<String>)>,
}

impl Sets {
    fn add(&mut self, x: &str) {
        if !self.set_of.contains_key(x) {
            self.set_of.insert(x.to_string(), self.sets.len());
            self.sets.push((x.to_string(), vec![x.to_string()]));
        }
    }
    /// Joins the sets of a and b unless curation keeps two of their members apart.
    fn union(&mut self, a: &str, b: &str, cur: &Curation) -> bool {
        self.add(a);
        self.add(b);
        let (sa, sb) = (self.set_of[a], self.set_of[b]);
        if sa == sb {
            return false;
        }
        let (small, large) = if self.sets[sa].1.len() <= self.sets[sb].1.len() {
            (sa, sb)
        } else {
            (sb, sa)
        };
        let apart = self.sets[small].1.iter().any(|x| {
            cur.split_from(x)
                .any(|y| self.set_of.get(y.as_str()) == Some(&large))
        });
        if apart {
            return false;
        }
        let (root, moved) = std::mem::take(&mut self.sets[small]);
        for m in &moved {
            self.set_of.insert(m.clone(), large);
        }
        let into = &mut self.sets[large];
        into.1.extend(moved);
        if root < into.0 {
            into.0 = root;
        }
        true
    }
}

/// Decides which person ids are one person.
pub fn resolve(articles: &[Resolved], cur: &Curation) -> Identity {
    let profiles = profiles(articles);
    let mut sets = Sets::default();
    for k in profiles.keys() {
        sets.add(k);
    }
    let mut merged = Vec::new();
    let mut possible = Vec::new();
    // Curation first: a forced merge is evidence enough.
    for g in &cur.merge {
        for w in g.ids.windows(2) {
            if sets.union(&w[0], &w[1], cur) {
                merged.push(Link {
                    a: w[0].clone(),
                    b: w[1].clone(),
                    reason: format!("merged by {}: {}", cur.file, g.why),
                });
            }
        }
    }
    // Candidates: full names with the same surname key.
    let mut by_surname: BTreeMap<String, Vec<&Profile>> = BTreeMap::new();
    for p in profiles.values() {
        if let (Some(s), Some(_)) = (&p.surname, &p.given) {
            by_surname.entry(surname_key(s)).or_default().push(p);
        }
    }
    for group in by_surname.values() {
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                // Only people with a given name are grouped by surname above.
                let (Some(ga), Some(gb)) = (a.given.as_deref(), b.given.as_deref()) else {
                    continue;
                };
                let shared: Vec<&String> = a.parties.intersection(&b.parties).collect();
                let shared_posts: Vec<&(String, String)> = a.posts.intersection(&b.posts).collect();
                let evidence = if !shared_posts.is_empty() {
                    let (r, o) = shared_posts[0];
                    format!("both hold {r} of {o}")
                } else if !shared.is_empty() {
                    format!("both act in party:{}", shared[0])
                } else {
                    String::new()
                };
                let names = format!("{} / {}", a.name, b.name);
                let (merge, reason) = match given_relation(ga, gb) {
                    Given::Same
                        if !a.parties.is_empty() && !b.parties.is_empty() && shared.is_empty() =>
                    {
                        (
                            false,
                            format!("same name ({names}) but posts in different parties"),
                        )
                    }
                    Given::Same => (
                        true,
                        if evidence.is_empty() {
                            format!("same name across scripts ({names})")
                        } else {
                            format!("same name across scripts ({names}); {evidence}")
                        },
                    ),
                    Given::ShortFull if !evidence.is_empty() => (
                        true,
                        format!("short and full first name ({names}); {evidence}"),
                    ),
                    Given::ShortFull => (
                        false,
                        format!("short and full first name ({names}) with no shared party or post"),
                    ),
                    Given::Different => (
                        false,
                        format!("same surname, different first names ({names})"),
                    ),
                };
                let split = cur.is_split(&a.id, &b.id);
                if merge && !split && sets.union(&a.id, &b.id, cur) {
                    merged.push(Link {
                        a: a.id.clone(),
                        b: b.id.clone(),
                        reason,
                    });
                } else if !merge || split {
                    let reason = if split {
                        format!("kept apart by {}", cur.file)
                    } else {
                        reason
                    };
                    possible.push(Link {
                        a: a.id.clone(),
                        b: b.id.clone(),
                        reason,
                    });
                }
            }
        }
    }
    // Each set's canonical id: the fullest first name, then the id's order.
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (root, members) in sets.sets.iter().filter(|s| s.1.len() > 1) {
        let mut members = members.clone();
        members.sort();
        groups.insert(root, members);
    }
    let mut canon = BTreeMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let best = members
            .iter()
            .min_by_key(|id| {
                let given_len = profiles
                    .get(*id)
                    .and_then(|p| p.given.as_deref())
                    .map(|g| key(g).len())
                    .unwrap_or(0);
                (std::cmp::Reverse(given_len), (*id).clone())
            })
            .expect("non-empty")
            .clone();
        for m in members {
            if *m != best {
                canon.insert(m.clone(), best.clone());
            }
        }
    }
    let mut id = Identity {
        canon,
        profiles,
        merged,
        possible,
        names: BTreeMap::new(),
        dropped: vec![],
        curation_file: cur.file.clone(),
        dropped_keys: HashSet::new(),
    };
    for n in &cur.name {
        let c = id.canonical(&n.id).to_string();
        id.names.insert(c, n.name.clone());
    }
    for d in &cur.drop {
        let person = id.canonical(&d.person).to_string();
        id.dropped_keys
            .insert((person.clone(), d.role.clone(), d.org.clone()));
        id.dropped
            .push((person, d.role.clone(), d.org.clone(), d.why.clone()));
    }
    id
}

/// An article with its ids made canonical: entities that became one are
/// one entry, and the posts curation drops are gone.
pub fn apply(a: &Resolved, id: &Identity) -> Resolved {
    let c = |s: &str| id.canonical(s).to_string();
    let mut r = a.clone();
    let mut entities: Vec<crate::resolve::Entity> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for mut e in r.entities.drain(..) {
        e.id = c(&e.id);
        if let Some(n) = id.names.get(&e.id) {
            e.name = n.clone();
        }
        match at.get(&e.id).map(|&i| &mut entities[i]) {
            Some(x) => {
                for m in e.mentions {
                    if !x.mentions.contains(&m) {
                        x.mentions.push(m);
                    }
                }
                x.mentions.sort();
                for n in e.names {
                    if !x.names.contains(&n) {
                        x.names.push(n);
                    }
                }
            }
            None => {
                at.insert(e.id.clone(), entities.len());
                entities.push(e);
            }
        }
    }
    r.entities = entities;
    for p in &mut r.posts {
        p.person = c(&p.person);
        p.org = c(&p.org);
    }
    if !id.dropped_keys.is_empty() {
        r.posts.retain(|p| {
            !id.dropped_keys
                .contains(&(p.person.clone(), p.role.clone(), p.org.clone()))
        });
    }
    for e in &mut r.events {
        e.org = e.org.as_deref().map(c);
        e.place = e.place.as_deref().map(c);
        let mut seen = Vec::new();
        for p in e.participants.drain(..) {
            let p = c(&p);
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
        e.participants = seen;
    }
    for x in &mut r.roles {
        x.of = x.of.as_deref().map(c);
        x.holder = x.holder.as_deref().map(c);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_short_full_and_different() {
        assert!(matches!(
            given_relation("Азат", "Азаматхан"),
            Given::ShortFull
        ));
        assert!(matches!(
            given_relation("Azamatkhan", "Азаматхан"),
            Given::Same
        ));
        assert!(matches!(given_relation("Мұрат", "Марат"), Given::Different));
        assert_eq!(surname_key("Әміртаев"), surname_key("Amirtai"));
        assert_eq!(surname_key("Амиртаев"), surname_key("Amirtay"));
    }
}
