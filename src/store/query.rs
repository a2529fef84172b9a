//! SPARQL over the store: SELECT, ASK, CONSTRUCT and DESCRIBE, with the
//! default graph as the union of all graphs and every partygraph prefix
//! declared. Results as a table for people, or in the SPARQL 1.1 result
//! formats (JSON, CSV, TSV, XML); graphs as Turtle. Results stream as they
//! are found (memory does not grow with their number); a query runs for a
//! bounded time and nests to a bounded depth; updates are refused.

use super::GraphStore;
use crate::rdf::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use std::io::Write;
use std::time::Duration;

/// How deep groups, parentheses and brackets may nest in a query. Real
/// queries stay far below; the parser's stack would not survive thousands.
pub const MAX_NESTING: usize = 64;

/// Rows a table shows to decide its column widths before it starts printing.
const TABLE_WIDTH_ROWS: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// Aligned columns with short names, for people.
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL 1.1 XML results.
    Xml,
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    #[error("updates are not allowed: the query is read-only (use `partygraph ingest` to change the store)")]
    Update,
    #[error("SPARQL syntax error: the query nests {depth} levels deep at {line}:{column} (at most {MAX_NESTING})")]
    TooDeep {
        depth: usize,
        line: usize,
        column: usize,
    },
    #[error(
        "query stopped after {0} s, its time limit (give --timeout SECONDS for more, 0 for none)"
    )]
    Timeout(u64),
    #[error("query failed: {0}")]
    Eval(String),
    #[error("writing results: {0}")]
    Io(#[from] std::io::Error),
}

/// A term with our prefixes, for tables: id:person/x, "text"@kk as text.
pub fn short(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            let s = n.as_str();
            vocab::PREFIXES
                .iter()
                .filter(|(_, iri)| s.starts_with(iri))
                .max_by_key(|(_, iri)| iri.len())
                .map(|(p, iri)| format!("{p}:{}", &s[iri.len()..]))
                .unwrap_or_else(|| format!("<{s}>"))
        }
        Term::Literal(l) => l.value().to_string(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Where a query nests deeper than [`MAX_NESTING`]: `{`, `(` and `[`
/// outside strings, IRIs and comments.
pub fn check_nesting(q: &str) -> Result<(), QueryError> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut chars = q.chars().peekable();
    let mut quote: Option<(char, bool)> = None;
    let mut comment = false;
    let mut iri = false;
    let mut prev = '\0';
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
            column = 0;
            comment = false;
        } else {
            column += 1;
        }
        if comment {
            continue;
        }
        if let Some((qc, long)) = quote {
            if c == '\\' {
                chars.next();
                column += 1;
            } else if c == qc {
                if !long {
                    quote = None;
                } else if chars.peek() == Some(&qc) {
                    chars.next();
                    if chars.peek() == Some(&qc) {
                        chars.next();
                        quote = None;
                    }
                }
            }
            continue;
        }
        if iri {
            iri = !(c == '>' || c.is_whitespace());
            continue;
        }
        match c {
            '#' => comment = true,
            '"' | '\'' => {
                let long = chars.peek() == Some(&c) && {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead.peek() == Some(&c)
                };
                if long {
                    chars.next();
                    chars.next();
                }
                quote = Some((c, long));
            }
            // An IRI starts after `<` that is not a comparison: followed by
            // no space or `=`.
            '<' if !matches!(chars.peek(), Some(' ' | '=' | '\n' | '\t')) && prev != '<' => {
                iri = true
            }
            '{' | '(' | '[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(QueryError::TooDeep {
                        depth,
                        line,
                        column,
                    });
                }
            }
            '}' | ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    Ok(())
}

fn evaluator(token: Option<CancellationToken>) -> Result<SparqlEvaluator, QueryError> {
    let mut ev = SparqlEvaluator::new();
    for (p, iri) in vocab::PREFIXES {
        ev = ev
            .with_prefix(*p, *iri)
            .map_err(|e| QueryError::Eval(e.to_string()))?;
    }
    if let Some(t) = token {
        ev = ev.with_cancellation_token(t);
    }
    Ok(ev)
}

/// Parses and runs a query.
pub fn execute(store: &GraphStore, q: &str) -> Result<QueryResults<'static>, QueryError> {
    execute_with(store, q, None)
}

fn execute_with(
    store: &GraphStore,
    q: &str,
    token: Option<CancellationToken>,
) -> Result<QueryResults<'static>, QueryError> {
    check_nesting(q)?;
    let mut prepared = match evaluator(token)?.parse_query(q) {
        Ok(p) => p,
        Err(e) => {
            if evaluator(None)?.parse_update(q).is_ok() {
                return Err(QueryError::Update);
            }
            return Err(QueryError::Syntax(e.to_string()));
        }
    };
    prepared.dataset_mut().set_default_graph_as_union();
    prepared
        .on_store(&store.store)
        .execute()
        .map_err(|e| QueryError::Eval(e.to_string()))
}

/// Stops a query when its time is up; dropped when the query is done.
struct Deadline {
    done: std::sync::mpsc::Sender<()>,
}

impl Deadline {
    fn start(token: CancellationToken, limit: Duration) -> Deadline {
        let (done, wait) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(limit) {
                token.cancel();
            }
        });
        Deadline { done }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let _ = self.done.send(());
    }
}

/// Runs a query and writes its results, with no time limit.
pub fn run(
    store: &GraphStore,
    q: &str,
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    run_with_timeout(store, q, format, None, out)
}

/// Runs a query and writes its results as they come; a query still running
/// after `timeout` is stopped with [`QueryError::Timeout`].
pub fn run_with_timeout(
    store: &GraphStore,
    q: &str,
    format: ResultFormat,
    timeout: Option<Duration>,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let token = CancellationToken::new();
    let _deadline = timeout.map(|t| Deadline::start(token.clone(), t));
    let secs = timeout.map(|t| t.as_secs()).unwrap_or_default();
    let eval_error = |e: &dyn std::fmt::Display| {
        if token.is_cancelled() {
            QueryError::Timeout(secs)
        } else {
            QueryError::Eval(e.to_string())
        }
    };
    let results = execute_with(store, q, Some(token.clone())).map_err(|e| match e {
        QueryError::Eval(m) => eval_error(&m),
        e => e,
    })?;
    match results {
        QueryResults::Boolean(b) => {
            match format {
                ResultFormat::Table => writeln!(out, "{}", if b { "yes" } else { "no" })?,
                f => {
                    QueryResultsSerializer::from_format(sparql_format(f))
                        .serialize_boolean_to_writer(&mut *out, b)?;
                }
            }
            Ok(1)
        }
        QueryResults::Solutions(mut sols) => {
            let vars: Vec<_> = sols.variables().to_vec();
            let mut n = 0;
            if format == ResultFormat::Table {
                let head: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                let row = |r: &oxigraph::sparql::QuerySolution| -> Vec<String> {
                    vars.iter()
                        .map(|v| r.get(v).map(short).unwrap_or_default())
                        .collect()
                };
                // The first rows decide the column widths; the rest stream
                // in those columns.
                let mut first = Vec::new();
                for r in sols.by_ref() {
                    first.push(row(&r.map_err(|e| eval_error(&e))?));
                    if first.len() == TABLE_WIDTH_ROWS {
                        break;
                    }
                }
                let table = TableWriter::new(&head, &first);
                table.head(out)?;
                for r in &first {
                    table.row(out, r)?;
                }
                n = first.len();
                drop(first);
                for r in sols {
                    table.row(out, &row(&r.map_err(|e| eval_error(&e))?))?;
                    n += 1;
                }
                writeln!(out, "({} row{})", n, if n == 1 { "" } else { "s" })?;
            } else {
                let mut ser = QueryResultsSerializer::from_format(sparql_format(format))
                    .serialize_solutions_to_writer(&mut *out, vars.clone())?;
                for r in sols {
                    let r = r.map_err(|e| eval_error(&e))?;
                    ser.serialize(r.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
                    n += 1;
                }
                ser.finish()?;
            }
            Ok(n)
        }
        QueryResults::Graph(triples) => {
            let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
            for (p, iri) in vocab::PREFIXES.iter().filter(|(p, _)| *p != "id") {
                ser = ser
                    .with_prefix(*p, *iri)
                    .map_err(|e| QueryError::Eval(e.to_string()))?;
            }
            let mut w = ser.for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                let t = t.map_err(|e| eval_error(&e))?;
                w.serialize_triple(&t)?;
                n += 1;
            }
            w.finish()?;
            Ok(n)
        }
    }
}

fn sparql_format(f: ResultFormat) -> QueryResultsFormat {
    match f {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        _ => QueryResultsFormat::Json,
    }
}

/// Aligned columns separated by two spaces, a rule under the header; cells
/// wider than 60 characters are cut with an ellipsis.
pub fn write_table(
    out: &mut dyn Write,
    head: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let t = TableWriter::new(head, rows);
    t.head(out)?;
    for r in rows {
        t.row(out, r)?;
    }
    Ok(())
}

/// A table whose column widths were decided from its header and some rows.
struct TableWriter<'a> {
    head: &'a [String],
    widths: Vec<usize>,
}

const MAX_CELL: usize = 60;

fn width(s: &str) -> usize {
    s.chars().count()
}

impl<'a> TableWriter<'a> {
    fn new(head: &'a [String], rows: &[Vec<String>]) -> TableWriter<'a> {
        let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
        for r in rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(width(c)).min(MAX_CELL);
            }
        }
        TableWriter { head, widths }
    }

    fn line(&self, cells: &[String]) -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c: String = if width(c) > MAX_CELL {
                    c.chars().take(MAX_CELL - 1).chain(['…']).collect()
                } else {
                    c.clone()
                };
                format!(
                    "{c}{}",
                    " ".repeat(self.widths[i].saturating_sub(width(&c)))
                )
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    }

    fn head(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "{}", self.line(self.head))?;
        writeln!(
            out,
            "{}",
            self.widths
                .iter()
                .map(|n| "─".repeat(*n))
                .collect::<Vec<_>>()
                .join("  ")
        )
    }

    fn row(&self, out: &mut dyn Write, r: &[String]) -> std::io::Result<()> {
        writeln!(out, "{}", self.line(r))
    }
}
