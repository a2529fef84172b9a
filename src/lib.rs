//! partygraph turns news about Kazakhstan's political parties into a
//! knowledge graph. The stages, in pipeline order, one type per arrow:
//!
//! ```text
//! input::Article → text::Doc → extract::Extraction → resolve::Resolved
//!   → identity::Identity → graph::KnowledgeGraph → rdf quads
//!   → store (Oxigraph) → SPARQL, DOT, who, why, conflicts
//! ```
//!
//! - [`input`]: files, folders, JSON Lines and HTML into articles.
//! - [`text`]: normalization, language, tokens, sentences.
//! - [`lexicon`]: gazetteers, cue words, morphology and rules from `seeds/`.
//! - [`extract`]: mentions, dates, posts and events, each with its rule.
//! - [`resolve`]: one entity per real-world thing in an article, stable ids.
//! - [`identity`]: which ids of all articles are one person, why, and the
//!   curation file's corrections.
//! - [`graph`]: the typed petgraph graph every output reads.
//! - [`rdf`]: the graph as RDF quads (W3C ORG, PROV-O, SKOS, schema.org).
//! - [`store`]: the embedded on-disk Oxigraph store.
//! - [`lookup`]: `who` cards and DOT pictures.
//! - [`output`]: JSON and text renderings of extractions.
//! - [`check`]: runs every example of the seeds and rules.

pub mod check;
pub mod extract;
pub mod graph;
pub mod identity;
pub mod input;
pub mod lexicon;
pub mod lookup;
pub mod output;
pub mod pipeline;
pub mod push;
pub mod rdf;
pub mod resolve;
pub mod store;
pub mod text;
