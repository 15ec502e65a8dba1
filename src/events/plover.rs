//! What an act type means to event-data tools, read from the ontology (ontology/act-types.ttl,
//! event-types.ttl and event-data.ttl): its effective CAMEO code and label, quad class, Goldstein
//! intensity, and PLOVER event type, mode and context from the CAMEO-to-PLOVER crosswalk. Nothing
//! here is a table of codes: a curator extends the ontology, and the records follow.

use super::{id, text};
use crate::error::Result;
use crate::query;
use crate::store::Dataset;
use std::collections::BTreeMap;

/// The event-data coding of one act or event type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coding {
    /// The type itself, as a prefixed name (cg:CounterAccusation), and its label.
    pub act_type: String,
    pub act_type_label: String,
    /// The effective CAMEO code: the type's own notation, or its nearest coded broader concept's;
    /// a string, to keep CAMEO's leading zeros. Empty when no ancestor has a code.
    pub cameo_code: String,
    pub cameo_label: String,
    pub quad_class: Option<i64>,
    pub quad_class_label: String,
    pub goldstein: Option<f64>,
    pub plover_type: String,
    pub plover_mode: String,
    pub plover_context: String,
}

/// Every type used by an act (`cg:actType`, `cg:eventType`), with the concept that gives its
/// code: the nearest ancestor (or itself) with a `skos:notation`, as cameo-coded-claims.rq reads it.
const CODED: &str = "SELECT DISTINCT ?type ?coded ?code WHERE {
  ?act cg:actType|cg:eventType ?type .
  OPTIONAL {
    ?type skos:broader* ?coded .
    ?coded skos:notation ?code .
    FILTER NOT EXISTS {
      ?type skos:broader* ?nearer .
      ?nearer skos:broader+ ?coded ; skos:notation ?nearerCode .
    }
  }
}";

/// What event-data.ttl says of each coded concept.
const DATA: &str = "SELECT ?coded ?p ?o WHERE {
  ?coded skos:notation ?code ; ?p ?o .
  VALUES ?p { cg:goldstein cg:ploverEventType cg:ploverMode cg:ploverContext }
}";

const QUADS: &str = "SELECT ?coded ?number ?label WHERE {
  ?coded skos:notation ?code ; cg:quadClass ?quad .
  ?quad cg:quadClassNumber ?number .
  OPTIONAL { ?quad skos:prefLabel|rdfs:label ?label }
}";

/// The coding of every type the data's acts use, by the type's full IRI. `labels` are the
/// preferred labels of the data, by IRI.
pub fn codings(
    dataset: &Dataset,
    labels: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, Coding>> {
    let mut by_coded: BTreeMap<String, Coding> = BTreeMap::new();
    for row in query::select(dataset, DATA)? {
        let (Some(coded), Some(p)) = (query::str_of(&row, "coded"), query::str_of(&row, "p"))
        else {
            continue;
        };
        let value = text(&row, "o");
        let c = by_coded.entry(coded.to_owned()).or_default();
        match p.rsplit('#').next().unwrap_or_default() {
            "goldstein" => c.goldstein = c.goldstein.or(value.parse().ok()),
            "ploverEventType" if c.plover_type.is_empty() => c.plover_type = value,
            "ploverMode" if c.plover_mode.is_empty() => c.plover_mode = value,
            "ploverContext" if c.plover_context.is_empty() => c.plover_context = value,
            _ => {}
        }
    }
    for row in query::select(dataset, QUADS)? {
        let Some(coded) = query::str_of(&row, "coded") else {
            continue;
        };
        let c = by_coded.entry(coded.to_owned()).or_default();
        if c.quad_class.is_none() {
            c.quad_class = query::int_of(&row, "number");
            c.quad_class_label = text(&row, "label");
        }
    }
    let mut out = BTreeMap::new();
    for row in query::select(dataset, CODED)? {
        let Some(t) = query::str_of(&row, "type") else {
            continue;
        };
        let coded = query::str_of(&row, "coded").unwrap_or_default();
        let mut coding = by_coded.get(coded).cloned().unwrap_or_default();
        coding.act_type = id(t);
        coding.act_type_label = labels.get(t).cloned().unwrap_or_default();
        coding.cameo_code = text(&row, "code");
        coding.cameo_label = labels.get(coded).cloned().unwrap_or_default();
        // Two notations on one concept would be a curation error; keep the first, stably.
        out.entry(t.to_owned()).or_insert(coding);
    }
    Ok(out)
}
