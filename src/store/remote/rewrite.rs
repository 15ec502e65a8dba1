//! Rewrites of a parsed query, in the algebra, for servers that mishandle some standard
//! SPARQL 1.1; each keeps the query's meaning as the specification gives it.
//!
//! Virtuoso compiles a sequence path (`?x a/rdfs:subClassOf* ?c`) into a join through a blank
//! node, then refuses a transitive pattern whose end is that blank node. The specification
//! defines a sequence as exactly that join through a fresh variable (SPARQL 1.1, 18.2.2.4), so
//! writing the join out with a variable of our own changes nothing but the server's mind. The
//! SPARQL parser itself writes such a join through a blank node, so blank nodes of patterns
//! become variables too: in a pattern, a blank node is a variable that cannot be projected.

use spargebra::Query;
use spargebra::algebra::{Expression, GraphPattern, PropertyPathExpression};
use spargebra::term::{NamedNode, NamedNodePattern, TermPattern, TriplePattern, Variable};

/// The variables this rewrite introduces begin with this; a query's own never do in practice.
const FRESH: &str = "claimgraphStep";

/// What a rewrite needs as it walks a query.
struct Cx {
    fresh: usize,
    hide: Vec<NamedNode>,
    /// Inside EXISTS: the pattern sees the bindings of the row being filtered.
    in_exists: bool,
}

/// Splits every sequence path into a join through a fresh variable, turns the blank nodes of
/// patterns into variables, and keeps `GRAPH ?g` from matching the graphs in `hide`.
pub fn for_virtuoso(query: Query, hide: Vec<NamedNode>) -> Query {
    let cx = &mut Cx {
        fresh: 0,
        hide,
        in_exists: false,
    };
    match query {
        Query::Select {
            dataset,
            pattern,
            base_iri,
        } => Query::Select {
            dataset,
            pattern: pattern_of(pattern, cx),
            base_iri,
        },
        Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => Query::Construct {
            template,
            dataset,
            pattern: pattern_of(pattern, cx),
            base_iri,
        },
        Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => Query::Describe {
            dataset,
            pattern: pattern_of(pattern, cx),
            base_iri,
        },
        Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => Query::Ask {
            dataset,
            pattern: pattern_of(pattern, cx),
            base_iri,
        },
    }
}

#[allow(clippy::boxed_local)] // the algebra hands its children over boxed
fn boxed(p: Box<GraphPattern>, cx: &mut Cx) -> Box<GraphPattern> {
    Box::new(pattern_of(*p, cx))
}

/// The rewrite of one pattern: paths, blank nodes, VALUES joined with a path and `GRAPH ?g`
/// change; everything else is rebuilt around its rewritten parts.
fn pattern_of(pattern: GraphPattern, cx: &mut Cx) -> GraphPattern {
    use GraphPattern as P;
    match pattern {
        P::Path {
            subject,
            path,
            object,
        } => path_of(unblank(subject), path, unblank(object), cx),
        P::Bgp { patterns } => P::Bgp {
            patterns: patterns
                .into_iter()
                .map(|t| TriplePattern {
                    subject: unblank(t.subject),
                    predicate: t.predicate,
                    object: unblank(t.object),
                })
                .collect(),
        },
        P::Join { left, right } => match values_into_path(&left, &right, cx) {
            Some(union) => union,
            None => P::Join {
                left: boxed(left, cx),
                right: boxed(right, cx),
            },
        },
        P::Graph { name, inner } => graph_of(name, inner, cx),
        other => around(other, cx),
    }
}

/// `GRAPH ?g` must not find the server's graphs, nor the default graph's stand-in.
fn graph_of(name: NamedNodePattern, inner: Box<GraphPattern>, cx: &mut Cx) -> GraphPattern {
    let graph = GraphPattern::Graph {
        name: name.clone(),
        inner: boxed(inner, cx),
    };
    match name {
        NamedNodePattern::Variable(v) if !cx.hide.is_empty() => GraphPattern::Filter {
            expr: Expression::Not(Box::new(Expression::In(
                Box::new(Expression::Variable(v)),
                cx.hide.iter().cloned().map(Expression::NamedNode).collect(),
            ))),
            inner: Box::new(graph),
        },
        _ => graph,
    }
}

/// The patterns the rewrite only passes through: the same operator around rewritten parts.
fn around(pattern: GraphPattern, cx: &mut Cx) -> GraphPattern {
    use GraphPattern as P;
    match pattern {
        P::LeftJoin {
            left,
            right,
            expression,
        } => P::LeftJoin {
            left: boxed(left, cx),
            right: boxed(right, cx),
            expression: expression.map(|e| expression_of(e, cx)),
        },
        P::Filter { expr, inner } => P::Filter {
            expr: expression_of(expr, cx),
            inner: boxed(inner, cx),
        },
        P::Union { left, right } => P::Union {
            left: boxed(left, cx),
            right: boxed(right, cx),
        },
        P::Minus { left, right } => P::Minus {
            left: boxed(left, cx),
            right: boxed(right, cx),
        },
        P::Extend {
            inner,
            variable,
            expression,
        } => P::Extend {
            inner: boxed(inner, cx),
            variable,
            expression: expression_of(expression, cx),
        },
        other => modifier(other, cx),
    }
}

/// Solution modifiers and grouping: one inner pattern, rewritten.
fn modifier(pattern: GraphPattern, cx: &mut Cx) -> GraphPattern {
    use GraphPattern as P;
    match pattern {
        P::OrderBy { inner, expression } => P::OrderBy {
            inner: boxed(inner, cx),
            expression,
        },
        P::Project { inner, variables } => P::Project {
            inner: boxed(inner, cx),
            variables,
        },
        P::Distinct { inner } => P::Distinct {
            inner: boxed(inner, cx),
        },
        P::Reduced { inner } => P::Reduced {
            inner: boxed(inner, cx),
        },
        P::Slice {
            inner,
            start,
            length,
        } => P::Slice {
            inner: boxed(inner, cx),
            start,
            length,
        },
        P::Group {
            inner,
            variables,
            aggregates,
        } => P::Group {
            inner: boxed(inner, cx),
            variables,
            aggregates,
        },
        // VALUES and SERVICE have no paths of their own.
        other => other,
    }
}

/// `VALUES ?v { <a> <b> } ?x p* ?v` as `{ ?x p* <a> BIND(<a> AS ?v) } UNION { ... <b> ... }`:
/// Virtuoso does not start a transitive path from a value of VALUES ("transitive start not
/// given"), but does from a constant. A join with a one-variable table of IRIs is exactly the
/// union of the pattern with each IRI put in.
fn values_into_path(
    left: &GraphPattern,
    right: &GraphPattern,
    cx: &mut Cx,
) -> Option<GraphPattern> {
    use spargebra::term::GroundTerm;
    let GraphPattern::Values {
        variables,
        bindings,
    } = left
    else {
        return None;
    };
    let GraphPattern::Path {
        subject,
        path,
        object,
    } = right
    else {
        return None;
    };
    let [variable] = variables.as_slice() else {
        return None;
    };
    let is_it = |t: &TermPattern| matches!(t, TermPattern::Variable(v) if v == variable);
    if !(is_it(subject) || is_it(object)) || bindings.is_empty() || bindings.len() > 64 {
        return None;
    }
    let mut iris = Vec::new();
    for row in bindings {
        match row.as_slice() {
            [Some(GroundTerm::NamedNode(n))] => iris.push(n.clone()),
            _ => return None,
        }
    }
    let put = |t: &TermPattern, n: &NamedNode| {
        if is_it(t) {
            TermPattern::NamedNode(n.clone())
        } else {
            unblank(t.clone())
        }
    };
    iris.into_iter()
        .map(|n| GraphPattern::Extend {
            inner: Box::new(path_of(put(subject, &n), path.clone(), put(object, &n), cx)),
            variable: variable.clone(),
            expression: Expression::NamedNode(n),
        })
        .reduce(|left, right| GraphPattern::Union {
            left: Box::new(left),
            right: Box::new(right),
        })
}

/// A blank node of a pattern as the variable it stands for.
fn unblank(term: TermPattern) -> TermPattern {
    match term {
        TermPattern::BlankNode(b) => {
            TermPattern::Variable(Variable::new_unchecked(format!("{FRESH}_{}", b.as_str())))
        }
        other => other,
    }
}

/// The rewrite of one path pattern: sequences become joins, transitive paths with one constant
/// end are evaluated on their own.
fn path_of(
    subject: TermPattern,
    path: PropertyPathExpression,
    object: TermPattern,
    cx: &mut Cx,
) -> GraphPattern {
    match path {
        PropertyPathExpression::Sequence(first, second) => {
            cx.fresh += 1;
            let middle =
                TermPattern::Variable(Variable::new_unchecked(format!("{FRESH}{}", cx.fresh)));
            GraphPattern::Join {
                left: Box::new(path_of(subject, *first, middle.clone(), cx)),
                right: Box::new(path_of(middle, *second, object, cx)),
            }
        }
        PropertyPathExpression::NamedNode(predicate) => GraphPattern::Bgp {
            patterns: vec![TriplePattern {
                subject,
                predicate: predicate.into(),
                object,
            }],
        },
        path @ (PropertyPathExpression::ZeroOrMore(_) | PropertyPathExpression::OneOrMore(_)) => {
            transitive_of(subject, path, object, cx)
        }
        path => GraphPattern::Path {
            subject,
            path,
            object,
        },
    }
}

/// Joined with other patterns, Virtuoso evaluates `?x p* <c>` from the join's bindings and gets
/// it wrong (one row); as a subquery `SELECT DISTINCT ?x` it is evaluated on its own first. The
/// same rows: a path of arbitrary length has no duplicates (SPARQL 1.1, 18.4).
fn transitive_of(
    subject: TermPattern,
    path: PropertyPathExpression,
    object: TermPattern,
    cx: &mut Cx,
) -> GraphPattern {
    let variable = match (&subject, &object) {
        (TermPattern::Variable(v), TermPattern::NamedNode(_))
        | (TermPattern::NamedNode(_), TermPattern::Variable(v)) => v.clone(),
        _ => {
            return GraphPattern::Path {
                subject,
                path,
                object,
            };
        }
    };
    if cx.in_exists {
        return end_compared(subject, path, object, cx);
    }
    GraphPattern::Distinct {
        inner: Box::new(GraphPattern::Project {
            inner: Box::new(GraphPattern::Path {
                subject,
                path,
                object,
            }),
            variables: vec![variable],
        }),
    }
}

/// Inside EXISTS the path must see the row's bindings: there the constant end becomes a variable
/// compared by sameTerm, which Virtuoso does not fold back into a constant (as it does `=`), and
/// then it answers right. One end is a constant (see `transitive_of`).
fn end_compared(
    subject: TermPattern,
    path: PropertyPathExpression,
    object: TermPattern,
    cx: &mut Cx,
) -> GraphPattern {
    cx.fresh += 1;
    let end = Variable::new_unchecked(format!("{FRESH}End{}", cx.fresh));
    let (subject, object, constant) = match (subject, object) {
        (s, TermPattern::NamedNode(n)) => (s, TermPattern::Variable(end.clone()), n),
        (TermPattern::NamedNode(n), o) => (TermPattern::Variable(end.clone()), o, n),
        (subject, object) => {
            return GraphPattern::Path {
                subject,
                path,
                object,
            };
        }
    };
    GraphPattern::Filter {
        expr: Expression::SameTerm(
            Box::new(Expression::Variable(end)),
            Box::new(Expression::NamedNode(constant)),
        ),
        inner: Box::new(GraphPattern::Path {
            subject,
            path,
            object,
        }),
    }
}

fn expression_of(expression: Expression, cx: &mut Cx) -> Expression {
    use Expression as E;
    let b = |e: Box<E>, cx: &mut Cx| Box::new(expression_of(*e, cx));
    match expression {
        E::Exists(p) => {
            let outer = std::mem::replace(&mut cx.in_exists, true);
            let p = E::Exists(boxed(p, cx));
            cx.in_exists = outer;
            p
        }
        E::Or(l, r) => E::Or(b(l, cx), b(r, cx)),
        E::And(l, r) => E::And(b(l, cx), b(r, cx)),
        E::Not(e) => E::Not(b(e, cx)),
        E::If(c, t, e) => E::If(b(c, cx), b(t, cx), b(e, cx)),
        E::Coalesce(all) => E::Coalesce(all.into_iter().map(|e| expression_of(e, cx)).collect()),
        // Comparisons and functions of plain values hold no graph pattern worth rewriting in
        // the queries claimgraph meets; EXISTS nested in them is left as written.
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_becomes_a_join_through_a_fresh_variable() {
        let query = spargebra::SparqlParser::new()
            .parse_query("SELECT ?x WHERE { ?x <http://a>/<http://b>* <http://c> FILTER EXISTS { ?x <http://d>/<http://e> ?y } }")
            .unwrap();
        let text = for_virtuoso(query, Vec::new()).to_string();
        assert!(!text.contains("_:"), "{text}");
        assert!(text.contains("?claimgraphStep_"), "{text}");
        // Still a query that parses, with the same projection.
        let again = spargebra::SparqlParser::new().parse_query(&text).unwrap();
        assert!(again.to_string().starts_with("SELECT ?x"), "{again}");
    }

    #[test]
    fn a_values_table_becomes_the_start_of_a_path() {
        let query = spargebra::SparqlParser::new()
            .parse_query("SELECT ?x ?top WHERE { VALUES ?top { <http://a> <http://b> } ?x <http://p>* ?top }")
            .unwrap();
        let text = for_virtuoso(query, Vec::new()).to_string();
        assert!(!text.contains("VALUES"), "{text}");
        assert!(text.contains("UNION"), "{text}");
        assert!(text.contains("* <http://b>"), "{text}");
    }

    #[test]
    fn a_path_to_a_constant_is_a_subquery_of_its_own() {
        let query = spargebra::SparqlParser::new()
            .parse_query("SELECT ?a WHERE { ?a a ?c . ?c <http://p>* <http://top> }")
            .unwrap();
        let text = for_virtuoso(query, Vec::new()).to_string();
        assert!(text.contains("SELECT DISTINCT ?c"), "{text}");
        spargebra::SparqlParser::new().parse_query(&text).unwrap();
    }

    #[test]
    fn graph_variables_skip_the_hidden_graph() {
        let query = spargebra::SparqlParser::new()
            .parse_query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            .unwrap();
        let hidden = vec![NamedNode::new_unchecked("urn:x:d")];
        let text = for_virtuoso(query, hidden).to_string();
        assert!(text.contains("?g IN (<urn:x:d>)"), "{text}");
    }
}
