//! Which queries can read a server's own graphs through the default graph. Virtuoso's default
//! graph is every graph it holds, its system graphs included; excluding them takes `define
//! input:default-graph-exclude` pragmas, and with those in force Virtuoso drops rows of some
//! queries (two or more pragmas lose every row of a path from a bound variable, any one loses
//! OPTIONAL rows under DISTINCT). A query none of whose default-graph patterns can match a
//! triple of those graphs has the same answer with or without them, so it is sent without.
//!
//! What the system graphs hold is read once, when claimgraph connects: their predicates, and
//! for each predicate the IRIs it points to. A pattern may match a system triple when its
//! predicate is a variable, or one of those predicates with an object that is not an IRI they
//! point to (a variable, a literal). Paths are judged by every predicate they name. Zero-length
//! paths add no node of their own on Virtuoso, which refuses a transitive path with neither end
//! given, so a path reaches what its predicates reach. `GRAPH` patterns do not read the default
//! graph (the rewrite keeps `GRAPH ?g` from the system graphs), and DESCRIBE, SERVICE and
//! anything this walk does not know are taken to reach them.

use spargebra::Query;
use spargebra::algebra::{Expression, GraphPattern, PropertyPathExpression};
use spargebra::term::{NamedNode, NamedNodePattern, TermPattern, TriplePattern};
use std::collections::HashSet;

/// The triples of a server's own graphs, as far as matching needs them.
#[derive(Debug, Default, Clone)]
pub struct SystemTriples {
    predicates: HashSet<NamedNode>,
    /// (predicate, object) for the objects that are IRIs.
    links: HashSet<(NamedNode, NamedNode)>,
}

impl SystemTriples {
    /// Records one triple's predicate and, when it is an IRI, its object.
    pub fn add(&mut self, predicate: NamedNode, object: Option<NamedNode>) {
        if let Some(object) = object {
            self.links.insert((predicate.clone(), object));
        }
        self.predicates.insert(predicate);
    }

    /// The query that reads, from `graphs` (IRIs in angle brackets), what [`Self::add`] needs:
    /// each predicate, with each IRI it points to, or alone for its other objects.
    pub fn query(graphs: &[String]) -> String {
        format!(
            "SELECT DISTINCT ?p ?o WHERE {{ {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?o)) }} UNION {{ GRAPH ?g {{ ?s ?p ?x }} FILTER(!isIRI(?x)) }} FILTER(?g IN ({})) }}",
            graphs.join(", ")
        )
    }

    /// Whether a query's default-graph patterns may match a triple of the system graphs.
    pub fn reached_by(&self, query: &Query) -> bool {
        match query {
            Query::Select { pattern, .. }
            | Query::Ask { pattern, .. }
            | Query::Construct { pattern, .. } => self.pattern(pattern),
            // A server describes a resource with whatever its default graph says of it.
            Query::Describe { .. } => !self.predicates.is_empty(),
        }
    }

    fn pattern(&self, pattern: &GraphPattern) -> bool {
        use GraphPattern as P;
        match pattern {
            P::Bgp { patterns } => patterns.iter().any(|t| self.triple(t)),
            P::Path { path, .. } => self.path(path),
            P::Graph { .. } | P::Values { .. } => false,
            P::Service { .. } => !self.predicates.is_empty(),
            _ => match crate::query::algebra::parts(pattern) {
                Some((patterns, expressions)) => {
                    patterns.iter().any(|p| self.pattern(p))
                        || expressions.iter().any(|e| self.expression(e))
                }
                // A pattern this walk does not know.
                None => !self.predicates.is_empty(),
            },
        }
    }

    fn triple(&self, triple: &TriplePattern) -> bool {
        match &triple.predicate {
            NamedNodePattern::Variable(_) => !self.predicates.is_empty(),
            NamedNodePattern::NamedNode(p) => {
                self.predicates.contains(p)
                    && match &triple.object {
                        TermPattern::NamedNode(o) => self.links.contains(&(p.clone(), o.clone())),
                        _ => true,
                    }
            }
        }
    }

    fn path(&self, path: &PropertyPathExpression) -> bool {
        use PropertyPathExpression as X;
        match path {
            X::NamedNode(p) => self.predicates.contains(p),
            X::Reverse(p) | X::ZeroOrMore(p) | X::OneOrMore(p) | X::ZeroOrOne(p) => self.path(p),
            X::Sequence(a, b) | X::Alternative(a, b) => self.path(a) || self.path(b),
            X::NegatedPropertySet(_) => !self.predicates.is_empty(),
        }
    }

    fn expression(&self, expression: &Expression) -> bool {
        let (operands, exists) = crate::query::algebra::operands(expression);
        operands.iter().any(|e| self.expression(e)) || exists.is_some_and(|p| self.pattern(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    fn system() -> SystemTriples {
        let mut s = SystemTriples::default();
        let n = |i: &str| NamedNode::new_unchecked(i);
        s.add(n(RDF_TYPE), Some(n("http://sys/QuadMap")));
        s.add(n("http://sys/qmfName"), None);
        s
    }

    fn reaches(text: &str) -> bool {
        let query = spargebra::SparqlParser::new().parse_query(text).unwrap();
        system().reached_by(&query)
    }

    #[test]
    fn patterns_of_other_predicates_or_classes_do_not_reach_the_system_graphs() {
        assert!(!reaches("SELECT * WHERE { ?s <http://cg/claimant> ?o }"));
        assert!(!reaches(
            "SELECT * WHERE { ?s a <http://cg/Claim> ; <http://cg/p>* ?x }"
        ));
        assert!(!reaches(
            "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } FILTER EXISTS { ?s <http://cg/q> ?z } }"
        ));
    }

    #[test]
    fn patterns_that_may_match_a_system_triple_reach_them() {
        // A variable predicate, a system predicate, a system class, and each inside the places
        // a pattern hides: EXISTS in a filter, an OPTIONAL, a path, a union, a BIND.
        assert!(reaches("SELECT * WHERE { ?s ?p ?o }"));
        assert!(reaches("SELECT * WHERE { ?s a ?class }"));
        assert!(reaches("SELECT * WHERE { ?s a <http://sys/QuadMap> }"));
        assert!(reaches(
            "SELECT * WHERE { ?s <http://cg/x> ?o FILTER(!EXISTS { ?o <http://sys/qmfName> ?n }) }"
        ));
        assert!(reaches(
            "SELECT * WHERE { ?s <http://cg/x> ?o OPTIONAL { ?o a ?t } }"
        ));
        assert!(reaches(
            "SELECT * WHERE { ?s <http://cg/x>/<http://sys/qmfName>* ?o }"
        ));
        assert!(reaches(
            "SELECT * WHERE { { ?s <http://cg/x> ?o } UNION { ?s !<http://cg/x> ?o } }"
        ));
        assert!(reaches(
            "SELECT * WHERE { ?s <http://cg/x> ?o BIND(EXISTS { ?s ?p ?o } AS ?b) }"
        ));
        assert!(reaches("DESCRIBE <http://cg/a>"));
    }

    #[test]
    fn nothing_reaches_a_server_without_system_graphs() {
        let query = spargebra::SparqlParser::new()
            .parse_query("SELECT * WHERE { ?s ?p ?o }")
            .unwrap();
        assert!(!SystemTriples::default().reached_by(&query));
    }
}
