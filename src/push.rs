//! Push: the store's named graphs written to a SPARQL 1.1 server, each
//! replacing the graph of the same name there, so that pushing twice leaves
//! the server as the first push did.
//!
//! In: a [`GraphStore`] and the server's Graph Store Protocol endpoint (a
//! PUT per named graph with an N-Triples body, then POSTs for the rest of a
//! large graph) or its SPARQL Update endpoint (`DROP SILENT GRAPH` and
//! `INSERT DATA`). Out: what was sent, or an error naming the server, the
//! graph and what the server said. Requests that fail for a moment (no
//! connection, 5xx, 429) are tried again a few times.

use crate::store::GraphStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedOrBlankNode, Triple};
use std::time::Duration;

/// Where to push.
#[derive(Clone, Debug)]
pub enum Endpoint {
    /// A SPARQL 1.1 Graph Store HTTP Protocol endpoint (`...?graph=IRI`).
    GraphStore(String),
    /// A SPARQL 1.1 Update endpoint.
    Update(String),
}

/// How to push.
#[derive(Clone, Debug)]
pub struct Options {
    /// Triples per request at most: a larger graph is sent in several.
    pub batch: usize,
    /// Tries of one request before giving up.
    pub tries: u32,
    /// Waited before the second try, doubled before each next one.
    pub backoff: Duration,
    /// For one request.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            batch: 10_000,
            tries: 4,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(120),
        }
    }
}

/// What a push sent.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    pub graphs: usize,
    pub triples: usize,
    pub requests: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("store {store}: {message}")]
    Read { store: String, message: String },
    #[error(
        "{url}: the server refused graph {graph}: HTTP {status}{}",
        body_excerpt(body)
    )]
    Refused {
        url: String,
        graph: String,
        status: u16,
        body: String,
    },
    #[error("{url}: graph {graph} not sent after {tries} tries: {message}")]
    Unreachable {
        url: String,
        graph: String,
        tries: u32,
        message: String,
    },
}

fn body_excerpt(body: &str) -> String {
    let b = body.trim();
    if b.is_empty() {
        String::new()
    } else {
        let short: String = b.chars().take(300).collect();
        format!(": {short}")
    }
}

/// Pushes every graph of the store (named graphs, and the default graph when
/// it holds anything), in the order of their names.
pub fn push(
    store: &GraphStore,
    to: &Endpoint,
    opts: &Options,
    on_graph: &dyn Fn(&str),
) -> Result<Summary, PushError> {
    let read = |e: &dyn std::fmt::Display| PushError::Read {
        store: store.path.display().to_string(),
        message: e.to_string(),
    };
    let mut graphs: Vec<GraphName> = store
        .store
        .named_graphs()
        .map(|g| {
            g.map(|g| match g {
                NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
                NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
            })
        })
        .collect::<Result<_, _>>()
        .map_err(|e| read(&e))?;
    graphs.sort_by_cached_key(|g| g.to_string());
    let default_used = store
        .store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .next()
        .is_some();
    if default_used {
        graphs.insert(0, GraphName::DefaultGraph);
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(opts.timeout))
        .build()
        .into();
    let mut summary = Summary::default();
    for g in &graphs {
        on_graph(&g.to_string());
        let mut triples: Vec<Triple> = store
            .store
            .quads_for_pattern(None, None, None, Some(g.as_ref()))
            .map(|q| q.map(|q| Triple::new(q.subject, q.predicate, q.object)))
            .collect::<Result<_, _>>()
            .map_err(|e| read(&e))?;
        triples.sort_by_cached_key(|t| t.to_string());
        let batches: Vec<&[Triple]> = if triples.is_empty() {
            vec![&[]]
        } else {
            triples.chunks(opts.batch.max(1)).collect()
        };
        for (i, batch) in batches.iter().enumerate() {
            let body = ntriples(batch);
            send(&agent, to, g, i == 0, &body, opts)?;
            summary.requests += 1;
        }
        summary.graphs += 1;
        summary.triples += triples.len();
    }
    Ok(summary)
}

fn ntriples(triples: &[Triple]) -> String {
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for t in triples {
        // Writing to memory does not fail.
        let _ = w.serialize_triple(t);
    }
    String::from_utf8(w.finish().unwrap_or_default()).unwrap_or_default()
}

/// One request: the first of a graph replaces it, the others add to it.
fn send(
    agent: &ureq::Agent,
    to: &Endpoint,
    g: &GraphName,
    first: bool,
    body: &str,
    opts: &Options,
) -> Result<(), PushError> {
    let name = g.to_string();
    let (url, content_type, payload) = match to {
        Endpoint::GraphStore(url) => (url, "application/n-triples", body.to_string()),
        Endpoint::Update(url) => (url, "application/sparql-update", update(g, first, body)),
    };
    let mut wait = opts.backoff;
    let mut last = String::new();
    for attempt in 1..=opts.tries.max(1) {
        if attempt > 1 {
            std::thread::sleep(wait);
            wait *= 2;
        }
        let req = match (to, first) {
            (Endpoint::GraphStore(_), true) => agent.put(url.as_str()),
            _ => agent.post(url.as_str()),
        };
        let req = match (to, g) {
            (Endpoint::GraphStore(_), GraphName::DefaultGraph) => req.query("default", ""),
            (Endpoint::GraphStore(_), GraphName::NamedNode(n)) => req.query("graph", n.as_str()),
            _ => req,
        };
        match req
            .header("Content-Type", content_type)
            .send(payload.as_str())
        {
            Ok(resp) => {
                let status = resp.status().as_u16();
                if (200..300).contains(&status) {
                    return Ok(());
                }
                let body = resp.into_body().read_to_string().unwrap_or_default();
                if status == 429 || status >= 500 {
                    last = format!("HTTP {status}{}", body_excerpt(&body));
                    continue;
                }
                return Err(PushError::Refused {
                    url: url.clone(),
                    graph: name,
                    status,
                    body,
                });
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(PushError::Unreachable {
        url: url.clone(),
        graph: name,
        tries: opts.tries.max(1),
        message: last,
    })
}

/// The SPARQL Update of one batch: the first drops the graph before it.
fn update(g: &GraphName, first: bool, ntriples: &str) -> String {
    match g {
        GraphName::NamedNode(n) => {
            let drop = if first {
                format!("DROP SILENT GRAPH {n} ;\n")
            } else {
                String::new()
            };
            format!("{drop}INSERT DATA {{ GRAPH {n} {{\n{ntriples}}} }}")
        }
        _ => {
            let drop = if first { "DROP SILENT DEFAULT ;\n" } else { "" };
            format!("{drop}INSERT DATA {{\n{ntriples}}}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn the_first_update_of_a_graph_drops_it_and_the_others_add() {
        let g = GraphName::NamedNode(NamedNode::new("https://example.org/g").unwrap());
        let body = "<urn:a> <urn:b> <urn:c> .\n";
        assert_eq!(
            update(&g, true, body),
            "DROP SILENT GRAPH <https://example.org/g> ;\n\
             INSERT DATA { GRAPH <https://example.org/g> {\n<urn:a> <urn:b> <urn:c> .\n} }"
        );
        assert_eq!(
            update(&g, false, body),
            "INSERT DATA { GRAPH <https://example.org/g> {\n<urn:a> <urn:b> <urn:c> .\n} }"
        );
        assert!(update(&GraphName::DefaultGraph, true, body).starts_with("DROP SILENT DEFAULT ;"));
    }

    #[test]
    fn a_long_answer_is_cut_in_the_message() {
        assert_eq!(body_excerpt("  \n"), "");
        assert_eq!(body_excerpt(" no \n").as_str(), ": no");
        assert_eq!(body_excerpt(&"x".repeat(1000)).chars().count(), 302);
    }
}
