//! Dates with ISO values: ISO strings, Kazakh (2025 жылғы 3 сәуірде),
//! Russian (4 февраля 2026 года), English (March 11, 2021; 11 March 2021),
//! year ranges (2025-2026 жылдарға → 2025/2026), years with their word
//! (2024 жылы, в 2022 году, in 2022), and relative words (бүгін, вчера,
//! today) resolved against the publication date, never the clock.

use crate::lexicon::Lexicon;
use regex::Regex;
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
    range: Regex,
    kk_full: Regex,
    day_month_year: Regex,
    month_day_year: Regex,
    year_word: Regex,
    in_year: Regex,
    day_month: Regex,
    relative: Regex,
}

fn patterns(lex: &Lexicon) -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let mut names: Vec<&String> = lex.months.keys().collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        let m = names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        let re = |s: String| Regex::new(&s.replace("ORD", ORDINAL)).expect("date pattern");
        Patterns {
            iso: re(r"(\d{4})-(\d{2})-(\d{2})".into()),
            range: re(
                r"(\d{4})\s*[-–—]\s*(\d{4})\s*(?:жыл\w*|годы|годах|год\w*|гг\.?|years?)".into(),
            ),
            kk_full: re(format!(
                r"(\d{{4}})ORD\s+(?:жылғы|жылдың)\s+(\d{{1,2}})ORD\s+({m})\w*"
            )),
            day_month_year: re(format!(
                r"(\d{{1,2}})\s+({m})\.?\s+(\d{{4}})(?:\s+(?:года|год|г\.|жылы|жыл\w*))?"
            )),
            month_day_year: re(format!(r"({m})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})")),
            year_word: re(r"(\d{4})ORD\s+(?:жыл\w*|году|года|год|г\.)".into()),
            in_year: re(r"(?:in|since|by)\s+(\d{4})".into()),
            day_month: re(format!(r"(\d{{1,2}})ORD\s+({m})\w*")),
            relative: re(r"(бүгін|кеше|сегодня|вчера|today|yesterday)".into()),
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

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Shifts an ISO date by -1 day.
fn day_before(iso: &str) -> Option<String> {
    let y: i32 = iso.get(0..4)?.parse().ok()?;
    let m: u32 = iso.get(5..7)?.parse().ok()?;
    let d: u32 = iso.get(8..10)?.parse().ok()?;
    if d > 1 {
        return valid(&y.to_string(), m, d - 1);
    }
    if m > 1 {
        return valid(&y.to_string(), m - 1, days_in_month(y, m - 1));
    }
    valid(&(y - 1).to_string(), 12, 31)
}

/// Every date in `text` (lowercase, folded), longest patterns first; spans do
/// not overlap. Relative dates need `published`.
pub fn find(text: &str, lex: &Lexicon, published: Option<&str>) -> Vec<DateMention> {
    let p = patterns(lex);
    let month = |s: &str| lex.months.get(s).copied();
    // start → (end, value); the spans never overlap, so their ends ascend
    // with their starts.
    let mut spans: BTreeMap<usize, (usize, String)> = BTreeMap::new();
    // A date stands between word boundaries; checked here rather than with
    // Unicode `\b` in the patterns, which would slow every search.
    let alnum_at = |i: usize| {
        text.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(char::is_alphanumeric)
    };
    let alnum_before = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let push =
        |s: usize, e: usize, v: Option<String>, spans: &mut BTreeMap<usize, (usize, String)>| {
            let bounded = !alnum_before(s)
                && (!alnum_at(e) || text[..e].ends_with(|c: char| !c.is_alphanumeric()));
            if let Some(v) = v.filter(|_| bounded) {
                // Of the spans that start before `e`, the last ends last.
                let overlaps = spans
                    .range(..e)
                    .next_back()
                    .is_some_and(|(_, (b, _))| s < *b);
                if !overlaps {
                    spans.insert(s, (e, v));
                }
            }
        };
    for c in p.iso.captures_iter(text) {
        let v = valid(&c[1], c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        push(
            c.get(0).unwrap().start(),
            c.get(0).unwrap().end(),
            v,
            &mut spans,
        );
    }
    for c in p.range.captures_iter(text) {
        let (a, b) = (&c[1], &c[2]);
        let v = (a < b).then(|| format!("{a}/{b}"));
        push(
            c.get(0).unwrap().start(),
            c.get(0).unwrap().end(),
            v,
            &mut spans,
        );
    }
    for c in p.kk_full.captures_iter(text) {
        let v = month(&c[3]).and_then(|m| valid(&c[1], m, c[2].parse().unwrap_or(0)));
        push(
            c.get(0).unwrap().start(),
            c.get(0).unwrap().end(),
            v,
            &mut spans,
        );
    }
    for c in p.day_month_year.captures_iter(text) {
        let v = month(&c[2]).and_then(|m| valid(&c[3], m, c[1].parse().unwrap_or(0)));
        push(
            c.get(0).unwrap().start(),
            c.get(0).unwrap().end(),
            v,
            &mut spans,
        );
    }
    for c in p.month_day_year.captures_iter(text) {
        let v = month(&c[1]).and_then(|m| valid(&c[3], m, c[2].parse().unwrap_or(0)));
        push(
            c.get(0).unwrap().start(),
            c.get(0).unwrap().end(),
            v,
            &mut spans,
        );
    }
    for c in p.year_word.captures_iter(text) {
        let v = c[1]
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .map(|y| y.to_string());
        push(
            c.get(0).unwrap().start(),
            c.get(0).unwrap().end(),
            v,
            &mut spans,
        );
    }
    for c in p.in_year.captures_iter(text) {
        let g = c.get(1).unwrap();
        let v = g
            .as_str()
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
            .map(|y| y.to_string());
        push(g.start(), g.end(), v, &mut spans);
    }
    if let Some(pubd) = published {
        let year = &pubd[..4];
        for c in p.day_month.captures_iter(text) {
            let v = month(&c[2]).and_then(|m| valid(year, m, c[1].parse().unwrap_or(0)));
            push(
                c.get(0).unwrap().start(),
                c.get(0).unwrap().end(),
                v,
                &mut spans,
            );
        }
        for c in p.relative.captures_iter(text) {
            let v = match &c[1] {
                "кеше" | "вчера" | "yesterday" => day_before(pubd),
                _ => Some(pubd.to_string()),
            };
            push(
                c.get(0).unwrap().start(),
                c.get(0).unwrap().end(),
                v,
                &mut spans,
            );
        }
    }
    // byte offsets -> char offsets, counting on from the previous span
    let mut out = Vec::with_capacity(spans.len());
    let (mut byte, mut chars) = (0, 0);
    for (s, (e, value)) in spans {
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

/// The publication date an article states: a leading `date YYYY-MM-DD` line,
/// or a dateline (a line near the top that is only a date).
pub fn published(text: &str, lex: &Lexicon) -> Option<String> {
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(4)
    {
        let lower = line.to_lowercase();
        if let Some(rest) = lower.strip_prefix("date") {
            let d = rest.trim_start_matches([' ', ':']).get(..10).unwrap_or("");
            if crate::lexicon::is_iso_date(d)
                && valid(
                    &d[..4],
                    d[5..7].parse().unwrap_or(0),
                    d[8..10].parse().unwrap_or(0),
                )
                .is_some()
            {
                return Some(d.to_string());
            }
        }
        if line.chars().count() <= 40 {
            let found = find(&lower, lex, None);
            if let [one] = found.as_slice() {
                let covered = lower.chars().count() - (one.end - one.start);
                if covered <= 2 && one.value.len() == 10 {
                    return Some(one.value.clone());
                }
            }
        }
    }
    None
}

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
            values("26 сәуірге дейін", Some("2025-03-01")),
            ["2025-04-26"]
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
}
