//! SPARQL over the store: SELECT, ASK, CONSTRUCT and DESCRIBE, with the
//! default graph as the union of all graphs and every partygraph prefix
//! declared. Results as a table for people, or in the SPARQL 1.1 result
//! formats (JSON, CSV, TSV, XML); graphs as Turtle.

use super::GraphStore;
use crate::rdf::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::io::Write;

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

/// Parses and runs a query.
pub fn execute(store: &GraphStore, q: &str) -> Result<QueryResults<'static>, QueryError> {
    let mut ev = SparqlEvaluator::new();
    for (p, iri) in vocab::PREFIXES {
        ev = ev
            .with_prefix(*p, *iri)
            .map_err(|e| QueryError::Eval(e.to_string()))?;
    }
    let mut prepared = ev
        .parse_query(q)
        .map_err(|e| QueryError::Syntax(e.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    prepared
        .on_store(&store.store)
        .execute()
        .map_err(|e| QueryError::Eval(e.to_string()))
}

/// Runs a query and writes its results.
pub fn run(
    store: &GraphStore,
    q: &str,
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    match execute(store, q)? {
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
        QueryResults::Solutions(sols) => {
            let vars: Vec<_> = sols.variables().to_vec();
            let rows: Vec<_> = sols
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| QueryError::Eval(e.to_string()))?;
            if format == ResultFormat::Table {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vars.iter()
                            .map(|v| r.get(v).map(short).unwrap_or_default())
                            .collect()
                    })
                    .collect();
                let head: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                write_table(out, &head, &cells)?;
                writeln!(
                    out,
                    "({} row{})",
                    rows.len(),
                    if rows.len() == 1 { "" } else { "s" }
                )?;
            } else {
                let mut ser = QueryResultsSerializer::from_format(sparql_format(format))
                    .serialize_solutions_to_writer(&mut *out, vars.clone())?;
                for r in &rows {
                    ser.serialize(r.iter().map(|(v, t)| (v.as_ref(), t.as_ref())))?;
                }
                ser.finish()?;
            }
            Ok(rows.len())
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
                let t = t.map_err(|e| QueryError::Eval(e.to_string()))?;
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

/// Aligned columns separated by two spaces, a rule under the header.
pub fn write_table(
    out: &mut dyn Write,
    head: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let width = |s: &str| s.chars().count();
    let mut w: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width(c)).min(60);
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c: String = if width(c) > 60 {
                    c.chars().take(59).chain(['…']).collect()
                } else {
                    c.clone()
                };
                format!("{c}{}", " ".repeat(w[i].saturating_sub(width(&c))))
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(head))?;
    writeln!(
        out,
        "{}",
        w.iter()
            .map(|n| "─".repeat(*n))
            .collect::<Vec<_>>()
            .join("  ")
    )?;
    for r in rows {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}
