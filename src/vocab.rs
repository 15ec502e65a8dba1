//! The vocabulary the engine relies on: namespaces, the IRIs of the core terms, and the PREFIX table
//! shared by queries, renderers and exports.

/// The claimgraph vocabulary (classes, properties, concepts), defined in `ontology/`.
pub const CG: &str = "https://claimgraph.org/ns#";
/// Where the bundled data mints its resources (`actor/`, `statement/`, `graph/`...).
pub const ID: &str = "https://claimgraph.org/id/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OA: &str = "http://www.w3.org/ns/oa#";
pub const SCHEMA: &str = "https://schema.org/";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const SH: &str = "http://www.w3.org/ns/shacl#";

/// Every prefix a query may use without declaring it, in the order they are printed.
/// The resource prefixes (`actor:`, `graph:`...) make IRIs in tables short and readable.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("owl", OWL),
    ("skos", SKOS),
    ("prov", PROV),
    ("oa", OA),
    ("schema", SCHEMA),
    ("dcterms", DCTERMS),
    ("sem", SEM),
    ("sh", SH),
    ("cg", CG),
    ("cgsh", "https://claimgraph.org/shapes#"),
    ("actor", "https://claimgraph.org/id/actor/"),
    ("stmt", "https://claimgraph.org/id/statement/"),
    ("claim", "https://claimgraph.org/id/claim/"),
    ("event", "https://claimgraph.org/id/event/"),
    ("figure", "https://claimgraph.org/id/figure/"),
    ("place", "https://claimgraph.org/id/place/"),
    ("position", "https://claimgraph.org/id/position/"),
    ("source", "https://claimgraph.org/id/source/"),
    ("mention", "https://claimgraph.org/id/mention/"),
    ("graph", "https://claimgraph.org/id/graph/"),
];

/// The PREFIX block of [`PREFIXES`], for queries the engine writes itself.
pub fn prefix_block() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

/// Shortens an IRI to `prefix:local` with the longest matching namespace, when the local part is
/// a plain name (letters, digits, `-`, `_`, `.`, `/`); a `/` is written `\/` so that Turtle and
/// SPARQL read the name back.
pub fn shorten(iri: &str) -> Option<String> {
    let (prefix, ns) = PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns))
        .max_by_key(|(_, ns)| ns.len())?;
    let local = &iri[ns.len()..];
    let plain = !local.is_empty()
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    plain.then(|| format!("{prefix}:{}", local.replace('/', "\\/")))
}

/// Expands `prefix:local` with the known prefixes; `None` when the prefix is unknown.
pub fn expand(name: &str) -> Option<String> {
    let (prefix, local) = name.split_once(':')?;
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, ns)| format!("{ns}{}", local.replace("\\/", "/")))
}

/// IRIs of the core terms, written out once so a typo cannot hide in a query string.
pub mod cg {
    macro_rules! terms {
        ($($name:ident = $local:literal),* $(,)?) => {
            $(pub const $name: &str = concat!("https://claimgraph.org/ns#", $local);)*
        };
    }
    terms! {
        SOURCE = "Source",
        MENTION = "Mention",
        EXCLUDED = "Excluded",
        PAGE_FURNITURE = "PageFurniture",
        TEXT_FILE = "textFile",
        SHA256 = "sha256",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_with_the_longest_namespace() {
        assert_eq!(
            shorten("https://claimgraph.org/id/actor/attaullah-tarar").as_deref(),
            Some("actor:attaullah-tarar")
        );
        assert_eq!(
            shorten("https://claimgraph.org/ns#Statement").as_deref(),
            Some("cg:Statement")
        );
        assert_eq!(
            shorten("https://claimgraph.org/id/graph/istanbul/tarar").as_deref(),
            Some("graph:istanbul\\/tarar")
        );
        assert_eq!(
            expand("graph:istanbul\\/tarar").as_deref(),
            Some("https://claimgraph.org/id/graph/istanbul/tarar")
        );
        assert_eq!(shorten("http://example.org/x"), None);
        assert_eq!(shorten("https://claimgraph.org/id/actor/a b"), None);
    }

    #[test]
    fn expands_known_prefixes_only() {
        assert_eq!(
            expand("rdfs:label").as_deref(),
            Some("http://www.w3.org/2000/01/rdf-schema#label")
        );
        assert_eq!(expand("nope:x"), None);
    }
}
