//! Argument types more than one command takes: dates, languages, event
//! types and the output formats of the tables and cards.

use clap::ValueEnum;
use partygraph::lookup::views::Lang;

#[derive(Clone, Copy, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns, for people.
    Table,
    /// An array of objects, for machines.
    Json,
    /// For spreadsheets.
    Csv,
}

/// How a view prints, and in which language its names are.
#[derive(clap::Args)]
pub struct View {
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CardFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Kk,
    Ru,
    En,
}

/// The names to print: in the language asked for, else each entity's own.
pub fn lang(l: Option<LangArg>) -> Lang {
    Lang::parse(l.map(|l| match l {
        LangArg::Kk => "kk",
        LangArg::Ru => "ru",
        LangArg::En => "en",
    }))
}

/// A date as YYYY-MM-DD (or YYYY, YYYY-MM), checked against the calendar.
pub fn date_arg(s: &str) -> Result<String, String> {
    if calendar_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a date like 2025-11-14 (or 2025-11, or 2025)"
        ))
    }
}

/// YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day.
fn calendar_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let Some(year) = parts.first().and_then(|y| num(y, 4)) else {
        return false;
    };
    let month = match parts.get(1) {
        None => return parts.len() == 1,
        Some(m) => match num(m, 2) {
            Some(m @ 1..=12) => m,
            _ => return false,
        },
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    match parts.get(2) {
        None => parts.len() == 2,
        Some(d) => parts.len() == 3 && matches!(num(d, 2), Some(d) if (1..=days).contains(&d)),
    }
}

/// An event type of the graph, in any letter case.
pub fn event_type_arg(s: &str) -> Result<String, String> {
    use partygraph::lexicon::gazetteer::EVENT_TYPES;
    EVENT_TYPES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(s))
        .map(|t| t.to_string())
        .ok_or_else(|| {
            format!(
                "{s:?} is not an event type: one of {}",
                EVENT_TYPES.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::date_arg;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        for ok in ["2025", "2025-11", "2025-11-14", "2024-02-29"] {
            assert_eq!(date_arg(ok).as_deref(), Ok(ok));
        }
        for bad in [
            "2025-02-29",
            "2025-13",
            "20250101",
            "2025-1-1",
            "",
            "2025-11-14-1",
        ] {
            assert_eq!(
                date_arg(bad),
                Err(format!(
                    "{bad:?} is not a date like 2025-11-14 (or 2025-11, or 2025)"
                ))
            );
        }
    }
}
