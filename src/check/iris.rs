//! Invariant 5: actors, acts, figures, mentions and graphs have IRIs, and readable ones.

use super::Checker;
use crate::error::Result;
use crate::query;
use oxigraph::model::Term;

/// Invariant 5: actors, acts, figures, mentions and graphs have IRIs, and readable ones.
pub(super) fn check_iris(c: &mut Checker<'_>) -> Result<()> {
    let rows = query::select(
        c.dataset,
        "SELECT DISTINCT ?x WHERE { { ?x a ?t . ?t rdfs:subClassOf* ?c .
            VALUES ?c { cg:Actor cg:Statement cg:Claim cg:Event cg:Figure cg:Mention cg:Source } }
            UNION { ?x prov:wasDerivedFrom ?m } }",
    )?;
    for row in rows {
        match row.get("x") {
            Some(Term::BlankNode(b)) => c.flag(
                5,
                &b.to_string(),
                "has no IRI: give it a stable, readable one (e.g. actor:attaullah-tarar)",
            ),
            Some(Term::NamedNode(n)) => {
                let iri = n.as_str();
                let readable = iri
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || "-._~/:#".contains(ch));
                if !readable {
                    c.flag(
                        5,
                        iri,
                        "IRI is not readable: use lowercase words joined by '-'",
                    );
                }
            }
            _ => {}
        }
    }
    Ok(())
}
