//! Stage 4, extract: a [`Doc`] becomes an [`Extraction`]: entity mentions
//! (persons, parties, party units, organizations, places), dates, role
//! mentions, and claims (posts, events), each with its rule id and evidence.
//!
//! Each sentence becomes a row of symbols (PER, PARTY, PLACE, ROLE, LVL, cue
//! tags...) in two passes: the first tags words from the gazetteer and finds
//! names, and counts the parties and places the article speaks of; the second
//! builds units, organizations and places from head words (`symbols`), then
//! runs the post and role rules of `seeds/rules/` over the symbols (`posts`);
//! `events` reads what happened, `persons` the names, `dates` the dates.

pub mod dates;
mod events;
pub mod persons;
mod posts;
pub mod rules;
mod symbols;

use crate::lexicon::Lexicon;
use crate::text::Doc;
pub use dates::DateMention;
pub use persons::PersonName;
use std::collections::HashMap;

/// The type of an entity, as FORMAT.md names it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum EntityType {
    Person,
    Party,
    PartyUnit,
    Organization,
    Place,
}

/// What a mention refers to, before identities are resolved.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Person(PersonName),
    /// Lexicon id.
    Party(String),
    /// Lexicon id, or a slug for a place the lexicon does not know.
    Place {
        id: String,
        name: String,
        kind: String,
    },
    Org {
        id: String,
        name: String,
        kind: String,
    },
    Unit {
        party: String,
        place: Option<String>,
        level: String,
    },
}

impl Key {
    pub fn entity_type(&self) -> EntityType {
        match self {
            Key::Person(_) => EntityType::Person,
            Key::Party(_) => EntityType::Party,
            Key::Place { .. } => EntityType::Place,
            Key::Org { .. } => EntityType::Organization,
            Key::Unit { .. } => EntityType::PartyUnit,
        }
    }
}

/// A span of the folded text naming an entity.
#[derive(Clone, Debug)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub key: Key,
    pub rule: String,
}

/// A word that names a post.
#[derive(Clone, Debug)]
pub struct RoleMention {
    pub start: usize,
    pub end: usize,
    pub role: String,
    /// The territory the title names (Қазақстан Президенті → Kazakhstan).
    pub of: Option<Key>,
    /// The role rule that read the title, if one did.
    pub rule: String,
    /// Who holds the post it names, when the article named the holder
    /// earlier ("Нариман Баубек төраға болып сайланды. … Жаңа төраға …").
    pub holder: Option<Key>,
    /// What the words before the role say it belongs to.
    pub owner: Owner,
}

/// The body a role word names before it (Астана қаласы филиалының
/// төрағасы), if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Owner {
    /// No body named: "Жаңа төраға", "Председатель отметил".
    None,
    Key(Key),
    /// "партия төрағасы": the article's party.
    AnyParty,
    /// A body the text names without a key (аудан басшысы).
    Unknown,
}

/// Someone holds (held, starts, ends) a post.
#[derive(Clone, Debug)]
pub struct PostClaim {
    pub person: Key,
    pub role: String,
    pub role_span: (usize, usize),
    pub org: Key,
    pub status: String,
    pub date: Option<String>,
    pub evidence: (usize, usize),
    pub rule: String,
    /// Acting in the post (и.о., м.а., acting).
    pub acting: bool,
    /// Read from an election, appointment or dismissal verb (the rule's
    /// pattern has START or END): the post changed at a gathering.
    pub decided: bool,
}

/// Something happened.
#[derive(Clone, Debug)]
pub struct EventClaim {
    pub ty: String,
    pub org: Option<Key>,
    pub place: Option<Key>,
    pub date: Option<String>,
    pub participants: Vec<Key>,
    pub evidence: (usize, usize),
    pub rule: String,
    /// IV конференциясы → 4.
    pub ordinal: Option<u32>,
    /// 80 delegates invited, 70 attended.
    pub counts: Vec<Count>,
}

/// A number of people an article gives for an event.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Count {
    pub n: u64,
    /// The counted word as written (делегат, people).
    pub what: String,
    /// invited | attended | present (no verb says which)
    pub status: String,
}

/// Everything read from one article.
pub struct Extraction {
    pub doc: Doc,
    pub mentions: Vec<Mention>,
    pub dates: Vec<DateMention>,
    pub roles: Vec<RoleMention>,
    pub posts: Vec<PostClaim>,
    pub events: Vec<EventClaim>,
    /// The symbol tags of every sentence, in order.
    pub tags: Vec<String>,
    /// Each sentence's symbols as the rules see them: `TAG/case«words»`.
    pub symbols: Vec<String>,
}

/// What the article as a whole is about: its parties and places, most
/// mentioned first, for phrases that name neither ("облыстық филиал").
#[derive(Default)]
pub(crate) struct Context {
    party_counts: HashMap<String, usize>,
    place_counts: HashMap<String, usize>,
}

/// Ids with their counts, most counted first, ties by id (so that the
/// article's order never decides).
fn ranked<'a>(counts: impl Iterator<Item = (&'a String, &'a usize)>) -> Vec<(&'a String, usize)> {
    let mut v: Vec<(&String, usize)> = counts.map(|(k, n)| (k, *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

impl Context {
    pub(crate) fn main_party(&self) -> Option<String> {
        ranked(self.party_counts.iter())
            .first()
            .map(|(k, _)| (*k).clone())
    }

    /// The place of a level that the article is about: the most mentioned
    /// place of that kind, else the one that contains the places mentioned.
    pub(crate) fn place_of_level(&self, lex: &Lexicon, level: &str) -> Option<String> {
        let v = ranked(self.place_counts.iter());
        let kind_of = |id: &str| lex.place(id).map(|p| p.kind.as_str());
        if let Some((id, _)) = v.iter().find(|(id, _)| kind_of(id) == Some(level)) {
            return Some((*id).clone());
        }
        v.iter().find_map(|(id, _)| {
            lex.place_chain(id)
                .into_iter()
                .skip(1)
                .find(|p| p.kind == level)
                .map(|p| p.id.clone())
        })
    }

    /// The country the article is about: the one it names most, if it names
    /// one clearly more than any other; Kazakhstan when it names none but
    /// speaks of Kazakhstan's parties or places.
    pub(crate) fn country(&self, lex: &Lexicon) -> Option<String> {
        let v = ranked(
            self.place_counts
                .iter()
                .filter(|(id, _)| lex.place(id).is_some_and(|p| p.kind == "country")),
        );
        match v.as_slice() {
            [] => {
                let kazakh = !self.party_counts.is_empty()
                    || self
                        .place_counts
                        .keys()
                        .any(|id| lex.place_chain(id).iter().any(|p| p.id == "kazakhstan"));
                kazakh.then(|| "kazakhstan".to_string())
            }
            [(only, _)] => Some((*only).clone()),
            [(first, n1), (_, n2), ..] => (*n1 >= 2 * *n2).then(|| (*first).clone()),
        }
    }
}

/// Extracts everything from one document.
pub fn extract(doc: Doc, lex: &Lexicon, rules: &[rules::Rule]) -> Extraction {
    extract_with(doc, lex, rules, false)
}

/// Extracts everything, and with `trace` each sentence's symbols as text
/// (`Extraction::symbols`, for `extract --format tags`).
pub fn extract_with(doc: Doc, lex: &Lexicon, rules: &[rules::Rule], trace: bool) -> Extraction {
    let published = doc
        .published
        .clone()
        .or_else(|| dates::published(&doc.text, lex));
    let mut doc = doc;
    doc.published = published;
    let lower: String = doc.norm[..doc.body_end]
        .iter()
        .flat_map(|c| c.to_lowercase().next())
        .collect();
    let dates = dates::find(&lower, lex, doc.published.as_deref());

    let mut cache = symbols::LemmaCache;
    let body: Vec<usize> = (0..doc.sentences.len())
        .filter(|&i| doc.sentences[i].start < doc.body_end)
        .collect();
    // Pass 1: gazetteer and names, and what the article is about.
    let mut rows: Vec<Vec<symbols::Sym>> = Vec::with_capacity(body.len());
    let mut ctx = Context::default();
    for &si in &body {
        let row = symbols::tag(&doc, si, lex, &mut cache, &dates);
        symbols::count(&row, lex, &mut ctx);
        rows.push(row);
    }
    symbols::propagate_names(&mut rows);
    // Pass 2: units, organizations, posts.
    let mut out = Extraction {
        doc,
        mentions: vec![],
        dates,
        roles: vec![],
        posts: vec![],
        events: vec![],
        tags: vec![],
        symbols: vec![],
    };
    let mut last_person: Option<Key> = None;
    let mut last_unit: Option<Key> = None;
    let mut admitted: Option<posts::Admission> = None;
    let mut elected_body: Option<Key> = None;
    let mut sentence_syms = Vec::with_capacity(rows.len());
    for (row, &si) in rows.into_iter().zip(&body) {
        // The posts this sentence adds, the only ones its role phrases touch.
        let first_post = out.posts.len();
        let row = symbols::build(row, &out.doc, lex, &ctx, rules, &mut last_unit);
        posts::posts(&row, si, lex, &ctx, rules, &mut out, &mut last_person);
        admitted = posts::council_admissions(&row, si, &ctx, admitted.take(), &mut out);
        posts::mandates(&row, si, &mut elected_body, &mut out);
        let mut row = row;
        let held = &out.posts[first_post..];
        // A party news article's own country: its president's title is a
        // post of that country (Kazakhstan, when it names no other clearly).
        let home = (!ctx.party_counts.is_empty())
            .then(|| ctx.country(lex).unwrap_or_else(|| "kazakhstan".into()));
        for (old, end, new) in posts::role_phrases(&mut row, &out.doc, rules, held, home.as_deref())
        {
            for p in out.posts[first_post..]
                .iter_mut()
                .filter(|p| p.role_span == (old, end))
            {
                p.role_span.0 = new;
            }
        }
        posts::collect_mentions(&row, &mut out.mentions, &mut out.roles);
        if let Some(p) = row.iter().rev().find_map(|s| match &s.key {
            Some(k @ Key::Person(_)) => Some(k.clone()),
            _ => None,
        }) {
            last_person = Some(p);
        }
        sentence_syms.push((si, row));
    }
    posts::reported_starts(&mut out.posts);
    link_role_holders(&mut out);
    events::find(&sentence_syms, lex, &ctx, rules, &mut out);
    out.symbols = sentence_syms
        .iter()
        .filter(|_| trace)
        .map(|(_, row)| {
            row.iter()
                .map(|s| {
                    let words = out.doc.slice(s.start, s.end);
                    // Printed on a terminal: control characters as escapes.
                    let words = crate::text::escape_controls(&words);
                    format!("{}/{}«{words}»", s.tag, s.case.code())
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    out.tags = sentence_syms
        .iter()
        .flat_map(|(_, row)| row.iter().map(|s| s.tag.clone()))
        .collect();
    out
}

/// A role word that names no holder in its own sentence refers to the one
/// person the article gave that role before it, if there is exactly one.
fn link_role_holders(out: &mut Extraction) {
    let held: std::collections::HashSet<usize> = out.posts.iter().map(|p| p.role_span.1).collect();
    // The posts of each role (and of each role and body, and of each role in
    // a party), by where their evidence ends.
    let mut by_role: HashMap<&str, Holders> = HashMap::new();
    let mut by_org: HashMap<(&str, &Key), Holders> = HashMap::new();
    let mut by_party: HashMap<&str, Holders> = HashMap::new();
    for p in &out.posts {
        let at = (p.evidence.1, &p.person);
        by_role.entry(&p.role).or_default().0.push(at);
        by_org.entry((&p.role, &p.org)).or_default().0.push(at);
        if matches!(p.org, Key::Party(_)) {
            by_party.entry(&p.role).or_default().0.push(at);
        }
    }
    for h in by_role
        .values_mut()
        .chain(by_org.values_mut())
        .chain(by_party.values_mut())
    {
        h.index();
    }
    let mut found = Vec::with_capacity(out.roles.len());
    for r in &out.roles {
        if held.contains(&r.end) {
            found.push(None);
            continue;
        }
        let role = r.role.as_str();
        let holders = match &r.owner {
            Owner::None => by_role.get(role),
            Owner::Key(k) => by_org.get(&(role, k)),
            Owner::AnyParty => by_party.get(role),
            Owner::Unknown => None,
        };
        found.push(holders.and_then(|h| h.sole_before(r.start)).cloned());
    }
    for (r, holder) in out.roles.iter_mut().zip(found) {
        if holder.is_some() {
            r.holder = holder;
        }
    }
}

/// The holders of a post as the article names them: (where the evidence
/// ends, who), sorted, and how many of the first name one person.
#[derive(Default)]
struct Holders<'a>(Vec<(usize, &'a Key)>, usize);

impl<'a> Holders<'a> {
    fn index(&mut self) {
        self.0.sort_by_key(|h| h.0);
        let first = self.0.first().map(|h| h.1);
        self.1 = self
            .0
            .iter()
            .position(|h| Some(h.1) != first)
            .unwrap_or(self.0.len());
    }

    /// The one person named in every post whose evidence ends by `at`.
    fn sole_before(&self, at: usize) -> Option<&'a Key> {
        let n = self.0.partition_point(|h| h.0 <= at);
        (n > 0 && n <= self.1).then(|| self.0[0].1)
    }
}
