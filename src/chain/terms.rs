//! The terms the chain code reads: the namespaces it names, and the link properties of the
//! ontology with the words that read them either way.

use crate::vocab;

const CG: &str = vocab::CG;
pub(super) const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub(super) const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub(super) const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
pub(super) const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub(super) const SKOS_BROADER: &str = "http://www.w3.org/2004/02/skos/core#broader";
pub(super) const SKOS_NOTATION: &str = "http://www.w3.org/2004/02/skos/core#notation";

pub(super) fn cg(local: &str) -> String {
    format!("{CG}{local}")
}

/// The link properties of the ontology: (local name, label, the phrase read the other way,
/// causal). Responses read "later *label* earlier", causes "cause *label* effect".
pub(super) const LINKS: &[(&str, &str, &str, bool)] = &[
    ("respondsTo", "responds to", "answered by", false),
    (
        "counterAccuses",
        "counter-accuses",
        "counter-accused by",
        false,
    ),
    ("denies", "denies", "denied by", false),
    ("rejects", "rejects", "rejected by", false),
    (
        "retaliatesAgainst",
        "retaliates against",
        "retaliated against by",
        false,
    ),
    ("supports", "supports", "supported by", false),
    ("justifies", "justifies", "justified by", false),
    ("promptedBy", "prompted by", "prompted", false),
    ("answers", "answers", "answered by", false),
    ("causallyLinkedTo", "causally linked to", "caused by", true),
    ("triggered", "triggered", "triggered by", true),
    ("ledTo", "led to", "resulted from", true),
    ("enabled", "enabled", "enabled by", true),
    ("contributedTo", "contributed to", "partly caused by", true),
];

/// The response and causal properties a walk follows when the data declares no others: the
/// ontology's, as the saved query `response-closure` lists them.
pub fn ontology_link_properties() -> Vec<String> {
    LINKS.iter().map(|(local, ..)| cg(local)).collect()
}
