//! Stage 3, lexicon: the gazetteers, cue words and morphology tables under
//! `seeds/`, loaded strictly (a bad row is an error naming file and line) and
//! compiled into a [`Gazetteer`] that matches lemma sequences, so that
//! «AMANAT»-тың, Түркістан облыстық and Алматинского городского all match.
//!
//! The seeds are compiled into the binary; `--seeds DIR` reads them from a
//! folder instead, for editing without rebuilding.

pub mod gazetteer;
pub mod morph;

pub use gazetteer::{Gazetteer, Tag};
pub use morph::{Case, Lemma, Morphology};

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// A seed file that could not be read or has a bad row.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct SeedError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The seed files, as compiled into the binary.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "lexicons/parties.tsv",
        include_str!("../../seeds/lexicons/parties.tsv"),
    ),
    (
        "lexicons/places.tsv",
        include_str!("../../seeds/lexicons/places.tsv"),
    ),
    (
        "lexicons/organizations.tsv",
        include_str!("../../seeds/lexicons/organizations.tsv"),
    ),
    (
        "lexicons/org_heads.tsv",
        include_str!("../../seeds/lexicons/org_heads.tsv"),
    ),
    (
        "lexicons/roles.tsv",
        include_str!("../../seeds/lexicons/roles.tsv"),
    ),
    (
        "lexicons/levels.tsv",
        include_str!("../../seeds/lexicons/levels.tsv"),
    ),
    (
        "lexicons/cues.tsv",
        include_str!("../../seeds/lexicons/cues.tsv"),
    ),
    (
        "lexicons/events.tsv",
        include_str!("../../seeds/lexicons/events.tsv"),
    ),
    (
        "lexicons/months.tsv",
        include_str!("../../seeds/lexicons/months.tsv"),
    ),
    (
        "lexicons/date_cues.tsv",
        include_str!("../../seeds/lexicons/date_cues.tsv"),
    ),
    (
        "lexicons/given_names.tsv",
        include_str!("../../seeds/lexicons/given_names.tsv"),
    ),
    (
        "lexicons/surname_shapes.tsv",
        include_str!("../../seeds/lexicons/surname_shapes.tsv"),
    ),
    (
        "lexicons/boilerplate.tsv",
        include_str!("../../seeds/lexicons/boilerplate.tsv"),
    ),
    (
        "lexicons/stopwords.tsv",
        include_str!("../../seeds/lexicons/stopwords.tsv"),
    ),
    (
        "lexicons/local_bodies.tsv",
        include_str!("../../seeds/lexicons/local_bodies.tsv"),
    ),
    (
        "lexicons/abbreviations.tsv",
        include_str!("../../seeds/lexicons/abbreviations.tsv"),
    ),
    (
        "morphology/kk_suffixes.tsv",
        include_str!("../../seeds/morphology/kk_suffixes.tsv"),
    ),
    (
        "morphology/kk_alternations.tsv",
        include_str!("../../seeds/morphology/kk_alternations.tsv"),
    ),
    (
        "morphology/ru_endings.tsv",
        include_str!("../../seeds/morphology/ru_endings.tsv"),
    ),
    (
        "morphology/plural.tsv",
        include_str!("../../seeds/morphology/plural.tsv"),
    ),
    (
        "morphology/prefixes.tsv",
        include_str!("../../seeds/morphology/prefixes.tsv"),
    ),
    (
        "rules/units.rules",
        include_str!("../../seeds/rules/units.rules"),
    ),
    (
        "rules/posts_kk.rules",
        include_str!("../../seeds/rules/posts_kk.rules"),
    ),
    (
        "rules/posts_ru.rules",
        include_str!("../../seeds/rules/posts_ru.rules"),
    ),
    (
        "rules/posts_en.rules",
        include_str!("../../seeds/rules/posts_en.rules"),
    ),
    (
        "rules/roles.rules",
        include_str!("../../seeds/rules/roles.rules"),
    ),
    (
        "rules/events.rules",
        include_str!("../../seeds/rules/events.rules"),
    ),
    ("curation.toml", include_str!("../../seeds/curation.toml")),
];

/// Where seed files come from.
#[derive(Clone, Debug, Default)]
pub enum SeedSource {
    #[default]
    Embedded,
    Dir(PathBuf),
}

impl SeedSource {
    /// The text of one seed file, by its path under `seeds/`.
    pub fn read(&self, rel: &str) -> Result<(String, String), SeedError> {
        match self {
            SeedSource::Embedded => EMBEDDED
                .iter()
                .find(|(p, _)| *p == rel)
                .map(|(p, t)| (format!("seeds/{p}"), t.to_string()))
                .ok_or_else(|| SeedError {
                    file: format!("seeds/{rel}"),
                    line: 0,
                    message: "not compiled in".into(),
                }),
            SeedSource::Dir(dir) => {
                let path = dir.join(rel);
                std::fs::read_to_string(&path)
                    .map(|t| (path.display().to_string(), t))
                    .map_err(|e| SeedError {
                        file: path.display().to_string(),
                        line: 0,
                        message: e.to_string(),
                    })
            }
        }
    }
}

/// One data row of a TSV seed file.
#[derive(Clone, Debug)]
pub struct Row {
    pub file: String,
    pub line: usize,
    pub cols: Vec<String>,
}

impl Row {
    /// Exactly `N` columns (an empty trailing column counts).
    pub fn cols<const N: usize>(&self) -> Result<[&str; N], SeedError> {
        if self.cols.len() != N {
            return Err(self.error(format!(
                "expected {N} tab-separated columns, found {}",
                self.cols.len()
            )));
        }
        Ok(std::array::from_fn(|i| self.cols[i].as_str()))
    }

    pub fn error(&self, message: String) -> SeedError {
        SeedError {
            file: self.file.clone(),
            line: self.line,
            message,
        }
    }
}

/// A TSV seed file: its rows and the examples in its header comments.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub file: String,
    pub rows: Vec<Row>,
    /// `(must_match, text, line)` from `# example+:` and `# example-:` lines.
    pub examples: Vec<(bool, String, usize)>,
}

impl Table {
    pub fn parse(file: &str, text: &str) -> Table {
        let mut t = Table {
            file: file.to_string(),
            ..Default::default()
        };
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if let Some(rest) = line.strip_prefix('#') {
                let rest = rest.trim();
                for (prefix, positive) in [("example+:", true), ("example-:", false)] {
                    if let Some(ex) = rest.strip_prefix(prefix) {
                        for part in ex.split(" ; ") {
                            t.examples
                                .push((positive, part.trim().to_string(), line_no));
                        }
                    }
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let cols = line.split('\t').map(|c| c.trim().to_string()).collect();
            t.rows.push(Row {
                file: file.to_string(),
                line: line_no,
                cols,
            });
        }
        t
    }
}

/// When a surname shape alone makes a capitalized word a surname.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alone {
    Yes,
    MidSentence,
    No,
}

/// A party of the gazetteer.
#[derive(Clone, Debug)]
pub struct Party {
    pub id: String,
    pub labels: [String; 3],
    pub forms: Vec<String>,
    pub former: Vec<(String, String)>,
}

/// A place of the gazetteer.
#[derive(Clone, Debug)]
pub struct Place {
    pub id: String,
    pub kind: String,
    pub parent: Option<String>,
    pub iso: Option<String>,
    pub labels: [String; 3],
    pub forms: Vec<String>,
}

impl Place {
    /// The name a person would write, in a language (0 kk, 1 ru, 2 en):
    /// regions and districts with their head noun (Түркістан облысы,
    /// Карагандинская область, Syrdariya district), others bare.
    pub fn display(&self, lang: usize) -> String {
        let bare = &self.labels[lang.min(2)];
        let adj = self
            .forms
            .last()
            .filter(|f| f.chars().next().is_some_and(char::is_lowercase) && f.ends_with("ский"));
        let cap = |s: &str| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        match (self.kind.as_str(), lang) {
            ("region", 0) => format!("{bare} облысы"),
            ("region", 1) => match adj {
                Some(a) => format!("{}ая область", cap(a.trim_end_matches("ий"))),
                None => format!("{bare} область"),
            },
            ("region", _) => format!("{bare} region"),
            ("district", 0) => format!("{bare} ауданы"),
            ("district", 1) => match adj {
                Some(a) => format!("{} район", cap(a)),
                None => format!("{bare} район"),
            },
            ("district", _) => format!("{bare} district"),
            _ => bare.clone(),
        }
    }
}

/// A named organization of the gazetteer.
#[derive(Clone, Debug)]
pub struct Org {
    pub id: String,
    pub kind: String,
    pub labels: [String; 3],
    pub forms: Vec<String>,
}

/// Everything read from `seeds/`.
pub struct Lexicon {
    /// Unique per loaded lexicon in this process (keys caches).
    pub id: u64,
    /// Identity corrections of `curation.toml` (and `--curation` files).
    pub curation: crate::identity::curation::Curation,
    pub parties: Vec<Party>,
    pub places: Vec<Place>,
    pub orgs: Vec<Org>,
    /// (head lemma, kind, head follows the name, language)
    pub org_heads: Vec<(String, String, bool, String)>,
    pub months: HashMap<String, u32>,
    pub date_cues: DateCues,
    /// translit key -> gender
    pub given: HashMap<String, char>,
    /// lowercase name as written -> gender, the fast path for Cyrillic words
    pub given_lower: HashMap<String, char>,
    /// (ending, is patronymic, gender, when enough alone)
    pub surname_shapes: Vec<(String, bool, char, Alone)>,
    /// (language, plural ending)
    plurals: Vec<(String, String)>,
    /// (hyphenated prefix, status it gives a post): экс- → former
    pub prefixes: Vec<(String, String)>,
    separators: Vec<String>,
    timewords: Vec<String>,
    pub stopwords: HashSet<String>,
    /// cue tag -> (id suffix, display word in kk, ru, en)
    pub local_bodies: HashMap<String, (String, [String; 3])>,
    abbreviations: HashSet<String>,
    pub morph: Morphology,
    pub gazetteer: Gazetteer,
    /// Every table, for `check`.
    pub tables: Vec<Table>,
    /// (rules file, text)
    pub rule_files: Vec<(String, String)>,
}

/// The words dates are read with (`lexicons/date_cues.tsv`), lowercase.
#[derive(Clone, Debug, Default)]
pub struct DateCues {
    /// Words that introduce a publication date (published, опубликовано).
    pub labels: Vec<String>,
    /// Words that put a sentence in the future; a trailing `*` matches any ending.
    pub future: Vec<String>,
    /// English month words that are also ordinary words (may, march).
    pub ambiguous: Vec<String>,
    /// Words that make an ambiguous month word a month (on May 3).
    pub before: Vec<String>,
    /// Words that name the year last written (сол жылы, that year).
    pub that_year: Vec<String>,
    /// English nouns that, after a four-digit number, make it a count (2000
    /// people), not a year.
    pub counted: Vec<String>,
    /// Words naming a day, month or year from the publication date, with
    /// the distance and its unit: `d`, `m` or `y` (вчера -1 d, last year -1 y).
    pub relative: Vec<(String, i64, char)>,
    /// Weekday names with their number, Monday 1.
    pub weekdays: Vec<(String, u32)>,
    /// Words before a weekday that mean the last one (прошлую, өткен).
    pub last: Vec<String>,
    /// Words before a weekday that mean the next one (next, келесі).
    pub next: Vec<String>,
}

impl DateCues {
    fn load(t: &Table) -> Result<DateCues, SeedError> {
        let mut c = DateCues::default();
        for row in &t.rows {
            let [kind, value, text] = row.cols::<3>()?;
            let text = text.to_lowercase();
            match kind {
                "label" => c.labels.push(text),
                "future" => c.future.push(text),
                "ambiguous" => c.ambiguous.push(text),
                "before" => c.before.push(text),
                "that_year" => c.that_year.push(text),
                "counted" => c.counted.push(text),
                "last" => c.last.push(text),
                "next" => c.next.push(text),
                "relative" => {
                    let unit = value.chars().last().filter(|u| "dmy".contains(*u));
                    let n = value[..value.len().saturating_sub(1)].parse().ok();
                    let (Some(unit), Some(n)) = (unit, n) else {
                        return Err(row.error(format!(
                            "value must be a number of days, months or years (-1d, 0y), not {value:?}"
                        )));
                    };
                    c.relative.push((text, n, unit));
                }
                "weekday" => {
                    let n = value.parse().ok().filter(|n| (1..=7).contains(n));
                    let n = n.ok_or_else(|| row.error(format!("weekday must be 1 to 7, not {value:?}")))?;
                    c.weekdays.push((text, n));
                }
                _ => {
                    return Err(row.error(format!(
                        "kind must be label, future, ambiguous, before, that_year, counted, relative, weekday, last or next, not {kind:?}"
                    )))
                }
            }
        }
        Ok(c)
    }
}

fn labels(row: &Row, kk: &str, ru: &str, en: &str) -> Result<[String; 3], SeedError> {
    if kk.is_empty() || ru.is_empty() || en.is_empty() {
        return Err(row.error("kk, ru and en labels are required".into()));
    }
    Ok([kk.to_string(), ru.to_string(), en.to_string()])
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty() && *x != "-")
        .map(String::from)
        .collect()
}

impl Lexicon {
    /// Loads and validates every seed file.
    pub fn load(src: &SeedSource) -> Result<Lexicon, SeedError> {
        let table = |rel: &str| -> Result<Table, SeedError> {
            let (file, text) = src.read(rel)?;
            Ok(Table::parse(&file, &text))
        };
        let t_parties = table("lexicons/parties.tsv")?;
        let t_places = table("lexicons/places.tsv")?;
        let t_orgs = table("lexicons/organizations.tsv")?;
        let t_heads = table("lexicons/org_heads.tsv")?;
        let t_roles = table("lexicons/roles.tsv")?;
        let t_levels = table("lexicons/levels.tsv")?;
        let t_cues = table("lexicons/cues.tsv")?;
        let t_events = table("lexicons/events.tsv")?;
        let t_months = table("lexicons/months.tsv")?;
        let t_date_cues = table("lexicons/date_cues.tsv")?;
        let date_cues = DateCues::load(&t_date_cues)?;
        let t_given = table("lexicons/given_names.tsv")?;
        let t_shapes = table("lexicons/surname_shapes.tsv")?;
        let t_bp = table("lexicons/boilerplate.tsv")?;
        let t_stop = table("lexicons/stopwords.tsv")?;
        let t_bodies = table("lexicons/local_bodies.tsv")?;
        let mut local_bodies = HashMap::new();
        for row in &t_bodies.rows {
            let [tag, suffix, kk, ru, en] = row.cols::<5>()?;
            local_bodies.insert(
                tag.to_string(),
                (
                    suffix.to_string(),
                    [kk.to_string(), ru.to_string(), en.to_string()],
                ),
            );
        }
        let t_abbr = table("lexicons/abbreviations.tsv")?;
        let t_kk = table("morphology/kk_suffixes.tsv")?;
        let t_alt = table("morphology/kk_alternations.tsv")?;
        let t_ru = table("morphology/ru_endings.tsv")?;
        let t_plural = table("morphology/plural.tsv")?;
        let t_prefixes = table("morphology/prefixes.tsv")?;
        let mut prefixes = Vec::new();
        for row in &t_prefixes.rows {
            let [prefix, status] = row.cols::<2>()?;
            if !matches!(status, "current" | "start" | "end" | "former") {
                return Err(row.error(format!(
                    "status must be current, start, end or former, not {status:?}"
                )));
            }
            prefixes.push((prefix.to_string(), status.to_string()));
        }
        let mut plurals = Vec::new();
        for row in &t_plural.rows {
            let [lang, end] = row.cols::<2>()?;
            if !matches!(lang, "kk" | "ru" | "en") {
                return Err(row.error(format!("language must be kk, ru or en, not {lang:?}")));
            }
            plurals.push((lang.to_string(), end.to_string()));
        }
        let mut morph = Morphology::load(&t_kk, &t_alt, &t_ru)?;
        morph.set_prefixes(prefixes.iter().map(|p| p.0.clone()).collect());

        let mut parties = Vec::new();
        for row in &t_parties.rows {
            let [id, kk, ru, en, other, former] = row.cols::<6>()?;
            let mut forms = vec![kk.to_string(), ru.to_string(), en.to_string()];
            forms.extend(list(other));
            let mut fm = Vec::new();
            for f in list(former) {
                let (name, date) = f
                    .split_once('@')
                    .ok_or_else(|| row.error(format!("former name {f:?} needs @YYYY-MM-DD")))?;
                if !is_iso_date(date) {
                    return Err(row.error(format!("bad date {date:?} in former name")));
                }
                forms.push(name.to_string());
                fm.push((name.to_string(), date.to_string()));
            }
            parties.push(Party {
                id: id.into(),
                labels: labels(row, kk, ru, en)?,
                forms,
                former: fm,
            });
        }
        let mut places = Vec::new();
        for row in &t_places.rows {
            let [id, kind, parent, iso, kk, ru, en, other, adj] = row.cols::<9>()?;
            if !matches!(
                kind,
                "country"
                    | "region"
                    | "city"
                    | "district"
                    | "village"
                    | "lake"
                    | "river"
                    | "sea"
                    | "mountains"
                    | "continent"
                    | "other"
            ) {
                return Err(row.error(format!("unknown place kind {kind:?}")));
            }
            let mut forms = vec![kk.to_string(), ru.to_string(), en.to_string()];
            forms.extend(list(other));
            forms.extend(list(adj));
            places.push(Place {
                id: id.into(),
                kind: kind.into(),
                parent: (parent != "-").then(|| parent.to_string()),
                iso: (iso != "-").then(|| iso.to_string()),
                labels: labels(row, kk, ru, en)?,
                forms,
            });
        }
        for p in &places {
            if let Some(parent) = &p.parent {
                if !places.iter().any(|q| &q.id == parent) {
                    let row = t_places
                        .rows
                        .iter()
                        .find(|r| r.cols[0] == p.id)
                        .expect("row of place");
                    return Err(row.error(format!("parent {parent:?} is not a place of this file")));
                }
            }
        }
        let mut orgs = Vec::new();
        for row in &t_orgs.rows {
            let [id, kind, kk, ru, en, other] = row.cols::<6>()?;
            let mut forms = vec![kk.to_string(), ru.to_string(), en.to_string()];
            forms.extend(list(other));
            orgs.push(Org {
                id: id.into(),
                kind: kind.into(),
                labels: labels(row, kk, ru, en)?,
                forms,
            });
        }
        let mut org_heads = Vec::new();
        for row in &t_heads.rows {
            let [head, kind, pos, lang] = row.cols::<4>()?;
            if !matches!(pos, "after" | "before") {
                return Err(row.error(format!("position must be after or before, not {pos:?}")));
            }
            if !matches!(lang, "kk" | "ru" | "en") {
                return Err(row.error(format!("language must be kk, ru or en, not {lang:?}")));
            }
            org_heads.push((
                head.to_string(),
                kind.to_string(),
                pos == "after",
                lang.to_string(),
            ));
        }
        let mut months = HashMap::new();
        for row in &t_months.rows {
            let [n, name] = row.cols::<2>()?;
            let n: u32 = n
                .parse()
                .ok()
                .filter(|n| (1..=12).contains(n))
                .ok_or_else(|| row.error(format!("bad month {n:?}")))?;
            months.insert(name.to_lowercase(), n);
        }
        let mut given = HashMap::new();
        let mut given_lower = HashMap::new();
        for row in &t_given.rows {
            let [name, g] = row.cols::<2>()?;
            let g = match g {
                "m" => 'm',
                "f" => 'f',
                _ => return Err(row.error(format!("gender must be m or f, not {g:?}"))),
            };
            given.insert(crate::text::translit::key(name), g);
            given_lower.insert(name.to_lowercase(), g);
        }
        let mut surname_shapes = Vec::new();
        for row in &t_shapes.rows {
            let [end, kind, g, alone] = row.cols::<4>()?;
            if !matches!(kind, "surname" | "patronymic") {
                return Err(row.error(format!("kind must be surname or patronymic, not {kind:?}")));
            }
            let alone = match alone {
                "yes" => Alone::Yes,
                "mid" => Alone::MidSentence,
                "no" => Alone::No,
                _ => return Err(row.error(format!("alone must be yes, mid or no, not {alone:?}"))),
            };
            surname_shapes.push((
                end.to_string(),
                kind == "patronymic",
                g.chars().next().unwrap_or('-'),
                alone,
            ));
        }
        surname_shapes.sort_by_key(|s| std::cmp::Reverse(s.0.chars().count()));
        let (mut separators, mut timewords) = (Vec::new(), Vec::new());
        for row in &t_bp.rows {
            let [kind, text] = row.cols::<2>()?;
            match kind {
                "separator" => separators.push(text.to_string()),
                "timeword" => timewords.push(text.to_lowercase()),
                _ => {
                    return Err(
                        row.error(format!("kind must be separator or timeword, not {kind:?}"))
                    )
                }
            }
        }
        let one_col = |t: &Table| -> Result<HashSet<String>, SeedError> {
            t.rows
                .iter()
                .map(|r| r.cols::<1>().map(|[w]| w.to_lowercase()))
                .collect()
        };
        let stopwords = one_col(&t_stop)?;
        let abbreviations = one_col(&t_abbr)?;

        let gazetteer = Gazetteer::build(
            &morph, &parties, &places, &orgs, &t_heads, &t_roles, &t_levels, &t_cues, &t_events,
        )?;
        let mut rule_files = Vec::new();
        for rel in [
            "rules/units.rules",
            "rules/posts_kk.rules",
            "rules/posts_ru.rules",
            "rules/posts_en.rules",
            "rules/roles.rules",
            "rules/events.rules",
        ] {
            rule_files.push(src.read(rel)?);
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let (cfile, ctext) = src.read("curation.toml")?;
        let curation = crate::identity::curation::Curation::parse(&cfile, &ctext)?;
        Ok(Lexicon {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            curation,
            parties,
            places,
            orgs,
            org_heads,
            months,
            date_cues,
            given,
            given_lower,
            surname_shapes,
            plurals,
            prefixes,
            separators,
            timewords,
            stopwords,
            local_bodies,
            abbreviations,
            morph,
            gazetteer,
            tables: vec![
                t_parties,
                t_places,
                t_orgs,
                t_heads,
                t_roles,
                t_levels,
                t_cues,
                t_events,
                t_months,
                t_given,
                t_shapes,
                t_bp,
                t_stop,
                t_bodies,
                t_abbr,
                t_kk,
                t_alt,
                t_ru,
                t_plural,
                t_date_cues,
            ],
            rule_files,
        })
    }

    /// Whether a lowercase word is the plural of a stem in a language.
    pub fn is_plural(&self, lang: &str, stem: &str, word: &str) -> bool {
        let Some(rest) = word.strip_prefix(stem) else {
            return false;
        };
        self.plurals
            .iter()
            .filter(|(l, _)| l == lang)
            .any(|(l, end)| {
                if l == "kk" {
                    rest.starts_with(end.as_str())
                } else {
                    rest == end
                }
            })
    }

    /// The nominative of an inflected proper noun (Ташибаевтың → Ташибаев,
    /// Астанада → Астана, Базартайға → Базартай), keeping the text's case;
    /// nominatives that look inflected stay whole when a lexicon knows them
    /// (Қарағанды, Қызылорда). In order: the word or a lemma a gazetteer or the
    /// given names know; a lemma with a surname shape; the word without a case
    /// ending whose vowel agrees with the stem's last vowel.
    pub fn proper_lemma(&self, word: &str) -> String {
        let lower = crate::text::lower(word);
        let lemmas = self.morph.analyze(&lower);
        let known = |t: &str| self.gazetteer.knows(t) || self.given_lower.contains_key(t);
        let cased = |t: &str| crate::text::recase(word, t);
        if known(&lower) {
            return word.to_string();
        }
        let usable = || lemmas.iter().filter(|l| l.depth > 0 && !l.derived);
        if let Some(l) = usable().filter(|l| known(&l.text)).min_by_key(|l| l.depth) {
            return cased(&l.text);
        }
        // Plurals count here (Назарбаевтардың → Назарбаев): an adjective
        // ending does not leave a surname's shape behind.
        let shaped = lemmas.iter().filter(|l| {
            l.depth > 0 && l.depth <= 3 && self.surname_shape(&l.text).is_some_and(|s| !s.0)
        });
        if let Some(l) = shaped.min_by_key(|l| l.depth) {
            if self.surname_shape(&lower).is_none() {
                return cased(&l.text);
            }
        }
        let harmonic = |stem: &str| {
            let rest = &lower[stem.len()..];
            let class = |c: char| match c {
                'а' | 'о' | 'ұ' | 'ы' | 'у' | 'я' => Some(false),
                'ә' | 'ө' | 'ү' | 'і' | 'е' | 'и' | 'э' => Some(true),
                _ => None,
            };
            let stem_v = stem.chars().rev().find_map(class);
            let suf_v = rest.chars().find_map(class);
            match (stem_v, suf_v) {
                (Some(a), Some(b)) => a == b || stem.ends_with('и'),
                (_, None) => true,
                _ => false,
            }
        };
        // A bare vowel ending (Обама, Ерлана) is too often part of the name:
        // only endings that begin with a consonant are stripped.
        let consonant_ending = |stem: &str| {
            lower[stem.len()..]
                .chars()
                .next()
                .is_some_and(|c| !"аәеиоөұүуыіэюяё".contains(c))
        };
        let case_stripped = usable()
            .filter(|l| {
                l.depth == 1
                    && l.case != Case::Nom
                    && l.text.chars().count() >= 3
                    && lower.starts_with(&l.text)
            })
            .filter(|l| harmonic(&l.text) && consonant_ending(&l.text))
            .max_by_key(|l| l.text.len());
        match case_stripped {
            Some(l) => cased(&l.text),
            None => word.to_string(),
        }
    }

    pub fn is_abbreviation(&self, lower: &str) -> bool {
        self.abbreviations.contains(lower)
    }
    pub fn boilerplate_separators(&self) -> &[String] {
        &self.separators
    }
    pub fn boilerplate_timewords(&self) -> &[String] {
        &self.timewords
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    /// The place and all the places that contain it, innermost first.
    pub fn place_chain(&self, id: &str) -> Vec<&Place> {
        let mut out = Vec::new();
        let mut cur = self.place(id);
        while let Some(p) = cur {
            out.push(p);
            cur = p.parent.as_deref().and_then(|q| self.place(q));
        }
        out
    }

    /// Gender of a given name in any script, if the lexicon knows it.
    pub fn given_gender(&self, name: &str) -> Option<char> {
        let lower = crate::text::lower(name);
        if let Some(g) = self.given_lower.get(&lower) {
            return Some(*g);
        }
        if lower
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
        {
            // Hyphenated Cyrillic names: Касым-Жомарт.
            return lower
                .split('-')
                .find_map(|part| self.given_lower.get(part).copied());
        }
        let k = crate::text::translit::key(name);
        if let Some(g) = self.given.get(&k) {
            return Some(*g);
        }
        // Hyphenated names: Seiful-Malik, Касым-Жомарт.
        k.split('-').find_map(|part| self.given.get(part).copied())
    }

    /// The surname or patronymic shape of a lowercase word: (is patronymic,
    /// gender, when enough alone to make a capitalized word a surname).
    pub fn surname_shape(&self, lower: &str) -> Option<(bool, char, Alone)> {
        let n = lower.chars().count();
        self.surname_shapes
            .iter()
            .find(|(end, _, _, _)| lower.ends_with(end.as_str()) && n >= end.chars().count() + 3)
            .map(|(_, p, g, alone)| (*p, *g, *alone))
    }
}

/// Loads the lexicon from the default (embedded) seeds, once per process.
pub fn default_lexicon() -> Result<&'static Lexicon, SeedError> {
    use std::sync::OnceLock;
    static LEX: OnceLock<Result<Lexicon, String>> = OnceLock::new();
    match LEX.get_or_init(|| Lexicon::load(&SeedSource::Embedded).map_err(|e| e.to_string())) {
        Ok(l) => Ok(l),
        Err(e) => Err(SeedError {
            file: "seeds".into(),
            line: 0,
            message: e.clone(),
        }),
    }
}

/// A calendar date written `YYYY-MM-DD` (Gregorian, leap years counted,
/// years 0001 to 9999): `2024-02-29` is one, `2025-02-29` and `2025-13-45`
/// are not.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}
