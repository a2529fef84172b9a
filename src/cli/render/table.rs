//! The views as aligned columns for people, CSV for spreadsheets, or JSON
//! for machines; and the column writer SPARQL tables stream through.

use crate::cli::args::TableFormat;
use anyhow::Result;
use partygraph::lookup::views::Table;
use std::io::Write;

/// Widest a cell prints; longer ones are cut with an ellipsis.
const MAX_CELL: usize = 60;

/// Prints a view on standard output.
pub fn print(t: &Table, f: TableFormat) -> Result<()> {
    let mut out = super::stdout();
    match f {
        TableFormat::Table => aligned(&mut *out, t)?,
        TableFormat::Csv => csv(&mut *out, t)?,
        TableFormat::Json => super::json(&mut *out, &objects(t))?,
    }
    out.flush()?;
    Ok(())
}

/// Aligned columns, then the number of rows.
fn aligned(out: &mut dyn Write, t: &Table) -> std::io::Result<()> {
    let head: Vec<String> = t.head.iter().map(|h| h.to_string()).collect();
    let w = Columns::new(&head, &t.rows);
    w.head(out)?;
    for r in &t.rows {
        w.row(out, r)?;
    }
    rows(out, t.rows.len())
}

/// The line that closes a table: "(1 row)", "(7 rows)".
pub fn rows(out: &mut dyn Write, n: usize) -> std::io::Result<()> {
    writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })
}

/// RFC 4180 CSV, quoted where a cell needs it, lines ending in `\n`.
fn csv(out: &mut dyn Write, t: &Table) -> Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(&t.head)?;
    for r in &t.rows {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

/// One object per row, keyed by the header: an empty cell is null and a
/// count a number (an id such as "007" stays text).
fn objects(t: &Table) -> Vec<serde_json::Map<String, serde_json::Value>> {
    use serde_json::Value;
    let cell = |c: &String| {
        let number = c
            .parse::<u64>()
            .ok()
            .filter(|_| c == "0" || !c.starts_with('0'));
        match (c.is_empty(), number) {
            (true, _) => Value::Null,
            (false, Some(n)) => Value::from(n),
            (false, None) => Value::String(c.clone()),
        }
    };
    t.rows
        .iter()
        .map(|r| {
            t.head
                .iter()
                .zip(r)
                .map(|(h, c)| (h.to_string(), cell(c)))
                .collect()
        })
        .collect()
}

/// Columns whose widths were decided from the header and some rows; later
/// rows print in the same columns, so a long answer streams. Two spaces
/// between columns, a rule under the header, no spaces at the ends of lines.
pub struct Columns<'a> {
    head: &'a [String],
    widths: Vec<usize>,
}

fn width(s: &str) -> usize {
    s.chars().count()
}

impl<'a> Columns<'a> {
    pub fn new(head: &'a [String], rows: &[Vec<String>]) -> Columns<'a> {
        let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
        for r in rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(width(c)).min(MAX_CELL);
            }
        }
        Columns { head, widths }
    }

    fn line(&self, cells: &[String]) -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&self.widths)
            .map(|(c, w)| {
                let c: String = if width(c) > MAX_CELL {
                    c.chars().take(MAX_CELL - 1).chain(['…']).collect()
                } else {
                    c.clone()
                };
                let pad = w.saturating_sub(width(&c));
                format!("{c}{}", " ".repeat(pad))
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    }

    pub fn head(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "{}", self.line(self.head))?;
        let rule: Vec<String> = self.widths.iter().map(|n| "─".repeat(*n)).collect();
        writeln!(out, "{}", rule.join("  "))
    }

    pub fn row(&self, out: &mut dyn Write, r: &[String]) -> std::io::Result<()> {
        writeln!(out, "{}", self.line(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<&str>>) -> Table {
        Table {
            head: vec!["a", "b"],
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(String::from).collect())
                .collect(),
        }
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let mut out = Vec::new();
        csv(
            &mut out,
            &table(vec![vec!["x, y", "say \"hi\""], vec!["", "1"]]),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n,1\n"
        );
    }

    #[test]
    fn columns_align_and_long_cells_are_cut() {
        let long = "ж".repeat(70);
        let mut out = Vec::new();
        aligned(&mut out, &table(vec![vec!["Астана", ""], vec![&long, "2"]])).unwrap();
        let cut = format!("{}…", "ж".repeat(59));
        let rule = format!("{}  ─", "─".repeat(60));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "a{}  b\n{rule}\nАстана\n{cut}  2\n(2 rows)\n",
                " ".repeat(59)
            )
        );
    }

    #[test]
    fn json_cells_are_null_numbers_or_text() {
        let objs = objects(&table(vec![vec!["", "12"], vec!["007", "0"]]));
        assert_eq!(
            serde_json::to_string(&objs).unwrap(),
            r#"[{"a":null,"b":12},{"a":"007","b":0}]"#
        );
    }
}
