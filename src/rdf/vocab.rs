//! The RDF vocabularies partygraph writes, as IRIs.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

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

/// The terms partygraph writes, as constants: one checked string per term,
/// no IRI built per quad (the shape of oxrdf's own vocabularies).
macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        use oxigraph::model::NamedNodeRef;
        $(
            pub const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
    };
}

/// partygraph's own terms (`schema/partygraph.ttl`).
pub mod pg {
    terms! { "https://w3id.org/partygraph/ns#";
        PARTY = "Party",
        PARTY_BRANCH = "PartyBranch",
        TENURE = "Tenure",
        ACTING = "acting",
        ARTICLE_COUNT = "articleCount",
        ATTENDED_COUNT = "attendedCount",
        DATE = "date",
        ENDED_AT = "endedAt",
        EXTRACTION = "extraction",
        FORMER_NAME = "formerName",
        INVITED_COUNT = "invitedCount",
        ISO3166 = "iso3166",
        LEVEL = "level",
        MENTIONS = "mentions",
        ORDINAL = "ordinal",
        OUTLET_COUNT = "outletCount",
        PLACE_KIND = "placeKind",
        POSSIBLE_MATCH = "possibleMatch",
        POST = "post",
        PRESENT_COUNT = "presentCount",
        ROLE_TEXT = "roleText",
        RULE = "rule",
        STARTED_AT = "startedAt",
        STATUS = "status",
        USED_UNTIL = "usedUntil",
    }
}

/// W3C Organization Ontology.
pub mod org {
    terms! { "http://www.w3.org/ns/org#";
        FORMAL_ORGANIZATION = "FormalOrganization",
        MEMBERSHIP = "Membership",
        ORGANIZATION = "Organization",
        ORGANIZATIONAL_UNIT = "OrganizationalUnit",
        POST = "Post",
        HOLDS = "holds",
        MEMBER = "member",
        MEMBER_DURING = "memberDuring",
        // org:organization, the property (ORGANIZATION is the class).
        ORGANIZATION_PROPERTY = "organization",
        POST_IN = "postIn",
        ROLE = "role",
        UNIT_OF = "unitOf",
    }
}

/// W3C Web Annotation.
pub mod oa {
    terms! { "http://www.w3.org/ns/oa#";
        SPECIFIC_RESOURCE = "SpecificResource",
        TEXT_POSITION_SELECTOR = "TextPositionSelector",
        TEXT_QUOTE_SELECTOR = "TextQuoteSelector",
        END = "end",
        EXACT = "exact",
        HAS_SELECTOR = "hasSelector",
        HAS_SOURCE = "hasSource",
        START = "start",
    }
}

/// W3C PROV-O.
pub mod prov {
    terms! { "http://www.w3.org/ns/prov#";
        DERIVATION = "Derivation",
        ENTITY = "entity",
        QUALIFIED_DERIVATION = "qualifiedDerivation",
        WAS_DERIVED_FROM = "wasDerivedFrom",
    }
}

/// schema.org.
pub mod schema {
    terms! { "http://schema.org/";
        ADMINISTRATIVE_AREA = "AdministrativeArea",
        EVENT = "Event",
        NEWS_ARTICLE = "NewsArticle",
        PERSON = "Person",
        PLACE = "Place",
        AREA_SERVED = "areaServed",
        ATTENDEE = "attendee",
        CONTAINED_IN_PLACE = "containedInPlace",
        DATE_PUBLISHED = "datePublished",
        HEADLINE = "headline",
        IDENTIFIER = "identifier",
        IN_LANGUAGE = "inLanguage",
        LOCATION = "location",
        NAME = "name",
        ORGANIZER = "organizer",
        START_DATE = "startDate",
        URL = "url",
    }
}

/// W3C SKOS.
pub mod skos {
    terms! { "http://www.w3.org/2004/02/skos/core#";
        ALT_LABEL = "altLabel",
        HIDDEN_LABEL = "hiddenLabel",
        PREF_LABEL = "prefLabel",
    }
}

/// W3C OWL-Time.
pub mod time {
    terms! { "http://www.w3.org/2006/time#";
        INSTANT = "Instant",
        INTERVAL = "Interval",
        HAS_BEGINNING = "hasBeginning",
        HAS_END = "hasEnd",
        IN_XSD_DATE = "inXSDDate",
    }
}

/// OWL.
pub mod owl {
    terms! { "http://www.w3.org/2002/07/owl#";
        SAME_AS = "sameAs",
    }
}

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

/// What an id keeps as it is in an IRI: letters and digits of ASCII,
/// `-_.~`, and `/` between its parts; every other byte is written `%XX`.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes what may not stand in an IRI path segment.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, ENCODED).to_string()
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
    Some(format!(
        "{ty}:{}",
        percent_decode_str(path).decode_utf8_lossy()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_stand_in_their_namespaces() {
        for (term, ns) in [
            (pg::PARTY, PG),
            (org::MEMBERSHIP, ORG),
            (oa::EXACT, OA),
            (prov::DERIVATION, PROV),
            (schema::EVENT, SCHEMA),
            (skos::PREF_LABEL, SKOS),
            (time::IN_XSD_DATE, TIME),
            (owl::SAME_AS, OWL),
        ] {
            let local = term.as_str().strip_prefix(ns).unwrap_or_default();
            assert!(
                local.chars().all(|c| c.is_ascii_alphanumeric()) && !local.is_empty(),
                "{term} is not in {ns}"
            );
        }
        assert_eq!(time::IN_XSD_DATE.as_str(), format!("{TIME}inXSDDate"));
    }

    #[test]
    fn iris_and_ids_round_trip() {
        for id in [
            "person:koshanov-erlan",
            "unit:amanat/turkistan-region",
            "doc:статья 1",
            "doc:100% ready?#1",
            "doc:ends in ё",
            "event:baytaq/conference/2025-11-14",
        ] {
            let i = iri(id);
            assert!(i.is_ascii() && !i.contains(' '), "{i}");
            assert_eq!(id_of(&i).as_deref(), Some(id));
        }
        assert_eq!(iri("doc:a b%ё"), format!("{BASE}doc/a%20b%25%D1%91"));
        // An IRI not written by iri() still reads: a bare % stays as it is.
        assert_eq!(
            id_of(&format!("{BASE}doc/ü%zz%")).as_deref(),
            Some("doc:ü%zz%")
        );
        assert_eq!(
            iri("unit:amanat/turkistan-region"),
            format!("{BASE}unit/amanat/turkistan-region")
        );
    }
}
