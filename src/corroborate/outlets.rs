//! How many independent outlets report an act: the act with every act linked to it as the same
//! (cg:sameActAs, cg:restates, either direction), each report counted for its source, and each
//! source for its story family (cg:sameStoryAs), as the saved query reported-by-outlets counts.

use crate::error::Result;
use crate::query::{self, int_of};
use crate::store::Dataset;

/// Whether the data links any two acts across sources (`cg:sameActAs`, `cg:restates`).
pub fn any_links(dataset: &Dataset) -> Result<bool> {
    let rows = query::select(
        dataset,
        "SELECT ?s WHERE { ?s cg:sameActAs|cg:restates ?o } LIMIT 1",
    )?;
    Ok(!rows.is_empty())
}

/// Independent outlets and copies (sources) that report the act; `None` when it is not a
/// statement or event written in a source.
pub fn outlets(dataset: &Dataset, act: &str) -> Result<Option<(i64, i64)>> {
    if act.starts_with("_:") {
        return Ok(None);
    }
    let sparql = format!(
        "SELECT (COUNT(DISTINCT ?family) AS ?outlets) (COUNT(DISTINCT ?source) AS ?copies) WHERE {{
            VALUES ?act {{ <{act}> }}
            ?act (cg:sameActAs|^cg:sameActAs|cg:restates|^cg:restates)* ?report .
            GRAPH ?g {{ ?report a ?kind }} FILTER (?kind IN (cg:Statement, cg:Event))
            ?g prov:wasDerivedFrom/oa:hasSource ?source .
            {{ SELECT ?source (MIN(STR(?copy)) AS ?family)
               WHERE {{ ?source a cg:Source ; (cg:sameStoryAs|^cg:sameStoryAs)* ?copy }} GROUP BY ?source }}
        }}"
    );
    let rows = query::select(dataset, &sparql)?;
    Ok(rows.first().and_then(|r| {
        let copies = int_of(r, "copies")?;
        (copies > 0).then(|| Some((int_of(r, "outlets")?, copies)))?
    }))
}

/// The acts of an actor (statements it made, events it took part in) that more than one source
/// reports: (act, independent outlets, copies), in IRI order.
pub fn of_actor(dataset: &Dataset, actor: &str) -> Result<Vec<(String, i64, i64)>> {
    let sparql = format!(
        "SELECT ?act (COUNT(DISTINCT ?family) AS ?outlets) (COUNT(DISTINCT ?source) AS ?copies) WHERE {{
            {{ ?act cg:speaker <{actor}> }} UNION {{ ?act ?role <{actor}> . ?role rdfs:subPropertyOf* cg:participant }}
            ?act (cg:sameActAs|^cg:sameActAs|cg:restates|^cg:restates)+ ?other .
            ?act (cg:sameActAs|^cg:sameActAs|cg:restates|^cg:restates)* ?report .
            GRAPH ?g {{ ?report a ?kind }} FILTER (?kind IN (cg:Statement, cg:Event))
            ?g prov:wasDerivedFrom/oa:hasSource ?source .
            {{ SELECT ?source (MIN(STR(?copy)) AS ?family)
               WHERE {{ ?source a cg:Source ; (cg:sameStoryAs|^cg:sameStoryAs)* ?copy }} GROUP BY ?source }}
        }} GROUP BY ?act HAVING (COUNT(DISTINCT ?source) > 1) ORDER BY ?act"
    );
    Ok(query::select(dataset, &sparql)?
        .iter()
        .filter_map(|r| {
            Some((
                query::str_of(r, "act")?.to_owned(),
                int_of(r, "outlets")?,
                int_of(r, "copies")?,
            ))
        })
        .collect())
}

/// "reported by N independent outlets (M copies)", for acts that more than one source reports.
pub fn line(dataset: &Dataset, act: &str) -> Result<Option<String>> {
    Ok(outlets(dataset, act)?
        .filter(|&(_, copies)| copies > 1)
        .map(|(n, m)| words(n, m)))
}

/// "reported by N independent outlets (M copies)".
pub fn words(outlets: i64, copies: i64) -> String {
    format!(
        "reported by {outlets} independent outlet{} ({copies} cop{})",
        if outlets == 1 { "" } else { "s" },
        if copies == 1 { "y" } else { "ies" }
    )
}
