//! SPARQL results: for people, solutions in aligned columns with our
//! prefixes (streamed: the first rows decide the widths) and a boolean as
//! yes or no; for machines, the SPARQL 1.1 result formats. Graphs are
//! Turtle either way.

use super::table::{rows, Columns};
use crate::cli::query::QueryFormat;
use anyhow::Result;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution, QuerySolutionIter};
use partygraph::rdf::vocab;
use partygraph::store::query::{self, Answer, Limit, ResultFormat};
use std::io::Write;

/// Rows a table reads to decide its column widths before it starts printing.
const TABLE_WIDTH_ROWS: usize = 1000;

/// Writes an answer in the format asked for.
pub fn results(out: &mut dyn Write, answer: Answer, format: QueryFormat) -> Result<()> {
    let sparql = match format {
        QueryFormat::Table => None,
        QueryFormat::Csv => Some(ResultFormat::Csv),
        QueryFormat::Tsv => Some(ResultFormat::Tsv),
        QueryFormat::Json => Some(ResultFormat::Json),
        QueryFormat::Xml => Some(ResultFormat::Xml),
    };
    if let Some(f) = sparql {
        query::write(answer, f, out)?;
        return Ok(());
    }
    let Answer { results, limit } = answer;
    match results {
        QueryResults::Boolean(b) => writeln!(out, "{}", if b { "yes" } else { "no" })?,
        QueryResults::Solutions(sols) => table(out, sols, &limit)?,
        QueryResults::Graph(triples) => {
            query::turtle(triples, &limit, out)?;
        }
    }
    Ok(())
}

/// Solutions in columns: the first rows decide the widths, the rest stream
/// in those columns.
fn table(out: &mut dyn Write, mut sols: QuerySolutionIter<'static>, limit: &Limit) -> Result<()> {
    let vars = sols.variables().to_vec();
    let head: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
    let row = |r: &QuerySolution| -> Vec<String> {
        vars.iter()
            .map(|v| r.get(v).map(short).unwrap_or_default())
            .collect()
    };
    let mut first = Vec::new();
    for r in sols.by_ref() {
        first.push(row(&r.map_err(|e| limit.error(&e))?));
        if first.len() == TABLE_WIDTH_ROWS {
            break;
        }
    }
    let columns = Columns::new(&head, &first);
    columns.head(out)?;
    for r in &first {
        columns.row(out, r)?;
    }
    let mut n = first.len();
    drop(first);
    for r in sols {
        columns.row(out, &row(&r.map_err(|e| limit.error(&e))?))?;
        n += 1;
    }
    rows(out, n)?;
    Ok(())
}

/// A term with our prefixes, for tables: id:person/x, "text"@kk as text.
fn short(t: &Term) -> String {
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
