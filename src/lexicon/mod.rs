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

/// A seed file that could not be read or has a bad row, by what went wrong.
/// Each names its file and line (0 for the file as a whole); the text shown
/// is `file:line: message`.
#[derive(Clone, Debug, thiserror::Error)]
pub enum SeedError {
    /// The embedded seeds have no file of that name.
    #[error("{file}:0: not compiled in")]
    NotCompiledIn { file: String },
    /// The file could not be read; `reason` is the operating system's.
    #[error("{file}:0: {reason}")]
    Unreadable { file: String, reason: String },
    /// A TSV row with another number of columns than its table has.
    #[error("{file}:{line}: expected {expected} tab-separated columns, found {found}")]
    Columns {
        file: String,
        line: usize,
        expected: usize,
        found: usize,
    },
    /// A TSV row whose values do not fit its table.
    #[error("{file}:{line}: {message}")]
    Row {
        file: String,
        line: usize,
        message: String,
    },
    /// A bad entry of a curation file (TOML).
    #[error("{file}:{line}: {message}")]
    Curation {
        file: String,
        line: usize,
        message: String,
    },
    /// A bad rule of a rule file.
    #[error("{file}:{line}: {message}")]
    Rule {
        file: String,
        line: usize,
        message: String,
    },
}

impl SeedError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            SeedError::NotCompiledIn { file }
            | SeedError::Unreadable { file, .. }
            | SeedError::Columns { file, .. }
            | SeedError::Row { file, .. }
            | SeedError::Curation { file, .. }
            | SeedError::Rule { file, .. } => file,
        }
    }

    /// The line the error is about; 0 for the file as a whole.
    pub fn line(&self) -> usize {
        match self {
            SeedError::NotCompiledIn { .. } | SeedError::Unreadable { .. } => 0,
            SeedError::Columns { line, .. }
            | SeedError::Row { line, .. }
            | SeedError::Curation { line, .. }
            | SeedError::Rule { line, .. } => *line,
        }
    }

    /// What went wrong, without the file and line.
    pub fn message(&self) -> String {
        let shown = self.to_string();
        let prefix = format!("{}:{}: ", self.file(), self.line()).len();
        shown.get(prefix..).unwrap_or_default().to_string()
    }
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
                .ok_or_else(|| SeedError::NotCompiledIn {
                    file: format!("seeds/{rel}"),
                }),
            SeedSource::Dir(dir) => {
                let path = dir.join(rel);
                std::fs::read_to_string(&path)
                    .map(|t| (path.display().to_string(), t))
                    .map_err(|e| SeedError::Unreadable {
                        file: path.display().to_string(),
                        reason: e.to_string(),
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
        self.check_columns(N)?;
        Ok(std::array::from_fn(|i| self.cols[i].as_str()))
    }

    /// An error unless the row has exactly `expected` columns.
    fn check_columns(&self, expected: usize) -> Result<(), SeedError> {
        if self.cols.len() != expected {
            return Err(SeedError::Columns {
                file: self.file.clone(),
                line: self.line,
                expected,
                found: self.cols.len(),
            });
        }
        Ok(())
    }

    pub fn error(&self, message: String) -> SeedError {
        SeedError::Row {
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

/// The row struct of one seed table: serde reads it from the row's columns
/// (through the `csv` crate's records), in column order.
trait SeedRow: serde::de::DeserializeOwned {
    /// How many tab-separated columns the table has.
    const COLUMNS: usize;
}

impl Table {
    /// Every row read as `T`, each with its row (for errors naming its file
    /// and line). The first row that does not fit stops the reading.
    fn records<T: SeedRow>(&self) -> Result<Vec<(&Row, T)>, SeedError> {
        self.rows
            .iter()
            .map(|row| {
                row.check_columns(T::COLUMNS)?;
                let record = csv::StringRecord::from(row.cols.clone());
                record
                    .deserialize::<T>(None)
                    .map(|t| (row, t))
                    .map_err(|e| row.error(deserialize_message(&e)))
            })
            .collect()
    }
}

/// The words of a row deserialization error: a seed enum's own message as
/// it is, anything else as the `csv` crate puts it.
fn deserialize_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.kind() {
            csv::DeserializeErrorKind::Message(m) => m.clone(),
            _ => err.to_string(),
        },
        _ => e.to_string(),
    }
}

/// An enum of the values one seed column may hold, read from its text; any
/// other text is an error: the words given, then the text quoted.
macro_rules! seed_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
        #[serde(try_from = "String")]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// The text the seed file writes it with.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(s: String) -> Result<Self, String> {
                match s.as_str() {
                    $($text => Ok($name::$variant),)+
                    _ => Err(format!(concat!($what, " {:?}"), s)),
                }
            }
        }
    };
}

seed_enum!(
    /// A language column: `kk`, `ru` or `en`.
    Lang, "language must be kk, ru or en, not", { Kk = "kk", Ru = "ru", En = "en" }
);
seed_enum!(
    /// Whether a role prefix makes a post current, started, ended or former.
    PrefixStatus, "status must be current, start, end or former, not",
    { Current = "current", Start = "start", End = "end", Former = "former" }
);
seed_enum!(
    /// What kind of place a gazetteer place is.
    PlaceKind, "unknown place kind",
    {
        Country = "country", Region = "region", City = "city", District = "district",
        Village = "village", Lake = "lake", River = "river", Sea = "sea",
        Mountains = "mountains", Continent = "continent", Other = "other",
    }
);
seed_enum!(
    /// Whether an organisation's head word comes after or before its name.
    HeadPosition, "position must be after or before, not", { After = "after", Before = "before" }
);
seed_enum!(
    /// The gender a given name tells.
    Gender, "gender must be m or f, not", { M = "m", F = "f" }
);
seed_enum!(
    /// What a surname-shaped ending makes a word.
    ShapeKind, "kind must be surname or patronymic, not",
    { Surname = "surname", Patronymic = "patronymic" }
);
seed_enum!(
    /// When a surname shape alone makes a capitalized word a surname.
    AloneText, "alone must be yes, mid or no, not", { Yes = "yes", Mid = "mid", No = "no" }
);
seed_enum!(
    /// What a boilerplate row gives.
    BoilerplateKind, "kind must be separator or timeword, not",
    { Separator = "separator", Timeword = "timeword" }
);
seed_enum!(
    /// What a row of the date cues gives.
    DateCueKind,
    "kind must be label, future, ambiguous, before, that_year, counted, relative, weekday, last or next, not",
    {
        Label = "label", Future = "future", Ambiguous = "ambiguous", Before = "before",
        ThatYear = "that_year", Counted = "counted", Relative = "relative",
        Weekday = "weekday", Last = "last", Next = "next",
    }
);

/// Declares the serde row struct of a seed table, its fields in column order.
macro_rules! seed_row {
    ($(#[$doc:meta])* $name:ident { $($field:ident: $ty:ty),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(serde::Deserialize)]
        struct $name {
            $($field: $ty),+
        }

        impl SeedRow for $name {
            const COLUMNS: usize = [$(stringify!($field)),+].len();
        }
    };
}

seed_row!(
    /// `lexicons/local_bodies.tsv`.
    LocalBodyRow { tag: String, suffix: String, kk: String, ru: String, en: String }
);
seed_row!(
    /// `morphology/prefixes.tsv`.
    PrefixRow { prefix: String, status: PrefixStatus }
);
seed_row!(
    /// `morphology/plural.tsv`.
    PluralRow { lang: Lang, end: String }
);
seed_row!(
    /// `lexicons/parties.tsv`.
    PartyRow { id: String, kk: String, ru: String, en: String, other: String, former: String }
);
seed_row!(
    /// `lexicons/places.tsv`.
    PlaceRow {
        id: String, kind: PlaceKind, parent: String, iso: String, kk: String, ru: String,
        en: String, other: String, adj: String,
    }
);
seed_row!(
    /// `lexicons/organizations.tsv`.
    OrgRow { id: String, kind: String, kk: String, ru: String, en: String, other: String }
);
seed_row!(
    /// `lexicons/org_heads.tsv`.
    OrgHeadRow { head: String, kind: String, pos: HeadPosition, lang: Lang }
);
seed_row!(
    /// `lexicons/months.tsv`.
    MonthRow { n: String, name: String }
);
seed_row!(
    /// `lexicons/given_names.tsv`.
    GivenNameRow { name: String, gender: Gender }
);
seed_row!(
    /// `lexicons/surname_shapes.tsv`.
    ShapeRow { end: String, kind: ShapeKind, gender: String, alone: AloneText }
);
seed_row!(
    /// `lexicons/boilerplate.tsv`.
    BoilerplateRow { kind: BoilerplateKind, text: String }
);
seed_row!(
    /// `lexicons/date_cues.tsv`.
    DateCueRow { kind: DateCueKind, value: String, text: String }
);
seed_row!(
    /// A one-column word list (`stopwords.tsv`, `abbreviations.tsv`).
    WordRow { word: String }
);

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
        for (row, r) in t.records::<DateCueRow>()? {
            let (value, text) = (r.value.as_str(), r.text.to_lowercase());
            match r.kind {
                DateCueKind::Label => c.labels.push(text),
                DateCueKind::Future => c.future.push(text),
                DateCueKind::Ambiguous => c.ambiguous.push(text),
                DateCueKind::Before => c.before.push(text),
                DateCueKind::ThatYear => c.that_year.push(text),
                DateCueKind::Counted => c.counted.push(text),
                DateCueKind::Last => c.last.push(text),
                DateCueKind::Next => c.next.push(text),
                DateCueKind::Relative => {
                    let unit = value.chars().last().filter(|u| "dmy".contains(*u));
                    let n = value[..value.len().saturating_sub(1)].parse().ok();
                    let (Some(unit), Some(n)) = (unit, n) else {
                        return Err(row.error(format!(
                            "value must be a number of days, months or years (-1d, 0y), not {value:?}"
                        )));
                    };
                    c.relative.push((text, n, unit));
                }
                DateCueKind::Weekday => {
                    let n = value.parse().ok().filter(|n| (1..=7).contains(n));
                    let n = n.ok_or_else(|| {
                        row.error(format!("weekday must be 1 to 7, not {value:?}"))
                    })?;
                    c.weekdays.push((text, n));
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
        for (_, r) in t_bodies.records::<LocalBodyRow>()? {
            local_bodies.insert(r.tag, (r.suffix, [r.kk, r.ru, r.en]));
        }
        let t_abbr = table("lexicons/abbreviations.tsv")?;
        let t_kk = table("morphology/kk_suffixes.tsv")?;
        let t_alt = table("morphology/kk_alternations.tsv")?;
        let t_ru = table("morphology/ru_endings.tsv")?;
        let t_plural = table("morphology/plural.tsv")?;
        let t_prefixes = table("morphology/prefixes.tsv")?;
        let prefixes: Vec<(String, String)> = t_prefixes
            .records::<PrefixRow>()?
            .into_iter()
            .map(|(_, r)| (r.prefix, r.status.as_str().to_string()))
            .collect();
        let plurals: Vec<(String, String)> = t_plural
            .records::<PluralRow>()?
            .into_iter()
            .map(|(_, r)| (r.lang.as_str().to_string(), r.end))
            .collect();
        let mut morph = Morphology::load(&t_kk, &t_alt, &t_ru)?;
        morph.set_prefixes(prefixes.iter().map(|p| p.0.clone()).collect());

        let mut parties = Vec::new();
        for (row, r) in t_parties.records::<PartyRow>()? {
            let mut forms = vec![r.kk.clone(), r.ru.clone(), r.en.clone()];
            forms.extend(list(&r.other));
            let mut fm = Vec::new();
            for f in list(&r.former) {
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
                labels: labels(row, &r.kk, &r.ru, &r.en)?,
                id: r.id,
                forms,
                former: fm,
            });
        }
        let mut places = Vec::new();
        let mut place_rows = Vec::new();
        for (row, r) in t_places.records::<PlaceRow>()? {
            let mut forms = vec![r.kk.clone(), r.ru.clone(), r.en.clone()];
            forms.extend(list(&r.other));
            forms.extend(list(&r.adj));
            places.push(Place {
                labels: labels(row, &r.kk, &r.ru, &r.en)?,
                id: r.id,
                kind: r.kind.as_str().into(),
                parent: (r.parent != "-").then_some(r.parent),
                iso: (r.iso != "-").then_some(r.iso),
                forms,
            });
            place_rows.push(row);
        }
        for (p, row) in places.iter().zip(&place_rows) {
            if let Some(parent) = &p.parent {
                if !places.iter().any(|q| &q.id == parent) {
                    return Err(row.error(format!("parent {parent:?} is not a place of this file")));
                }
            }
        }
        let mut orgs = Vec::new();
        for (row, r) in t_orgs.records::<OrgRow>()? {
            let mut forms = vec![r.kk.clone(), r.ru.clone(), r.en.clone()];
            forms.extend(list(&r.other));
            orgs.push(Org {
                labels: labels(row, &r.kk, &r.ru, &r.en)?,
                id: r.id,
                kind: r.kind,
                forms,
            });
        }
        let org_heads: Vec<(String, String, bool, String)> = t_heads
            .records::<OrgHeadRow>()?
            .into_iter()
            .map(|(_, r)| {
                let after = r.pos == HeadPosition::After;
                (r.head, r.kind, after, r.lang.as_str().to_string())
            })
            .collect();
        let mut months = HashMap::new();
        for (row, r) in t_months.records::<MonthRow>()? {
            let n: u32 =
                r.n.parse()
                    .ok()
                    .filter(|n| (1..=12).contains(n))
                    .ok_or_else(|| row.error(format!("bad month {:?}", r.n)))?;
            months.insert(r.name.to_lowercase(), n);
        }
        let mut given = HashMap::new();
        let mut given_lower = HashMap::new();
        for (_, r) in t_given.records::<GivenNameRow>()? {
            let g = match r.gender {
                Gender::M => 'm',
                Gender::F => 'f',
            };
            given.insert(crate::text::translit::key(&r.name), g);
            given_lower.insert(r.name.to_lowercase(), g);
        }
        let mut surname_shapes = Vec::new();
        for (_, r) in t_shapes.records::<ShapeRow>()? {
            let alone = match r.alone {
                AloneText::Yes => Alone::Yes,
                AloneText::Mid => Alone::MidSentence,
                AloneText::No => Alone::No,
            };
            surname_shapes.push((
                r.end,
                r.kind == ShapeKind::Patronymic,
                r.gender.chars().next().unwrap_or('-'),
                alone,
            ));
        }
        surname_shapes.sort_by_key(|s| std::cmp::Reverse(s.0.chars().count()));
        let (mut separators, mut timewords) = (Vec::new(), Vec::new());
        for (_, r) in t_bp.records::<BoilerplateRow>()? {
            match r.kind {
                BoilerplateKind::Separator => separators.push(r.text),
                BoilerplateKind::Timeword => timewords.push(r.text.to_lowercase()),
            }
        }
        let one_col = |t: &Table| -> Result<HashSet<String>, SeedError> {
            Ok(t.records::<WordRow>()?
                .into_iter()
                .map(|(_, r)| r.word.to_lowercase())
                .collect())
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
    static LEX: OnceLock<Result<Lexicon, SeedError>> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::load(&SeedSource::Embedded))
        .as_ref()
        .map_err(Clone::clone)
}

/// The date `YYYY-MM-DD` names, if it is a calendar date (Gregorian, leap
/// years counted, years 0001 to 9999): `2024-02-29` is one, `2025-02-29`
/// and `2025-13-45` are not. Every place that reads a date asks this.
pub fn calendar_date(s: &str) -> Option<jiff::civil::Date> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|n| n.parse::<i16>().ok());
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if y < 1 {
        return None;
    }
    jiff::civil::Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// What every reader of dates says of one that is not a calendar date, on
/// the command line and in input files alike.
pub fn not_a_date(shown: &str) -> String {
    format!("{shown:?} is not a date like 2025-11-14")
}

/// Whether `s` is a calendar date written `YYYY-MM-DD` (see [`calendar_date`]).
pub fn is_iso_date(s: &str) -> bool {
    calendar_date(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_rows_read_their_enums_and_skip_comments() {
        let t = Table::parse(
            "x.tsv",
            "# heads\n# example+: Astana akimat\n\nакимат\tunit\tafter\tru\nhead\torg\tbefore\ten\n",
        );
        assert_eq!(t.examples, vec![(true, "Astana akimat".to_string(), 2)]);
        let rows = t.records::<OrgHeadRow>().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0.line, 4);
        assert_eq!(
            (rows[0].1.pos, rows[0].1.lang),
            (HeadPosition::After, Lang::Ru)
        );
        assert_eq!(
            (rows[1].1.pos, rows[1].1.lang),
            (HeadPosition::Before, Lang::En)
        );
    }

    #[test]
    fn a_bad_seed_value_is_a_row_error_with_its_line() {
        let t = Table::parse("x.tsv", "# c\nкк\tunit\tafter\tde\n");
        let e = t.records::<OrgHeadRow>().err().unwrap();
        assert!(matches!(e, SeedError::Row { line: 2, .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "x.tsv:2: language must be kk, ru or en, not \"de\""
        );
        assert_eq!(e.message(), "language must be kk, ru or en, not \"de\"");
        let t = Table::parse("p.tsv", "atlantis\tplanet\t-\t-\tA\tA\tA\t-\t-\n");
        let e = t.records::<PlaceRow>().err().unwrap();
        assert_eq!(e.to_string(), "p.tsv:1: unknown place kind \"planet\"");
    }

    #[test]
    fn a_row_with_other_columns_is_a_columns_error() {
        let t = Table::parse("m.tsv", "1\tjanuary\textra\n");
        let e = t.records::<MonthRow>().err().unwrap();
        assert!(
            matches!(
                e,
                SeedError::Columns {
                    line: 1,
                    expected: 2,
                    found: 3,
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "m.tsv:1: expected 2 tab-separated columns, found 3"
        );
        assert_eq!((e.file(), e.line()), ("m.tsv", 1));
    }

    #[test]
    fn calendar_dates_count_leap_years() {
        for ok in ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-04-31",
            "0000-01-01",
            "2025-1-01",
            "2025/01/01",
            "+025-01-01",
            "2025-01-0١",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
