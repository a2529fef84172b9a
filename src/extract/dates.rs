//! Dates with ISO values: ISO strings, Kazakh (2025 жылғы 3 сәуірде),
//! Russian (4 февраля 2026 года), English (March 11, 2021; 11 March 2021;
//! the 12th of October), numeric (25.01.2022), months of a year (в марте
//! 2024 года, 2023 жылғы наурызда, February 2022), year ranges (2025-2026
//! жылдарға → 2025/2026), years with their word (2024 жылы, в 2022 году,
//! in 2022), and relative words (бүгін, вчера, today) resolved against the
//! publication date, never the clock.
//!
//! A day and month without a year (3 марта, 5 қазанда, on March 3) take the
//! year a date earlier in their sentence names; otherwise the last such day
//! on or before the publication date, or the next one when the sentence
//! speaks of the future (will be held, состоится, өтетін). The words that
//! decide this are data: `seeds/lexicons/date_cues.tsv`.
//!
//! [`published`] reads the publication date from a dateline near the top of
//! the article, in the shapes news sites print (АЛМАТЫ, 3 марта 2021 года. ;
//! ASTANA, June 2, 2019 – ; 2023 жылғы 5 қазан, 10:30 ; Published: 2 June
//! 2019), and never from a sentence that begins with a date.

use crate::lexicon::Lexicon;
use jiff::civil::Date;
use jiff::Span;
use regex::{Captures, Regex};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A date found in the text: `[start, end)` in chars of the folded text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: String,
}

struct Patterns {
    iso: Regex,
    dotted: Regex,
    range: Regex,
    span: Regex,
    kk_full: Regex,
    kk_month_year: Regex,
    day_month_year: Regex,
    month_day_year: Regex,
    month_year: Regex,
    year_word: Regex,
    in_year: Regex,
    day_month: Regex,
    day_month_en: Regex,
    month_day_en: Regex,
    month_alone: Regex,
    relative: Regex,
    weekday: Regex,
    time: Regex,
}

/// The month names of the lexicon as regex alternations, longest first:
/// (Cyrillic, which take endings; Latin, which do not).
fn month_alternations(lex: &Lexicon) -> (String, String) {
    let mut names: Vec<&String> = lex.months.keys().collect();
    names.sort_by_key(|n| (std::cmp::Reverse(n.chars().count()), n.to_string()));
    let join = |latin: bool| {
        names
            .iter()
            .filter(|n| n.is_ascii() == latin)
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|")
    };
    (join(false), join(true))
}

fn patterns(lex: &Lexicon) -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let (c, l) = month_alternations(lex);
        let m = format!("{c}|{l}");
        let re = |s: String| {
            let s = s
                .replace("EN_ORD", r"(?:st|nd|rd|th)?")
                .replace("ORD", ORDINAL);
            // The seed words are escaped by `alternation`: the pattern is the
            // fixed text around them.
            Regex::new(&s).expect("date patterns escape their seed words")
        };
        let cues = &lex.date_cues;
        let relative = alternation(cues.relative.iter().map(|(w, _, _)| w));
        let weekdays = alternation(cues.weekdays.iter().map(|(w, _)| w));
        let year_word = r"(?:\s+(?:года|году|год|г\.|ж\.|жылы|жылғы))?";
        Patterns {
            iso: re(r"(\d{4})-(\d{2})-(\d{2})".into()),
            dotted: re(format!(r"(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){year_word}")),
            range: re(
                r"(\d{4})\s*[-–—]\s*(\d{4})(?:\s*(?:жыл\w*|годы|годах|год\w*|гг\.?|years?))?"
                    .into(),
            ),
            span: re(concat!(
                r"(?:(?:с|from)\s+(\d{4})\s+(?:по|to|until|till)\s+(\d{4})",
                r"(?:\s+(?:годы|годах|год|гг\.?))?",
                r"|(\d{4})ORD\s+жылдан\s+(\d{4})ORD\s+жыл\w*\s+дейін)"
            )
            .into()),
            kk_full: re(format!(
                r"(\d{{4}})ORD\s+(?:жылғы|жылдың)\s+(\d{{1,2}})ORD\s+({c})\w*"
            )),
            kk_month_year: re(format!(r"(\d{{4}})ORD\s+(?:жылғы|жылдың)\s+({c})\w*")),
            day_month_year: re(format!(
                r"(\d{{1,2}})ORDEN_ORD\s+(?:of\s+)?({m})\.?,?\s+(\d{{4}})(?:\s+(?:года|год|г\.|ж\.|жылы|жыл\w*))?"
            )),
            month_day_year: re(format!(r"({m})\.?\s+(\d{{1,2}})EN_ORD,?\s+(\d{{4}})")),
            month_year: re(format!(r"(?:({c})\w*|({l}))\.?,?\s+(\d{{4}}){year_word}")),
            year_word: re(r"(\d{4})ORD\s+(?:жыл\w*|году|года|год|г\.)".into()),
            in_year: re(r"\d{4}".into()),
            day_month: re(format!(r"(\d{{1,2}})ORD\s+({c})\w*")),
            day_month_en: re(format!(r"(\d{{1,2}})EN_ORD\s+(?:of\s+)?({l})\.?")),
            month_day_en: re(format!(r"({l})\.?\s+(\d{{1,2}})EN_ORD")),
            month_alone: re(format!(r"({c})(\s+айында)?|({l})")),
            relative: re(format!("({relative})")),
            weekday: re(format!(
                r"({weekdays})(\s+күні|да|де|та|те)?"
            )),
            time: re(r"^\s*,?\s*(?:в\s+|at\s+)?\d{1,2}[:.]\d{2}\b".into()),
        }
    })
}

/// Words and phrases as a regex alternation, longest first; the words of a
/// phrase stand apart by any spaces.
fn alternation<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.collect();
    words.sort_by_key(|w| (std::cmp::Reverse(w.len()), w.to_string()));
    words
        .iter()
        .map(|w| {
            w.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// English words after which four digits are a year (in 2022, the 2022
/// election); elsewhere a bare number of four digits is not read.
const YEAR_WORDS: &[&str] = &[
    "in", "since", "by", "from", "until", "till", "to", "of", "before", "after", "during",
    "through", "around", "the", "and",
];

/// A Kazakh ordinal ending written after digits (2017-нші жылы, 12-нші
/// маусымында), as transcribed speech and some outlets write dates.
const ORDINAL: &str = r"(?:-(?:ыншы|інші|сыншы|сінші|нші|ншы|ші|шы))?";

/// The ISO value of a day the text writes, if it is a calendar date of the
/// years news speaks of (1900 to 2100).
fn valid(y: &str, m: u32, d: u32) -> Option<String> {
    let y: i32 = y.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let date = Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()?;
    news_date(date)
}

/// The ISO value of a date of the years news speaks of (1900 to 2100).
fn news_date(date: Date) -> Option<String> {
    (1900..=2100).contains(&date.year()).then(|| iso(date))
}

fn year(y: &str) -> Option<String> {
    y.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .map(|y| y.to_string())
}

/// A date written `YYYY-MM-DD`.
fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// The date an ISO value names (see [`crate::lexicon::calendar_date`]).
fn parts(value: &str) -> Option<Date> {
    crate::lexicon::calendar_date(value)
}

/// Days from `from` to `to` (negative when `to` is earlier).
fn days_between(from: Date, to: Date) -> Option<i64> {
    from.until(to).ok().map(|span| i64::from(span.get_days()))
}

/// Shifts an ISO date by a number of days.
fn shift(value: &str, days: i64) -> Option<String> {
    let date = parts(value)?
        .checked_add(Span::new().try_days(days).ok()?)
        .ok()?;
    news_date(date)
}

/// The whole text a regex match covers.
fn whole<'t>(c: &Captures<'t>) -> regex::Match<'t> {
    c.get(0).expect("every match has its group 0")
}

/// Spans found so far, in bytes of the text, that never overlap.
struct Found<'t> {
    text: &'t str,
    /// start → (end, value); the spans never overlap, so their ends ascend
    /// with their starts.
    spans: BTreeMap<usize, (usize, String)>,
}

impl Found<'_> {
    fn alnum_at(&self, i: usize) -> bool {
        self.text
            .get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_alphanumeric)
    }

    fn alnum_before(&self, i: usize) -> bool {
        self.text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    }

    /// Whether `[s, e)` stands between word boundaries (checked here rather
    /// than with Unicode `\b` in the patterns, which would slow every
    /// search) and overlaps nothing found before.
    fn free(&self, s: usize, e: usize) -> bool {
        let bounded = !self.alnum_before(s)
            && (!self.alnum_at(e) || self.text[..e].ends_with(|c: char| !c.is_alphanumeric()));
        // Of the spans that start before `e`, the last ends last.
        bounded
            && self
                .spans
                .range(..e)
                .next_back()
                .is_none_or(|(_, (b, _))| s >= *b)
    }

    fn push(&mut self, s: usize, e: usize, value: Option<String>) {
        if let Some(v) = value.filter(|_| self.free(s, e)) {
            self.spans.insert(s, (e, v));
        }
    }

    /// Every match of `re`, valued by `value`.
    fn each(&mut self, re: &Regex, value: impl Fn(&Captures) -> Option<String>) {
        for c in re.captures_iter(self.text) {
            let g = whole(&c);
            self.push(g.start(), g.end(), value(&c));
        }
    }

    /// The word just before byte `s`.
    fn word_before(&self, s: usize) -> &str {
        self.word_before_at(s).1
    }

    /// The word just before byte `s`, with where it starts.
    fn word_before_at(&self, s: usize) -> (usize, &str) {
        let head = self.text[..s].trim_end();
        let from = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        (from, &head[from..])
    }
}

/// A day (or a whole month) whose year the text does not write.
struct Yearless {
    start: usize,
    end: usize,
    month: u32,
    day: Option<u32>,
}

/// A date `n` days, months or years from the publication date, as precise
/// as its unit: вчера → 2025-02-28, last month → 2025-01, last year → 2024.
fn relative(published: &str, n: i64, unit: char) -> Option<String> {
    let date = parts(published)?;
    let (y, m) = (date.year(), date.month());
    match unit {
        'd' => shift(published, n),
        'm' => {
            let months = i64::from(y) * 12 + i64::from(m) - 1 + n;
            let (y, m) = (months.div_euclid(12), months.rem_euclid(12) + 1);
            Some(format!("{y:04}-{m:02}"))
        }
        _ => year(&(i64::from(y) + n).to_string()),
    }
}

/// Weekdays (в прошлую субботу, on Monday, сенбіде), from the publication
/// date: the last such day on or before it, or the next after it in a
/// sentence about the future; "last" and "next" words decide first. A
/// Russian weekday needs its в, a Kazakh one its күні or locative ending; a
/// weekday before a written date (В субботу, 5 сентября) leaves the date
/// its value.
fn weekdays(f: &mut Found, p: &Patterns, lex: &Lexicon, published: &str) {
    let cues = &lex.date_cues;
    let Some(today) = parts(published) else {
        return;
    };
    let kazakh = |w: &str| w.chars().any(|c| "әғқңөұүһі".contains(c));
    let mut found = Vec::new();
    for c in p.weekday.captures_iter(f.text) {
        let g = whole(&c);
        let name = &c[1];
        // The words before: a "last" or "next" word, then в or on.
        let mut start = g.start();
        let (at, word) = f.word_before_at(start);
        let modifier = cues
            .last
            .iter()
            .chain(&cues.next)
            .find(|m| *m == word)
            .map(String::as_str);
        if modifier.is_some() {
            start = at;
        }
        let (at, word) = f.word_before_at(start);
        let led = matches!(word, "в" | "во" | "on");
        if led {
            start = at;
        }
        let ok = if kazakh(name) {
            c.get(2).is_some()
        } else {
            name.is_ascii() || led
        };
        let next = f.text[g.end()..].trim_start_matches([',', ' ']);
        let dated = f.spans.contains_key(&(f.text.len() - next.len()));
        let Some(&(_, wd)) = cues.weekdays.iter().find(|(w, _)| w == name) else {
            continue;
        };
        if !ok || dated {
            continue;
        }
        let (s0, e0) = sentence(f.text, g.start());
        let forward = match modifier {
            Some(m) if cues.next.iter().any(|x| x == m) => true,
            Some(_) => false,
            None => speaks_of(&f.text[s0..e0], &cues.future),
        };
        let pw = i64::from(today.weekday().to_monday_one_offset());
        let wd = i64::from(wd);
        let days = if forward {
            let d = (wd - pw).rem_euclid(7);
            if d == 0 {
                7
            } else {
                d
            }
        } else {
            let d = (pw - wd).rem_euclid(7);
            if d == 0 && modifier.is_some() {
                -7
            } else {
                -d
            }
        };
        found.push((start, g.end(), shift(published, days)));
    }
    for (s, e, v) in found {
        f.push(s, e, v);
    }
}

/// Every date in `text` (lowercase, folded), longest patterns first; spans do
/// not overlap. Relative dates need `published`; days without a year need it
/// or a year earlier in their sentence.
pub fn find(text: &str, lex: &Lexicon, published: Option<&str>) -> Vec<DateMention> {
    let p = patterns(lex);
    let month = |s: &str| lex.months.get(s).copied();
    let num = |c: &Captures, i: usize| c[i].parse::<u32>().unwrap_or(0);
    let mut f = Found {
        text,
        spans: BTreeMap::new(),
    };
    f.each(&p.iso, |c| valid(&c[1], num(c, 2), num(c, 3)));
    f.each(&p.dotted, |c| valid(&c[3], num(c, 2), num(c, 1)));
    let interval = |a: &str, b: &str| {
        let (a, b) = (year(a)?, year(b)?);
        (a < b).then(|| format!("{a}/{b}"))
    };
    f.each(&p.range, |c| interval(&c[1], &c[2]));
    f.each(&p.span, |c| {
        let a = c.get(1).or(c.get(3))?.as_str();
        interval(a, c.get(2).or(c.get(4))?.as_str())
    });
    f.each(&p.kk_full, |c| {
        month(&c[3]).and_then(|m| valid(&c[1], m, num(c, 2)))
    });
    f.each(&p.day_month_year, |c| {
        month(&c[2]).and_then(|m| valid(&c[3], m, num(c, 1)))
    });
    f.each(&p.month_day_year, |c| {
        month(&c[1]).and_then(|m| valid(&c[3], m, num(c, 2)))
    });
    f.each(&p.kk_month_year, |c| {
        let m = month(&c[2])?;
        Some(format!("{}-{m:02}", year(&c[1])?))
    });
    for c in p.month_year.captures_iter(text) {
        let g = whole(&c);
        // A day before the month that made no date (31 ноября 2025 года)
        // leaves the year alone, not the month.
        let after_day = f.text[..g.start()]
            .trim_end()
            .ends_with(|ch: char| ch.is_ascii_digit());
        let Some(name) = c.get(1).or(c.get(2)).map(|m| m.as_str()) else {
            continue;
        };
        let v = month(name).and_then(|m| Some(format!("{}-{m:02}", year(&c[3])?)));
        f.push(g.start(), g.end(), v.filter(|_| !after_day));
    }
    f.each(&p.year_word, |c| year(&c[1]));
    for g in p.in_year.find_iter(text) {
        // A number before a noun of things counted is a count (to 2000 people).
        let next = f.text[g.end()..]
            .trim_start()
            .split(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("");
        let counts = lex.date_cues.counted.iter().any(|n| n == next);
        let after_word = YEAR_WORDS.contains(&f.word_before(g.start()));
        let v = year(g.as_str()).filter(|_| after_word && !counts);
        f.push(g.start(), g.end(), v);
    }
    for y in yearless(&f, p, lex) {
        let v = resolve(&f, &y, lex, published);
        f.push(y.start, y.end, v);
    }
    if let Some(pubd) = published {
        let rel = &lex.date_cues.relative;
        f.each(&p.relative, |c| {
            let said = c[1].split_whitespace().collect::<Vec<_>>().join(" ");
            let (_, n, unit) = rel.iter().find(|(w, _, _)| *w == said)?;
            relative(pubd, *n, *unit)
        });
        weekdays(&mut f, p, lex, pubd);
    }
    // byte offsets -> char offsets, counting on from the previous span
    let mut out = Vec::with_capacity(f.spans.len());
    let (mut byte, mut chars) = (0, 0);
    for (s, (e, value)) in f.spans {
        chars += text[byte..s].chars().count();
        let start = chars;
        chars += text[s..e].chars().count();
        byte = e;
        out.push(DateMention {
            start,
            end: chars,
            value,
        });
    }
    out
}

/// The days and months written without a year, in text order, that do not
/// overlap a date already found. An English month word that is also an
/// ordinary word (may, march) counts only after a word like "on".
fn yearless(f: &Found, p: &Patterns, lex: &Lexicon) -> Vec<Yearless> {
    let cues = &lex.date_cues;
    let month = |s: &str| lex.months.get(s).copied();
    let mut out: Vec<Yearless> = Vec::new();
    // `led`: the match begins with its own preposition (in May, в марте).
    let mut add = |s: usize, e: usize, name: &str, day: Option<u32>, led: bool| {
        let Some(m) = month(name) else { return };
        if !led
            && cues.ambiguous.iter().any(|a| a == name)
            && !cues.before.iter().any(|b| b == f.word_before(s))
        {
            return;
        }
        if day.is_some_and(|d| !(1..=31).contains(&d))
            || !f.free(s, e)
            || out.iter().any(|y| s < y.end && y.start < e)
        {
            return;
        }
        out.push(Yearless {
            start: s,
            end: e,
            month: m,
            day,
        });
    };
    let day = |c: &Captures, i: usize| c[i].parse::<u32>().ok();
    for c in p.day_month.captures_iter(f.text) {
        let g = whole(&c);
        add(g.start(), g.end(), &c[2], day(&c, 1), false);
    }
    for c in p.day_month_en.captures_iter(f.text) {
        let g = whole(&c);
        add(g.start(), g.end(), &c[2], day(&c, 1), false);
    }
    for c in p.month_day_en.captures_iter(f.text) {
        let g = whole(&c);
        add(g.start(), g.end(), &c[1], day(&c, 2), false);
    }
    for c in p.month_alone.captures_iter(f.text) {
        let g = whole(&c);
        let Some(name) = c.get(1).or(c.get(3)).map(|m| m.as_str()) else {
            continue;
        };
        let (at, word) = f.word_before_at(g.start());
        let start = match (c.get(2), word) {
            (Some(_), _) => g.start(),
            (None, "в" | "во") if c.get(1).is_some() => at,
            (None, "in") if c.get(3).is_some() => at,
            _ => continue,
        };
        add(start, g.end(), name, None, true);
    }
    out.sort_by_key(|y| y.start);
    out
}

/// The sentence around byte `at`: from after the last full stop, question
/// or exclamation mark or line break before it to the next one. A stop after
/// a single letter (г., ж., an initial) ends no sentence.
fn sentence(text: &str, at: usize) -> (usize, usize) {
    let ends = |i: usize, c: char| match c {
        '\n' | '!' | '?' => true,
        '.' => {
            let word = text[..i]
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            word.chars().count() != 1
                && text[i + 1..].chars().next().is_none_or(char::is_whitespace)
        }
        _ => false,
    };
    // A sentence longer than this is a run of text with no ends: it is
    // read in pieces, so that each date costs the same however long it is.
    const REACH: usize = 4000;
    let mut lo = at.saturating_sub(REACH);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let start = text[lo..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(lo + i, c))
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let mut hi = (at + REACH).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    let end = text[at..hi]
        .char_indices()
        .find(|&(i, c)| ends(at + i, c))
        .map_or(hi, |(i, _)| at + i);
    (start, end)
}

/// Whether a stretch of text has one of the cue words (whole words) or
/// phrases; a cue ending in `*` matches any ending.
fn speaks_of(sentence: &str, cues: &[String]) -> bool {
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    cues.iter().any(|cue| {
        let parts: Vec<&str> = cue.split_whitespace().collect();
        words.windows(parts.len()).any(|w| {
            w.iter()
                .zip(&parts)
                .all(|(word, part)| match part.strip_suffix('*') {
                    Some(stem) => word.starts_with(stem),
                    None => word == part,
                })
        })
    })
}

/// The value of a date without a year: the year of a date earlier in its
/// sentence; else, from the publication date, the last such day on or
/// before it, or in a sentence about the future the next one (the previous
/// year's date only when more than half a year ago).
fn resolve(f: &Found, y: &Yearless, lex: &Lexicon, published: Option<&str>) -> Option<String> {
    let (s0, e0) = sentence(f.text, y.start);
    // "That year" reaches back past the sentence to the year written last.
    let from = if speaks_of(&f.text[s0..y.start], &lex.date_cues.that_year) {
        0
    } else {
        s0
    };
    let stated = f
        .spans
        .range(from..y.start)
        .rev()
        .find(|(_, (_, v))| !v.contains('/'))
        .and_then(|(_, (_, v))| v[..4].parse::<i32>().ok());
    let value = |yr: i32| match y.day {
        Some(d) => valid(&yr.to_string(), y.month, d),
        None => Some(format!("{yr:04}-{:02}", y.month)),
    };
    if let Some(yr) = stated {
        return value(yr);
    }
    let published = parts(published?)?;
    let py = i32::from(published.year());
    let future = speaks_of(&f.text[s0..e0], &lex.date_cues.future);
    // Compare within the publication year; Feb 29 falls back to Feb 28.
    let first = Date::new(published.year(), i8::try_from(y.month).ok()?, 1).ok()?;
    let day = i8::try_from(y.day.unwrap_or(1)).ok()?;
    let here = Date::new(first.year(), first.month(), day.min(first.days_in_month())).ok()?;
    let now = match y.day {
        Some(_) => published,
        None => published.first_of_month(),
    };
    let ahead = days_between(now, here)?;
    // A day within a month after publication is near, not a year ago (an
    // update, an event the sentence does not say is coming).
    let yr = if ahead > NEAR && !future {
        py - 1
    } else if ahead < 0 && future && -ahead > 183 {
        py + 1
    } else {
        py
    };
    value(yr)
}

/// How many days after publication a day without a year still falls in
/// the publication year whatever its sentence says.
const NEAR: i64 = 31;

/// The publication date an article states: a leading `date YYYY-MM-DD` line,
/// or a dateline among its first lines.
pub fn published(text: &str, lex: &Lexicon) -> Option<String> {
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(5)
    {
        let lower: String = line.chars().flat_map(|c| c.to_lowercase().next()).collect();
        if let Some(rest) = lower.strip_prefix("date") {
            let d = rest.trim_start_matches([' ', ':']).get(..10).unwrap_or("");
            if parts(d).and_then(news_date).is_some() {
                return Some(d.to_string());
            }
        }
        if let Some(d) = dateline(line, &lower, lex) {
            return Some(d);
        }
    }
    None
}

/// The date of a dateline: the line's first full date, with before it
/// nothing, a label (Published:) or a city or outlet in capitals (АЛМАТЫ,),
/// and after it nothing, a time, or a separator (. – |), or after a comma a
/// few words that are not a sentence (an outlet: , пресс-служба партии). A
/// line that goes on with the words of a sentence ("4 февраля 2026 года в
/// Астане состоялось ...") is not a dateline.
fn dateline(line: &str, lower: &str, lex: &Lexicon) -> Option<String> {
    // A dateline's date comes within its first words: read only those, not
    // a whole paragraph.
    let head = lower
        .char_indices()
        .nth(DATELINE_HEAD)
        .map_or(lower, |(i, _)| &lower[..i]);
    let first = find(head, lex, None)
        .into_iter()
        .find(|d| d.value.len() == 10 && d.end < DATELINE_HEAD)?;
    let chars: Vec<char> = line.chars().collect();
    let before: String = chars[..first.start].iter().collect();
    let date: String = chars[first.start..first.end].iter().collect();
    let after: String = chars[first.end..].iter().collect();
    let before = before.trim();
    let head = before.trim_end_matches(':').trim().to_lowercase();
    let capitals = before.ends_with(SEPARATORS)
        && before.chars().any(char::is_alphabetic)
        && !before.chars().any(char::is_lowercase)
        && before
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || SEPARATORS.contains(&c));
    let label = lex.date_cues.labels.contains(&head);
    if !(before.is_empty() || capitals || label) {
        return None;
    }
    let p = patterns(lex);
    let rest = match p.time.find(&after) {
        Some(t) => after[t.end()..].trim(),
        None => after.trim(),
    };
    let ok = rest.is_empty()
        || date.ends_with('.')
        || capitals
        || label
        || rest.starts_with(|c: char| c != ',' && SEPARATORS.contains(&c))
        || rest.strip_prefix(',').is_some_and(|outlet| {
            outlet.split_whitespace().count() <= 6 && !outlet.ends_with(['.', '!', '?', ':'])
        });
    ok.then_some(first.value)
}

/// How far into a line (in chars) a dateline's date may end.
const DATELINE_HEAD: usize = 80;

/// What separates a dateline's parts: АСТАНА. 12 мая 2024 г. КАЗИНФОРМ –
const SEPARATORS: &[char] = &[',', '.', '–', '—', '-', '|', '/', '•'];

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, published: Option<&str>) -> Vec<String> {
        let lex = crate::lexicon::default_lexicon().unwrap();
        find(&text.to_lowercase(), lex, published)
            .into_iter()
            .map(|d| d.value)
            .collect()
    }

    #[test]
    fn three_languages() {
        assert_eq!(values("2025 жылғы 3 сәуірде өтті", None), ["2025-04-03"]);
        assert_eq!(values("4 февраля 2026 года в Астане", None), ["2026-02-04"]);
        assert_eq!(values("on January 10, 2023, where", None), ["2023-01-10"]);
        assert_eq!(values("on 11 March 2021", None), ["2021-03-11"]);
        assert_eq!(values("2025-2026 жылдарға арналған", None), ["2025/2026"]);
        assert_eq!(values("2024 жылы Шаған", None), ["2024"]);
        assert_eq!(values("2017-нші жылы", None), ["2017"]);
        assert_eq!(
            values("2019-ыншы жылдың 12-нші маусымында", None),
            ["2019-06-12"]
        );
        assert_eq!(values("disposed of in 2022 thanks", None), ["2022"]);
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        assert!(values("Бүгін конференция өтті", None).is_empty());
        assert_eq!(
            values("Бүгін конференция өтті", Some("2025-03-01")),
            ["2025-03-01"]
        );
        assert_eq!(values("вчера", Some("2025-03-01")), ["2025-02-28"]);
        assert_eq!(
            values("26 сәуірге дейін өтеді", Some("2025-03-01")),
            ["2025-04-26"]
        );
        assert_eq!(
            values("26 сәуірге дейін", Some("2025-03-01")),
            ["2024-04-26"]
        );
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert!(values("2025-02-30", None).is_empty());
        // No day that does not exist; the year alone is still a date.
        assert_eq!(values("31 ноября 2025 года", None), ["2025"]);
    }

    #[test]
    fn datelines() {
        let lex = crate::lexicon::default_lexicon().unwrap();
        assert_eq!(
            published(" date 2025-11-14 Елордада", lex).as_deref(),
            Some("2025-11-14")
        );
        assert_eq!(
            published("Title\n\nMarch 11, 2021\n\nText", lex).as_deref(),
            Some("2021-03-11")
        );
        assert_eq!(
            published("4 февраля 2026 года в Астане состоялось заседание.", lex),
            None
        );
    }

    #[test]
    fn days_shift_across_months_and_years() {
        assert_eq!(shift("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(shift("2025-02-28", 1).as_deref(), Some("2025-03-01"));
        assert_eq!(shift("2024-12-31", 7).as_deref(), Some("2025-01-07"));
        assert_eq!(shift("2100-12-31", 1), None);
        assert_eq!(shift("2024-03-01", -1).as_deref(), Some("2024-02-29"));
        assert_eq!(shift("2025-01-01", -1).as_deref(), Some("2024-12-31"));
    }

    #[test]
    fn sentences_do_not_end_at_abbreviations() {
        let t = "в 2019 г. 3 марта прошел съезд. потом";
        let at = t.find("3 марта").unwrap();
        assert_eq!(sentence(t, at), (0, t.find(". потом").unwrap()));
    }
}
