//! SPARQL over the store: SELECT, ASK, CONSTRUCT and DESCRIBE, with the
//! default graph as the union of all graphs and every partygraph prefix
//! declared. [`answer`] runs a query and hands its results over as they are
//! found (memory does not grow with their number); [`write`] writes them in
//! the SPARQL 1.1 result formats (JSON, CSV, TSV, XML), graphs as Turtle.
//! A query runs for a bounded time and nests to a bounded depth; updates are
//! refused.

use super::GraphStore;
use crate::rdf::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, QueryTripleIter, SparqlEvaluator};
use std::io::Write;
use std::time::Duration;

/// How deep groups, parentheses and brackets may nest in a query. Real
/// queries stay far below; the parser's stack would not survive thousands.
pub const MAX_NESTING: usize = 64;

/// The SPARQL 1.1 result formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultFormat {
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

/// A query's results as they come, and the time limit they run under.
pub struct Answer {
    pub results: QueryResults<'static>,
    pub limit: Limit,
}

/// The time limit of a running query: ends it when its time is up, and
/// tells a stopped query from a failed one.
pub struct Limit {
    token: CancellationToken,
    secs: u64,
    _deadline: Option<Deadline>,
}

impl Limit {
    /// The error a failure while reading results stands for.
    pub fn error(&self, e: &dyn std::fmt::Display) -> QueryError {
        if self.token.is_cancelled() {
            QueryError::Timeout(self.secs)
        } else {
            QueryError::Eval(e.to_string())
        }
    }
}

/// Parses and starts a query; one still running after `timeout` is stopped
/// with [`QueryError::Timeout`].
pub fn answer(
    store: &GraphStore,
    q: &str,
    timeout: Option<Duration>,
) -> Result<Answer, QueryError> {
    let token = CancellationToken::new();
    let limit = Limit {
        _deadline: timeout.map(|t| Deadline::start(token.clone(), t)),
        secs: timeout.map(|t| t.as_secs()).unwrap_or_default(),
        token: token.clone(),
    };
    let results = execute_with(store, q, Some(token)).map_err(|e| match e {
        QueryError::Eval(m) => limit.error(&m),
        e => e,
    })?;
    Ok(Answer { results, limit })
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
    write(answer(store, q, timeout)?, format, out)
}

/// Writes an answer in a SPARQL result format (a graph as Turtle); the
/// number of results.
pub fn write(
    answer: Answer,
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let serializer = QueryResultsSerializer::from_format(sparql_format(format));
    match answer.results {
        QueryResults::Boolean(b) => {
            serializer.serialize_boolean_to_writer(&mut *out, b)?;
            Ok(1)
        }
        QueryResults::Solutions(sols) => {
            let vars = sols.variables().to_vec();
            let mut ser = serializer.serialize_solutions_to_writer(&mut *out, vars)?;
            let mut n = 0;
            for r in sols {
                let r = r.map_err(|e| answer.limit.error(&e))?;
                ser.serialize(r.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
                n += 1;
            }
            ser.finish()?;
            Ok(n)
        }
        QueryResults::Graph(triples) => turtle(triples, &answer.limit, out),
    }
}

/// A graph's triples as Turtle with our prefixes; the number of triples.
pub fn turtle(
    triples: QueryTripleIter<'static>,
    limit: &Limit,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
    for (p, iri) in vocab::PREFIXES.iter().filter(|(p, _)| *p != "id") {
        ser = ser
            .with_prefix(*p, *iri)
            .map_err(|e| QueryError::Eval(e.to_string()))?;
    }
    let mut w = ser.for_writer(&mut *out);
    let mut n = 0;
    for t in triples {
        let t = t.map_err(|e| limit.error(&e))?;
        w.serialize_triple(&t)?;
        n += 1;
    }
    w.finish()?;
    Ok(n)
}

fn sparql_format(f: ResultFormat) -> QueryResultsFormat {
    match f {
        ResultFormat::Csv => QueryResultsFormat::Csv,
        ResultFormat::Tsv => QueryResultsFormat::Tsv,
        ResultFormat::Xml => QueryResultsFormat::Xml,
        ResultFormat::Json => QueryResultsFormat::Json,
    }
}
