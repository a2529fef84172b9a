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
            "{} (or 2025-11, or 2025)",
            partygraph::lexicon::not_a_date(s)
        ))
    }
}

/// YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month and day: a year or
/// month is one when its first day is a calendar date.
fn calendar_date(s: &str) -> bool {
    let day = match s.len() {
        4 => format!("{s}-01-01"),
        7 => format!("{s}-01"),
        10 => s.to_string(),
        _ => return false,
    };
    partygraph::lexicon::is_iso_date(&day)
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
            "2025-01-01-",
            "2025-1",
            "0000",
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
