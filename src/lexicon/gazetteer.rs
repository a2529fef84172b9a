//! The gazetteer: every name, role word, level word, cue and event word of
//! the lexicon as a sequence of lemma keys, matched against the lemma
//! candidates of the text's words. A word matches a phrase word when their
//! candidate sets meet, so Казахстанской партии matches Казахстанская партия.
//! A form written with a capital needs a capital in the text.

use super::morph::{Case, Lemma, Morphology};
use super::{Org, Party, Place, SeedError, Table};
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

/// What a matched phrase is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tag {
    Party(usize),
    Place(usize),
    Org(usize),
    OrgHead {
        kind: String,
        after: bool,
        /// The language whose word order the head is read in.
        lang: String,
    },
    Role(String),
    Level {
        level: String,
        adj: bool,
        head: bool,
    },
    Cue(String),
    Event(String),
}

impl Tag {
    /// Which tag wins when two phrases of one length match the same words.
    fn priority(&self) -> u8 {
        match self {
            Tag::Party(_) => 0,
            Tag::Org(_) => 1,
            Tag::Role(_) => 2,
            Tag::Place(_) => 3,
            Tag::Event(_) => 4,
            Tag::Level { .. } => 5,
            Tag::Cue(_) => 6,
            Tag::OrgHead { .. } => 7,
        }
    }

    /// Whether a lemma reached through a derivational ending may match.
    fn derived_ok(&self) -> bool {
        matches!(
            self,
            Tag::Role(_) | Tag::Level { .. } | Tag::Cue(_) | Tag::Event(_) | Tag::OrgHead { .. }
        )
    }
}

#[derive(Debug)]
struct Phrase {
    words: Vec<Vec<String>>,
    caps: Vec<bool>,
    tag: Tag,
    /// Matches only the words as written (verb forms: сайланды, избран).
    exact_only: bool,
}

/// A phrase found in a run of words.
#[derive(Clone, Debug)]
pub struct Hit {
    /// Number of words covered.
    pub len: usize,
    pub tag: Tag,
    /// Case of the last word.
    pub case: Case,
    /// Every word matched as written, without stripping an ending.
    pub exact: bool,
    /// Endings stripped to match, over all words: fewer is more specific.
    pub depth: u8,
    /// A derivational ending was stripped (президенттік, депутаттар):
    /// the words speak of the post, they do not name one.
    pub derived: bool,
}

/// A word of the text as the gazetteer sees it.
pub struct WordView<'a> {
    pub lemmas: &'a [Lemma],
    pub cap: bool,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    phrases: Vec<Phrase>,
    index: HashMap<String, Vec<usize>>,
    /// First words of phrases as written.
    firsts: FxHashSet<String>,
}

/// Keys of a lemma set worth comparing: the word itself, and candidates of
/// three letters or more.
fn keys(lemmas: &[Lemma]) -> impl Iterator<Item = &Lemma> {
    lemmas
        .iter()
        .filter(|l| l.depth == 0 || l.text.chars().count() >= 3)
}

impl Gazetteer {
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        morph: &Morphology,
        parties: &[Party],
        places: &[Place],
        orgs: &[Org],
        heads: &Table,
        roles: &Table,
        levels: &Table,
        cues: &Table,
        events: &Table,
    ) -> Result<Gazetteer, SeedError> {
        let mut g = Gazetteer::default();
        for (i, p) in parties.iter().enumerate() {
            for f in &p.forms {
                g.add(morph, f, Tag::Party(i));
            }
        }
        for (i, p) in places.iter().enumerate() {
            for f in &p.forms {
                g.add(morph, f, Tag::Place(i));
            }
        }
        for (i, o) in orgs.iter().enumerate() {
            for f in &o.forms {
                g.add(morph, f, Tag::Org(i));
            }
        }
        for row in &heads.rows {
            let [head, kind, pos, lang] = row.cols::<4>()?;
            g.add(
                morph,
                head,
                Tag::OrgHead {
                    kind: kind.into(),
                    after: pos == "after",
                    lang: lang.into(),
                },
            );
        }
        for row in &roles.rows {
            let [key, lang, words] = row.cols::<3>()?;
            if !matches!(lang, "kk" | "ru" | "en") {
                return Err(row.error(format!("language must be kk, ru or en, not {lang:?}")));
            }
            g.add(morph, words, Tag::Role(key.into()));
        }
        for row in &levels.rows {
            let [level, words, use_] = row.cols::<3>()?;
            let (adj, head) = match use_ {
                "adj" => (true, false),
                "head" => (false, true),
                "both" => (true, true),
                _ => return Err(row.error(format!("use must be adj, head or both, not {use_:?}"))),
            };
            g.add(
                morph,
                words,
                Tag::Level {
                    level: level.into(),
                    adj,
                    head,
                },
            );
        }
        for row in &cues.rows {
            let [tag, words, mode] = row.cols::<3>()?;
            if !tag.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(row.error(format!("a cue tag is upper-case ASCII, not {tag:?}")));
            }
            let exact = match mode {
                "exact" => true,
                "inflected" => false,
                _ => {
                    return Err(row.error(format!("match must be exact or inflected, not {mode:?}")))
                }
            };
            g.add(morph, words, Tag::Cue(tag.into()));
            if let Some(last) = g.phrases.last_mut() {
                last.exact_only = exact;
            }
        }
        for row in &events.rows {
            let [ty, words, mode] = row.cols::<3>()?;
            let exact = match mode {
                "exact" => true,
                "inflected" => false,
                _ => {
                    return Err(row.error(format!("match must be exact or inflected, not {mode:?}")))
                }
            };
            if !EVENT_TYPES.contains(&ty) {
                return Err(row.error(format!("unknown event type {ty:?}")));
            }
            g.add(morph, words, Tag::Event(ty.into()));
            if let Some(last) = g.phrases.last_mut() {
                last.exact_only = exact;
            }
        }
        Ok(g)
    }

    fn add(&mut self, morph: &Morphology, form: &str, tag: Tag) {
        let words: Vec<&str> = form
            .split(|c: char| c.is_whitespace() || matches!(c, '«' | '»' | '“' | '”' | '"'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return;
        }
        let caps = words
            .iter()
            .map(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        let words: Vec<Vec<String>> = words
            .iter()
            .map(|w| {
                // A name's words are keyed by their inflections only: the
                // derived stem of "министрлігі" (ministry) is "министр" (minister).
                let lemmas = morph.analyze(&w.to_lowercase());
                // The form as written, and its one-step lemmas of four letters
                // or more (Казахстанская → казахстанский), not deeper ones:
                // "Канада" stripped twice is "кан".
                let mut k: Vec<String> = keys(&lemmas)
                    .filter(|l| l.depth == 0 || (l.depth == 1 && l.text.chars().count() >= 4))
                    .filter(|l| !l.derived || tag.derived_ok())
                    .map(|l| l.text.clone())
                    .collect();
                k.dedup();
                k
            })
            .collect();
        let idx = self.phrases.len();
        if let Some(first) = words[0].first() {
            self.firsts.insert(first.clone());
        }
        for k in &words[0] {
            let v = self.index.entry(k.clone()).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
        }
        self.phrases.push(Phrase {
            words,
            caps,
            tag,
            exact_only: false,
        });
    }

    /// Every phrase that starts at word `i`, longest first.
    pub fn hits_at(&self, words: &[WordView], i: usize) -> Vec<Hit> {
        let mut cands: Vec<usize> = Vec::new();
        for l in keys(words[i].lemmas) {
            if let Some(v) = self.index.get(&l.text) {
                for &p in v {
                    if !cands.contains(&p) {
                        cands.push(p);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for p in cands {
            let ph = &self.phrases[p];
            if i + ph.words.len() > words.len() {
                continue;
            }
            let mut case = Case::Nom;
            let mut exact = true;
            let mut depth = 0u8;
            let mut derived = false;
            let ok = ph.words.iter().enumerate().all(|(j, want)| {
                let w = &words[i + j];
                if ph.caps[j] && !w.cap {
                    return false;
                }
                // want[0] is the phrase's word as written. When both sides had
                // endings stripped, the stem they share must be long enough to
                // mean something (Жақында and Жақсы share only "жақ").
                let fits = |l: &&Lemma| {
                    want.contains(&l.text)
                        && (l.depth == 0 || l.text == want[0] || l.text.chars().count() >= 5)
                        && (!l.derived || ph.tag.derived_ok())
                        && (!ph.exact_only || (l.depth == 0 && l.text == want[0]))
                };
                match keys(w.lemmas).find(fits) {
                    Some(l) => {
                        case = l.case;
                        exact &= l.depth == 0;
                        depth += l.depth;
                        derived |= l.derived;
                        true
                    }
                    None => false,
                }
            });
            if ok {
                out.push(Hit {
                    len: ph.words.len(),
                    tag: ph.tag.clone(),
                    case,
                    exact,
                    depth,
                    derived,
                });
            }
        }
        out.sort_by_key(|h| {
            (
                std::cmp::Reverse(h.len),
                !h.exact,
                h.depth,
                h.tag.priority(),
            )
        });
        out
    }
}

impl Gazetteer {
    /// Whether a word, as written, starts some phrase of the gazetteer.
    pub fn knows(&self, word: &str) -> bool {
        self.firsts.contains(word)
    }
}

/// The event types of `events.tsv`, as the graph and the CLI name them.
pub const EVENT_TYPES: [&str; 9] = [
    "Conference",
    "Congress",
    "CouncilSession",
    "Meeting",
    "Visit",
    "Registration",
    "Founding",
    "Renaming",
    "Merger",
];
