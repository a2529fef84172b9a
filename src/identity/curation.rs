//! Corrections a person makes to the graph, kept as a reviewable text file
//! (`seeds/curation.toml`, more with `--curation FILE`) and applied on
//! every build:
//!
//! ```toml
//! [[merge]]            # these ids are one person
//! ids = ["person:amirtaev-azat", "person:amirtaev-azamathan"]
//! why = "Азат is how Russian-language releases shorten Азаматхан"
//!
//! [[split]]            # never merge these
//! ids = ["person:tashibaev-murat", "person:tashibaev-marat"]
//! why = "two people: the mandate commission's chair and the party chair's advisor"
//!
//! [[name]]             # the canonical name to print
//! id = "person:amirtaev-azamathan"
//! name = "Азаматхан Әміртаев"
//!
//! [[drop]]             # a post the articles got wrong
//! person = "person:x"
//! role = "chair"
//! org = "party:y"
//! why = "misread: he chaired the session, not the party"
//! ```

use crate::lexicon::SeedError;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curation {
    #[serde(default)]
    pub merge: Vec<Group>,
    #[serde(default)]
    pub split: Vec<Group>,
    #[serde(default)]
    pub name: Vec<NameFix>,
    #[serde(default)]
    pub drop: Vec<DropPost>,
    /// Where each entry came from, for `why`.
    #[serde(skip)]
    pub file: String,
    /// For each id, the indices of the `split` groups that name it, ascending.
    #[serde(skip)]
    splits_of: HashMap<String, Vec<usize>>,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub ids: Vec<String>,
    #[serde(default)]
    pub why: String,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameFix {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub why: String,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropPost {
    pub person: String,
    pub role: String,
    pub org: String,
    #[serde(default)]
    pub why: String,
}

const KINDS: &[&str] = &["person:", "party:", "unit:", "org:", "place:"];

impl Curation {
    /// Reads a curation file; a bad entry is an error with its file and line.
    pub fn parse(file: &str, text: &str) -> Result<Curation, SeedError> {
        let line_of = |byte: usize| text[..byte.min(text.len())].lines().count().max(1);
        let mut c: Curation = toml::from_str(text).map_err(|e| SeedError::Curation {
            file: file.to_string(),
            line: e.span().map(|s| line_of(s.start)).unwrap_or(0),
            message: e.message().to_string(),
        })?;
        c.file = file.to_string();
        c.index_splits(0);
        let bad_id = |id: &str| !KINDS.iter().any(|k| id.starts_with(k)) || id.contains(' ');
        let at = |needle: &str| text.find(needle).map(line_of).unwrap_or(0);
        let ids = c
            .merge
            .iter()
            .chain(&c.split)
            .flat_map(|g| g.ids.iter())
            .chain(c.name.iter().map(|n| &n.id))
            .chain(c.drop.iter().flat_map(|d| [&d.person, &d.org]));
        for id in ids {
            if bad_id(id) {
                return Err(SeedError::Curation {
                    file: file.to_string(),
                    line: at(id),
                    message: format!(
                        "{id:?} is not an entity id (person:…, party:…, unit:…, org:…, place:…)"
                    ),
                });
            }
        }
        for g in c.merge.iter().chain(&c.split) {
            if g.ids.len() < 2 {
                return Err(SeedError::Curation {
                    file: file.to_string(),
                    line: g.ids.first().map(|i| at(i)).unwrap_or(0),
                    message: "a merge or split names at least two ids".into(),
                });
            }
        }
        Ok(c)
    }

    /// Indexes the split groups from `from` on by the ids they name.
    fn index_splits(&mut self, from: usize) {
        for (g, group) in self.split.iter().enumerate().skip(from) {
            for id in &group.ids {
                let v = self.splits_of.entry(id.clone()).or_default();
                if v.last() != Some(&g) {
                    v.push(g);
                }
            }
        }
    }

    /// Adds the entries of another file; they apply after these.
    pub fn extend(&mut self, other: Curation) {
        let from = self.split.len();
        self.merge.extend(other.merge);
        self.split.extend(other.split);
        self.index_splits(from);
        self.name.extend(other.name);
        self.drop.extend(other.drop);
        if !other.file.is_empty() {
            self.file = if self.file.is_empty() {
                other.file
            } else {
                format!("{}, {}", self.file, other.file)
            };
        }
    }

    /// Whether a split entry names both ids (two different ones).
    pub fn is_split(&self, a: &str, b: &str) -> bool {
        let (Some(ga), Some(gb)) = (self.splits_of.get(a), self.splits_of.get(b)) else {
            return false;
        };
        a != b && ga.iter().any(|g| gb.binary_search(g).is_ok())
    }

    /// The ids a split entry keeps apart from `id`.
    pub fn split_from<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.splits_of
            .get(id)
            .into_iter()
            .flatten()
            .flat_map(move |&g| self.split[g].ids.iter().filter(move |x| *x != id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_parse_and_bad_ones_name_their_line() {
        let c = Curation::parse(
            "c.toml",
            "[[merge]]\nids = [\"person:a-b\", \"person:a-c\"]\nwhy = \"same\"\n\n[[split]]\nids = [\"person:x\", \"person:y\"]\n",
        )
        .unwrap();
        assert_eq!(c.merge.len(), 1);
        assert!(c.is_split("person:y", "person:x"));
        let e = Curation::parse("c.toml", "[[merge]]\nids = [\"person:a\", \"Amirtai\"]\n")
            .unwrap_err();
        assert_eq!(e.line(), 2, "{}", e.message());
        let e = Curation::parse("c.toml", "\n[[merge]]\nidz = [\"person:a\"]\n").unwrap_err();
        assert!(e.line() >= 2, "{e:?}");
    }
}
