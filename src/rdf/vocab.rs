//! The RDF vocabularies partygraph writes, as IRIs.

pub const BASE: &str = "https://w3id.org/partygraph/id/";
pub const PG: &str = "https://w3id.org/partygraph/ns#";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const TIME: &str = "http://www.w3.org/2006/time#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const SCHEMA: &str = "http://schema.org/";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const DCT: &str = "http://purl.org/dc/terms/";

/// Prefixes for Turtle and TriG, and for SPARQL queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("pg", PG),
    ("id", BASE),
    ("org", ORG),
    ("time", TIME),
    ("prov", PROV),
    ("oa", OA),
    ("skos", SKOS),
    ("schema", SCHEMA),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("owl", OWL),
    ("dct", DCT),
];

/// The SPARQL prologue declaring every prefix.
pub fn sparql_prologue() -> String {
    PREFIXES
        .iter()
        .map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n"))
        .collect()
}

/// Named graphs.
pub fn graph_kg() -> String {
    format!("{BASE}graph/kg")
}
pub fn graph_reference() -> String {
    format!("{BASE}graph/reference")
}
pub fn graph_schema() -> String {
    format!("{BASE}graph/schema")
}
pub fn graph_doc(doc: &str) -> String {
    format!("{BASE}graph/doc/{}", encode(doc))
}

/// Percent-encodes what may not stand in an IRI path segment.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The IRI of an id: "unit:baytaq/astana" → BASE + "unit/baytaq/astana".
pub fn iri(id: &str) -> String {
    match id.split_once(':') {
        Some((ty, rest)) => format!("{BASE}{ty}/{}", encode(rest)),
        None => format!("{BASE}{}", encode(id)),
    }
}

/// The id of one of our IRIs, the inverse of [`iri`].
pub fn id_of(iri: &str) -> Option<String> {
    let rest = iri.strip_prefix(BASE)?;
    let (ty, path) = rest.split_once('/')?;
    let mut bytes = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&path[i + 1..i + 3], 16) {
                bytes.push(v);
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    Some(format!("{ty}:{}", String::from_utf8_lossy(&bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_and_ids_round_trip() {
        for id in [
            "person:koshanov-erlan",
            "unit:amanat/turkistan-region",
            "doc:статья 1",
            "event:baytaq/conference/2025-11-14",
        ] {
            let i = iri(id);
            assert!(i.is_ascii() && !i.contains(' '), "{i}");
            assert_eq!(id_of(&i).as_deref(), Some(id));
        }
        assert_eq!(
            iri("unit:amanat/turkistan-region"),
            format!("{BASE}unit/amanat/turkistan-region")
        );
    }
}
