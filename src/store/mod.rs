//! The embedded on-disk store (Oxigraph on RocksDB). An ingest is one
//! transaction: the articles' named graphs, the merged knowledge graph
//! rebuilt from every article the store holds, the reference and schema
//! graphs are committed together or not at all, so a crash, a full disk or
//! a killed process leaves the store as it was before the ingest or as it is
//! after it, never a mix. Ingesting the same article twice changes nothing.
//!
//! One process writes at a time and readers wait for it (see [`lock`]);
//! readers open the store read-only.

pub mod extractions;
pub mod lock;
pub mod query;

use lock::{LockError, StoreLock};
use std::time::Duration;

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
    #[error("{0} is a file, not a store folder: name a folder with --store")]
    NotAFolder(PathBuf),
    #[error("{0} holds other files and is not a partygraph store: name an empty or new folder with --store")]
    NotAStore(PathBuf),
    #[error("store {path} is in use by another process{}; try again when it is done, or give --wait SECONDS", holder.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Busy {
        path: PathBuf,
        holder: Option<String>,
    },
    #[error("store {path} cannot be written: {error}")]
    NotWritable {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("store {path}: {}{}", storage_message(error), full_disk_hint(error))]
    Storage {
        path: PathBuf,
        error: oxigraph::store::StorageError,
    },
    #[error("store {0}: an article's stored extraction is not readable: {1}")]
    Corrupt(PathBuf, String),
    #[error("writing export")]
    Export(#[source] std::io::Error),
    #[error("the prefix {prefix}: is refused: {message}")]
    Prefix { prefix: String, message: String },
    #[error("{file}: {message}")]
    Schema { file: String, message: String },
}

fn lock_error(path: &Path, e: LockError) -> StoreError {
    match e {
        LockError::Busy { holder } => StoreError::Busy {
            path: path.into(),
            holder,
        },
        LockError::Io(error) => StoreError::NotWritable {
            path: path.into(),
            error,
        },
    }
}

/// A folder RocksDB has made a store of.
fn is_store(path: &Path) -> bool {
    path.join("CURRENT").is_file()
}

/// A folder with nothing in it but what partygraph itself leaves (the lock
/// file, the record of ingests).
fn is_empty_folder(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| {
        entries.all(|e| {
            e.is_ok_and(|e| {
                let n = e.file_name();
                n == lock::LOCK_FILE || n == "builds.json"
            })
        })
    })
}

/// RocksDB's message, once: its errors often repeat their cause after a colon.
fn storage_message(e: &oxigraph::store::StorageError) -> String {
    let t = e.to_string();
    let n = t.len();
    if n > 2 && (n - 2).is_multiple_of(2) {
        let half = (n - 2) / 2;
        if t.is_char_boundary(half) && &t[half..half + 2] == ": " && t[..half] == t[half + 2..] {
            return t[..half].to_string();
        }
    }
    t
}

fn full_disk_hint(e: &oxigraph::store::StorageError) -> &'static str {
    let t = e.to_string().to_lowercase();
    if t.contains("no space") || t.contains("file too large") || t.contains("quota") {
        " (the disk is full: nothing of this ingest was stored; free some space and ingest again)"
    } else {
        ""
    }
}

/// The default store folder, unless --store or PARTYGRAPH_STORE says otherwise.
pub const DEFAULT_STORE: &str = "partygraph.db";

pub struct GraphStore {
    pub store: Store,
    pub path: PathBuf,
    /// Held while the store is open: exclusive for a writer, shared for readers.
    _lock: StoreLock,
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
    /// Opens the store for writing, creating it if needed, without waiting
    /// for another process that uses it.
    pub fn open(path: &Path) -> Result<GraphStore, StoreError> {
        Self::open_for_writing(path, Duration::ZERO)
    }

    /// Opens the store for writing, creating it if needed; waits up to `wait`
    /// while another process reads or writes it. The folder must be new,
    /// empty or a store already.
    pub fn open_for_writing(path: &Path, wait: Duration) -> Result<GraphStore, StoreError> {
        match std::fs::metadata(path) {
            Ok(m) if !m.is_dir() => return Err(StoreError::NotAFolder(path.into())),
            Ok(_) if !is_store(path) && !is_empty_folder(path) => {
                return Err(StoreError::NotAStore(path.into()))
            }
            Ok(_) => {}
            Err(_) => std::fs::create_dir_all(path).map_err(|e| StoreError::NotWritable {
                path: path.into(),
                error: e,
            })?,
        }
        let lock = StoreLock::write(path, wait).map_err(|e| lock_error(path, e))?;
        // Files a bulk load left behind when it was stopped before they were
        // taken in belong to no one now.
        if let Ok(entries) = std::fs::read_dir(path) {
            for e in entries.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if name.starts_with("bulk-") && name.ends_with(".sst") {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Self::opened(path, lock, Store::open(path))
    }

    /// The store RocksDB opened, with the lock held for it.
    fn opened(
        path: &Path,
        lock: StoreLock,
        store: Result<Store, oxigraph::store::StorageError>,
    ) -> Result<GraphStore, StoreError> {
        Ok(GraphStore {
            store: store.map_err(|e| StoreError::Storage {
                path: path.into(),
                error: e,
            })?,
            path: path.into(),
            _lock: lock,
        })
    }

    /// Opens an existing store for reading, without waiting for a writer.
    pub fn open_existing(path: &Path) -> Result<GraphStore, StoreError> {
        Self::open_for_reading(path, Duration::ZERO)
    }

    /// Opens an existing store read-only; waits up to `wait` while another
    /// process writes it, so what is read is a whole ingest's result. Works
    /// on a store in a read-only folder too.
    pub fn open_for_reading(path: &Path, wait: Duration) -> Result<GraphStore, StoreError> {
        match std::fs::metadata(path) {
            Ok(m) if !m.is_dir() => return Err(StoreError::NotAFolder(path.into())),
            Ok(_) if is_store(path) => {}
            Ok(_) if !is_empty_folder(path) => return Err(StoreError::NotAStore(path.into())),
            _ => return Err(StoreError::Missing(path.into())),
        }
        let lock = StoreLock::read(path, wait).map_err(|e| lock_error(path, e))?;
        Self::opened(path, lock, Store::open_read_only(path))
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
        // Written beside and renamed over, so a crash leaves the old record or the new one.
        let tmp = self.path.join("builds.json.tmp");
        std::fs::write(&tmp, serde_json::to_string(&builds)?)?;
        std::fs::rename(&tmp, &path)
    }

    /// The articles of the last ingest, if one was recorded.
    pub fn last_build(&self) -> Option<Vec<String>> {
        let t = std::fs::read_to_string(self.path.join("builds.json")).ok()?;
        let builds: Vec<Vec<String>> = serde_json::from_str(&t).ok()?;
        builds.last().cloned()
    }

    fn err(&self, e: oxigraph::store::StorageError) -> StoreError {
        StoreError::Storage {
            path: self.path.clone(),
            error: e,
        }
    }

    /// Every article extraction held in the store.
    pub fn extractions(&self) -> Result<Vec<Resolved>, StoreError> {
        let p = vocab::pg::EXTRACTION;
        let mut out = Vec::new();
        for q in self.store.quads_for_pattern(None, Some(p), None, None) {
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
        // Everything in one transaction: the store holds all of this ingest
        // or none of it, whatever stops the process.
        let mut tx = self.store.start_transaction().map_err(|e| self.err(e))?;
        for a in articles {
            let g = NamedNode::new_unchecked(vocab::graph_doc(&a.doc));
            tx.clear_graph(g.as_ref()).map_err(|e| self.err(e))?;
            tx.extend(rdf::article(a).iter());
        }
        let kgn = NamedNode::new_unchecked(vocab::graph_kg());
        tx.clear_graph(kgn.as_ref()).map_err(|e| self.err(e))?;
        tx.extend(rdf::knowledge(&kg).iter());
        let refn = NamedNode::new_unchecked(vocab::graph_reference());
        tx.clear_graph(refn.as_ref()).map_err(|e| self.err(e))?;
        tx.extend(rdf::reference(lex).iter());
        let schn = NamedNode::new_unchecked(vocab::graph_schema());
        tx.clear_graph(schn.as_ref()).map_err(|e| self.err(e))?;
        for q in schema_quads(&schn)? {
            tx.insert(&q);
        }
        tx.commit().map_err(|e| self.err(e))?;
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
            ser = ser.with_prefix(*p, *iri).map_err(|e| StoreError::Prefix {
                prefix: p.to_string(),
                message: e.to_string(),
            })?;
        }
        let mut out = ser.for_writer(w);
        let io = StoreError::Export;
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
            let t = t.map_err(|e| StoreError::Schema {
                file: file.to_string(),
                message: e.to_string(),
            })?;
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
