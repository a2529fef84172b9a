//! The embedded on-disk store (Oxigraph on RocksDB). Ingesting an article
//! replaces its named graph in one transaction with the merged knowledge
//! graph rebuilt from every article the store holds, so ingesting the same
//! article twice changes nothing and a failed input leaves the store as it was.

pub mod query;

use crate::graph::KnowledgeGraph;
use crate::lexicon::Lexicon;
use crate::rdf::{self, vocab};
use crate::resolve::Resolved;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "no store at {0}: build one with `partygraph ingest PATH...` (or name it with --store)"
    )]
    Missing(PathBuf),
    #[error("store {path}: {source}")]
    Storage {
        path: PathBuf,
        source: oxigraph::store::StorageError,
    },
    #[error("store {0}: an article's stored extraction is not readable: {1}")]
    Corrupt(PathBuf, String),
    #[error("{0}")]
    Other(String),
}

/// The default store folder, unless --store or PARTYGRAPH_STORE says otherwise.
pub const DEFAULT_STORE: &str = "partygraph.db";

pub struct GraphStore {
    pub store: Store,
    pub path: PathBuf,
}

/// What an ingest changed.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IngestSummary {
    pub articles: usize,
    pub articles_in_store: usize,
    pub entities: usize,
    pub posts: usize,
    pub events: usize,
    pub quads: usize,
}

impl GraphStore {
    /// Opens the store for writing, creating it if needed.
    pub fn open(path: &Path) -> Result<GraphStore, StoreError> {
        let store = Store::open(path).map_err(|e| StoreError::Storage {
            path: path.into(),
            source: e,
        })?;
        Ok(GraphStore {
            store,
            path: path.into(),
        })
    }

    /// Remembers the articles of one ingest (`builds.json` beside the
    /// store's data), so that `changes` can say what the last one brought.
    pub fn record_build(&self, articles: &[String]) -> std::io::Result<()> {
        let path = self.path.join("builds.json");
        let mut builds: Vec<Vec<String>> = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let mut ids = articles.to_vec();
        ids.sort();
        builds.push(ids);
        std::fs::write(&path, serde_json::to_string(&builds)?)
    }

    /// The articles of the last ingest, if one was recorded.
    pub fn last_build(&self) -> Option<Vec<String>> {
        let t = std::fs::read_to_string(self.path.join("builds.json")).ok()?;
        let builds: Vec<Vec<String>> = serde_json::from_str(&t).ok()?;
        builds.last().cloned()
    }

    /// Opens an existing store.
    pub fn open_existing(path: &Path) -> Result<GraphStore, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Missing(path.into()));
        }
        Self::open(path)
    }

    fn err(&self, e: oxigraph::store::StorageError) -> StoreError {
        StoreError::Storage {
            path: self.path.clone(),
            source: e,
        }
    }

    /// Every article extraction held in the store.
    pub fn extractions(&self) -> Result<Vec<Resolved>, StoreError> {
        let p = NamedNode::new_unchecked(format!("{}extraction", vocab::PG));
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(p.as_ref()), None, None)
        {
            let q = q.map_err(|e| self.err(e))?;
            if let Term::Literal(l) = &q.object {
                let r: Resolved = serde_json::from_str(l.value())
                    .map_err(|e| StoreError::Corrupt(self.path.clone(), e.to_string()))?;
                out.push(r);
            }
        }
        out.sort_by(|a, b| a.doc.cmp(&b.doc));
        Ok(out)
    }

    /// The knowledge graph of everything stored.
    pub fn knowledge_graph(&self, lex: &Lexicon) -> Result<KnowledgeGraph, StoreError> {
        Ok(KnowledgeGraph::build(&self.extractions()?, lex))
    }

    /// Stores articles: each replaces its own graph; the merged graph, the
    /// reference graph and the schema are rebuilt; all in one transaction.
    pub fn ingest(
        &self,
        articles: &[Resolved],
        lex: &Lexicon,
    ) -> Result<IngestSummary, StoreError> {
        let mut all: Vec<Resolved> = self
            .extractions()?
            .into_iter()
            .filter(|r| !articles.iter().any(|a| a.doc == r.doc))
            .collect();
        all.extend(articles.iter().cloned());
        let kg = KnowledgeGraph::build(&all, lex);
        // Articles the store does not hold yet go in through the bulk loader,
        // which is several times faster; if the run stops before the
        // transaction below, the next ingest rebuilds the merged graph from
        // every stored article. Articles it holds are replaced in the transaction.
        let mut fresh = Vec::new();
        let mut replaced = Vec::new();
        for a in articles {
            let g = NamedNode::new_unchecked(vocab::graph_doc(&a.doc));
            if self
                .store
                .contains_named_graph(g.as_ref())
                .map_err(|e| self.err(e))?
            {
                replaced.push(a);
            } else {
                fresh.extend(rdf::article(a));
            }
        }
        if !fresh.is_empty() {
            let mut loader = self.store.bulk_loader();
            loader.load_quads(fresh).map_err(|e| self.err(e))?;
            loader.commit().map_err(|e| self.err(e))?;
        }
        let mut tx = self.store.start_transaction().map_err(|e| self.err(e))?;
        for a in replaced {
            let g = NamedNode::new_unchecked(vocab::graph_doc(&a.doc));
            tx.clear_graph(g.as_ref()).map_err(|e| self.err(e))?;
            tx.extend(rdf::article(a).iter());
        }
        let kg_quads = rdf::knowledge(&kg);
        let kgn = NamedNode::new_unchecked(vocab::graph_kg());
        tx.clear_graph(kgn.as_ref()).map_err(|e| self.err(e))?;
        let refn = NamedNode::new_unchecked(vocab::graph_reference());
        tx.clear_graph(refn.as_ref()).map_err(|e| self.err(e))?;
        tx.extend(rdf::reference(lex).iter());
        let schn = NamedNode::new_unchecked(vocab::graph_schema());
        tx.clear_graph(schn.as_ref()).map_err(|e| self.err(e))?;
        for q in schema_quads(&schn)? {
            tx.insert(&q);
        }
        tx.commit().map_err(|e| self.err(e))?;
        // The merged graph is derived from the stored articles: it goes in
        // through the bulk loader, and should this stop halfway, the next
        // ingest (or any lookup, which rebuilds it from the articles) has it whole.
        let mut loader = self.store.bulk_loader();
        loader.load_quads(kg_quads).map_err(|e| self.err(e))?;
        loader.commit().map_err(|e| self.err(e))?;
        let summary = IngestSummary {
            articles: articles.len(),
            articles_in_store: all.len(),
            entities: kg
                .nodes()
                .filter(|(_, n)| matches!(n, crate::graph::Node::Entity(_)))
                .count(),
            posts: kg
                .nodes()
                .filter(|(_, n)| matches!(n, crate::graph::Node::Tenure(_)))
                .count(),
            events: kg
                .nodes()
                .filter(|(_, n)| matches!(n, crate::graph::Node::Event(_)))
                .count(),
            quads: self.store.len().map_err(|e| self.err(e))?,
        };
        Ok(summary)
    }

    /// Every quad, sorted, so that exports are byte-identical across runs.
    pub fn sorted_quads(&self) -> Result<Vec<Quad>, StoreError> {
        let mut v: Vec<Quad> = self
            .store
            .iter()
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        v.sort_by_cached_key(|q| q.to_string());
        Ok(v)
    }

    /// Writes the store in an RDF format. Dataset formats keep the named
    /// graphs; triple formats write the union of all graphs.
    pub fn export(&self, format: RdfFormat, w: &mut dyn std::io::Write) -> Result<(), StoreError> {
        let quads = self.sorted_quads()?;
        let mut ser = RdfSerializer::from_format(format);
        for (p, iri) in vocab::PREFIXES {
            ser = ser
                .with_prefix(*p, *iri)
                .map_err(|e| StoreError::Other(e.to_string()))?;
        }
        let mut out = ser.for_writer(w);
        let io = |e: std::io::Error| StoreError::Other(format!("writing export: {e}"));
        if format.supports_datasets() {
            for q in &quads {
                out.serialize_quad(q).map_err(io)?;
            }
        } else {
            let mut seen = std::collections::BTreeSet::new();
            for q in &quads {
                let t = oxigraph::model::Triple::new(
                    q.subject.clone(),
                    q.predicate.clone(),
                    q.object.clone(),
                );
                if seen.insert(t.to_string()) {
                    out.serialize_triple(&t).map_err(io)?;
                }
            }
        }
        out.finish().map_err(io)?;
        Ok(())
    }
}

/// The ontology and role scheme as quads of the schema graph.
fn schema_quads(graph: &NamedNode) -> Result<Vec<Quad>, StoreError> {
    let mut out = Vec::new();
    for (file, ttl) in rdf::SCHEMA_TTL {
        for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
            let t = t.map_err(|e| StoreError::Other(format!("{file}: {e}")))?;
            out.push(Quad::new(
                t.subject,
                t.predicate,
                t.object,
                GraphNameRef::NamedNode(NamedNodeRef::from(graph)).into_owned(),
            ));
        }
    }
    Ok(out)
}
