//! Invariant 4: page furniture (marked as excluded, or worded like it) grounds no graph.

use super::{Checker, id_of};
use crate::error::Result;
use crate::query::{self, str_of};

/// The openings of the calls to action and links a web page wraps around an article.
const FURNITURE: &[&str] = &[
    "find out more about",
    "learn more about",
    "read more about",
    "share your analysis in the comments",
    "call to action",
];

pub fn looks_like_furniture(quote: &str) -> bool {
    let lower = quote.to_lowercase();
    FURNITURE.iter().any(|f| lower.contains(f))
}

/// Invariant 4: page furniture (marked as excluded, or worded like it) grounds no graph.
pub(super) fn check_furniture(c: &mut Checker<'_>) -> Result<()> {
    c.flag_each(
        4,
        "SELECT DISTINCT ?x WHERE { ?x prov:wasDerivedFrom ?m . ?m a/rdfs:subClassOf* cg:Excluded }",
        "graph is derived from a mention marked as page furniture or a heading",
    )?;
    for row in query::select(
        c.dataset,
        "SELECT DISTINCT ?x ?exact WHERE { ?x prov:wasDerivedFrom ?m . ?m oa:hasSelector/oa:exact ?exact }",
    )? {
        if let (Some(g), Some(exact)) = (id_of(&row, "x"), str_of(&row, "exact")) {
            if looks_like_furniture(exact) {
                c.flag(
                    4,
                    &g,
                    format!("graph is derived from page furniture: {exact:?}"),
                );
            }
        }
    }
    Ok(())
}
