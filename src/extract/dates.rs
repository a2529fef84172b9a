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

use crate::lexicon::{DateCues, Lexicon};
use regex::{Captures, Regex};
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
            Regex::new(&s).expect("date pattern")
        };
        let mut relative: Vec<&str> = lex
            .date_cues
            .relative
            .iter()
            .map(|(w, _)| w.as_str())
            .collect();
        relative.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let year_word = r"(?:\s+(?:года|году|год|г\.|ж\.|жылы|жылғы))?";
        Patterns {
            iso: re(r"(\d{4})-(\d{2})-(\d{2})".into()),
            dotted: re(format!(r"(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){year_word}")),
            range: re(
                r"(\d{4})\s*[-–—]\s*(\d{4})\s*(?:жыл\w*|годы|годах|год\w*|гг\.?|years?)".into(),
            ),
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
            in_year: re(r"(?:in|since|by)\s+(\d{4})".into()),
            day_month: re(format!(r"(\d{{1,2}})ORD\s+({c})\w*")),
            day_month_en: re(format!(r"(\d{{1,2}})EN_ORD\s+(?:of\s+)?({l})\.?")),
            month_day_en: re(format!(r"({l})\.?\s+(\d{{1,2}})EN_ORD")),
            month_alone: re(format!(
                r"(?:(?:в|во)\s+({c})|({c})\s+айында|in\s+({l}))"
            )),
            relative: re(format!("({})", relative.join("|"))),
            time: re(r"^\s*,?\s*(?:в\s+|at\s+)?\d{1,2}[:.]\d{2}\b".into()),
        }
    })
}

/// A Kazakh ordinal ending written after digits (2017-нші жылы, 12-нші
/// маусымында), as transcribed speech and some outlets write dates.
const ORDINAL: &str = r"(?:-(?:ыншы|інші|сыншы|сінші|нші|ншы|ші|шы))?";

fn valid(y: &str, m: u32, d: u32) -> Option<String> {
    let y: i32 = y.parse().ok()?;
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn year(y: &str) -> Option<String> {
    y.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .map(|y| y.to_string())
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn day_number(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
fn civil(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

/// An ISO date's year, month and day.
fn parts(iso: &str) -> Option<(i32, u32, u32)> {
    Some((
        iso.get(0..4)?.parse().ok()?,
        iso.get(5..7)?.parse().ok()?,
        iso.get(8..10)?.parse().ok()?,
    ))
}

/// Shifts an ISO date by a number of days.
fn shift(iso: &str, days: i64) -> Option<String> {
    let (y, m, d) = parts(iso)?;
    let (y, m, d) = civil(day_number(y, m, d) + days);
    valid(&y.to_string(), m, d)
}

/// Spans found so far, in bytes of the text, that never overlap.
struct Found<'t> {
    text: &'t str,
    spans: Vec<(usize, usize, String)>,
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
        bounded && !self.spans.iter().any(|(a, b, _)| s < *b && *a < e)
    }

    fn push(&mut self, s: usize, e: usize, value: Option<String>) {
        if let Some(v) = value.filter(|_| self.free(s, e)) {
            self.spans.push((s, e, v));
        }
    }

    /// Every match of `re`, valued by `value`.
    fn each(&mut self, re: &Regex, value: impl Fn(&Captures) -> Option<String>) {
        for c in re.captures_iter(self.text) {
            let g = c.get(0).unwrap();
            self.push(g.start(), g.end(), value(&c));
        }
    }

    /// The word just before byte `s`.
    fn word_before(&self, s: usize) -> &str {
        let head = self.text[..s].trim_end();
        let from = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        &head[from..]
    }
}

/// A day (or a whole month) whose year the text does not write.
struct Yearless {
    start: usize,
    end: usize,
    month: u32,
    day: Option<u32>,
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
        spans: Vec::new(),
    };
    f.each(&p.iso, |c| valid(&c[1], num(c, 2), num(c, 3)));
    f.each(&p.dotted, |c| valid(&c[3], num(c, 2), num(c, 1)));
    f.each(&p.range, |c| {
        (c[1] < c[2]).then(|| format!("{}/{}", &c[1], &c[2]))
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
        let g = c.get(0).unwrap();
        // A day before the month that made no date (31 ноября 2025 года)
        // leaves the year alone, not the month.
        let after_day = f.text[..g.start()]
            .trim_end()
            .ends_with(|ch: char| ch.is_ascii_digit());
        let name = c.get(1).or(c.get(2)).unwrap().as_str();
        let v = month(name).and_then(|m| Some(format!("{}-{m:02}", year(&c[3])?)));
        f.push(g.start(), g.end(), v.filter(|_| !after_day));
    }
    f.each(&p.year_word, |c| year(&c[1]));
    for c in p.in_year.captures_iter(text) {
        let g = c.get(1).unwrap();
        f.push(g.start(), g.end(), year(g.as_str()));
    }
    for y in yearless(&f, p, lex) {
        let v = resolve(&f, &y, lex, published);
        f.push(y.start, y.end, v);
    }
    if let Some(pubd) = published {
        let rel = &lex.date_cues.relative;
        f.each(&p.relative, |c| {
            let days = rel.iter().find(|(w, _)| *w == c[1])?.1;
            shift(pubd, days)
        });
    }
    let mut spans = f.spans;
    spans.sort_by_key(|s| s.0);
    // byte offsets -> char offsets
    let mut out = Vec::with_capacity(spans.len());
    for (s, e, value) in spans {
        let start = text[..s].chars().count();
        let end = start + text[s..e].chars().count();
        out.push(DateMention { start, end, value });
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
        let g = c.get(0).unwrap();
        add(g.start(), g.end(), &c[2], day(&c, 1), false);
    }
    for c in p.day_month_en.captures_iter(f.text) {
        let g = c.get(0).unwrap();
        add(g.start(), g.end(), &c[2], day(&c, 1), false);
    }
    for c in p.month_day_en.captures_iter(f.text) {
        let g = c.get(0).unwrap();
        add(g.start(), g.end(), &c[1], day(&c, 2), false);
    }
    for c in p.month_alone.captures_iter(f.text) {
        let g = c.get(0).unwrap();
        let name = c.get(1).or(c.get(2)).or(c.get(3)).unwrap().as_str();
        add(g.start(), g.end(), name, None, true);
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
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, c)| ends(at + i, c))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

/// Whether a sentence speaks of the future: one of the `future` cue words,
/// whole words, or a phrase of them; a cue ending in `*` matches any ending.
fn speaks_of_future(sentence: &str, cues: &DateCues) -> bool {
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    cues.future.iter().any(|cue| {
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
    let stated = f
        .spans
        .iter()
        .filter(|(s, _, v)| (s0..y.start).contains(s) && !v.contains('/'))
        .max_by_key(|(s, _, _)| *s)
        .and_then(|(_, _, v)| v[..4].parse::<i32>().ok());
    let value = |yr: i32| match y.day {
        Some(d) => valid(&yr.to_string(), y.month, d),
        None => Some(format!("{yr:04}-{:02}", y.month)),
    };
    if let Some(yr) = stated {
        return value(yr);
    }
    let (py, pm, pd) = parts(published?)?;
    let future = speaks_of_future(&f.text[s0..e0], &lex.date_cues);
    let day = y.day.unwrap_or(1);
    // Compare within the publication year; Feb 29 falls back to Feb 28.
    let here = day_number(py, y.month, day.min(days_in_month(py, y.month)));
    let now = day_number(py, pm, if y.day.is_some() { pd } else { 1 });
    let yr = if here > now && !future {
        py - 1
    } else if here < now && future && now - here > 183 {
        py + 1
    } else {
        py
    };
    value(yr)
}

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
            if crate::lexicon::is_iso_date(d)
                && parts(d).is_some_and(|(y, m, dd)| valid(&y.to_string(), m, dd).is_some())
            {
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
    let first = find(lower, lex, None)
        .into_iter()
        .find(|d| d.value.len() == 10)?;
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

/// What separates a dateline's parts: АСТАНА. 12 мая 2024 г. КАЗИНФОРМ –
const SEPARATORS: &[char] = &[',', '.', '–', '—', '-', '|', '/', '•'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2024, 12, 31), (1999, 3, 1)] {
            assert_eq!(civil(day_number(y, m, d)), (y, m, d));
        }
        assert_eq!(day_number(1970, 1, 1), 0);
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
