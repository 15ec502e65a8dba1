//! The parts of SPARQL algebra one step down: what a graph pattern or an expression holds
//! directly. Every walk over a query (its depth, the variables it assigns, what it may read of
//! a server's own graphs, which results are booleans) recurses through these, and spells out
//! only the cases it treats in its own way.

use spargebra::algebra::{AggregateExpression, Expression, GraphPattern, OrderExpression};

/// What a pattern holds directly: its sub-patterns (not those of EXISTS inside its
/// expressions), and its expressions (FILTER, BIND, an OPTIONAL's condition, ORDER BY keys,
/// the arguments of aggregates). `None` for a kind of pattern this walk does not know, which
/// each caller judges for itself.
pub fn parts(pattern: &GraphPattern) -> Option<(Vec<&GraphPattern>, Vec<&Expression>)> {
    use GraphPattern as P;
    Some(match pattern {
        P::Bgp { .. } | P::Path { .. } | P::Values { .. } => (Vec::new(), Vec::new()),
        P::Join { left, right } | P::Union { left, right } | P::Minus { left, right } => {
            (vec![left, right], Vec::new())
        }
        P::LeftJoin {
            left,
            right,
            expression,
        } => (vec![left, right], expression.iter().collect()),
        P::Filter { expr, inner } => (vec![inner], vec![expr]),
        P::Extend {
            inner, expression, ..
        } => (vec![inner], vec![expression]),
        P::OrderBy { inner, expression } => (
            vec![inner],
            expression
                .iter()
                .map(|o| match o {
                    OrderExpression::Asc(e) | OrderExpression::Desc(e) => e,
                })
                .collect(),
        ),
        P::Group {
            inner, aggregates, ..
        } => (
            vec![inner],
            aggregates
                .iter()
                .filter_map(|(_, a)| match a {
                    AggregateExpression::CountSolutions { .. } => None,
                    AggregateExpression::FunctionCall { expr, .. } => Some(expr),
                })
                .collect(),
        ),
        P::Graph { inner, .. }
        | P::Project { inner, .. }
        | P::Distinct { inner }
        | P::Reduced { inner }
        | P::Slice { inner, .. }
        | P::Service { inner, .. } => (vec![inner], Vec::new()),
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

/// The patterns directly inside a pattern; none for a kind this walk does not know.
pub fn sub_patterns(pattern: &GraphPattern) -> Vec<&GraphPattern> {
    parts(pattern).map(|(p, _)| p).unwrap_or_default()
}

/// The patterns directly inside a pattern, to change them; none for a kind this walk does not
/// know.
pub fn sub_patterns_mut(pattern: &mut GraphPattern) -> Vec<&mut GraphPattern> {
    use GraphPattern as P;
    match pattern {
        P::Join { left, right }
        | P::LeftJoin { left, right, .. }
        | P::Union { left, right }
        | P::Minus { left, right } => vec![left, right],
        P::Filter { inner, .. }
        | P::Extend { inner, .. }
        | P::OrderBy { inner, .. }
        | P::Group { inner, .. }
        | P::Graph { inner, .. }
        | P::Project { inner, .. }
        | P::Distinct { inner }
        | P::Reduced { inner }
        | P::Slice { inner, .. }
        | P::Service { inner, .. } => vec![inner],
        _ => Vec::new(),
    }
}

/// What an expression holds directly: its operands, and the pattern of an EXISTS.
pub fn operands(expression: &Expression) -> (Vec<&Expression>, Option<&GraphPattern>) {
    use Expression as E;
    let operands = match expression {
        E::NamedNode(_) | E::Literal(_) | E::Variable(_) | E::Bound(_) => Vec::new(),
        E::Exists(p) => return (Vec::new(), Some(p)),
        E::Or(a, b)
        | E::And(a, b)
        | E::Equal(a, b)
        | E::SameTerm(a, b)
        | E::Greater(a, b)
        | E::GreaterOrEqual(a, b)
        | E::Less(a, b)
        | E::LessOrEqual(a, b)
        | E::Add(a, b)
        | E::Subtract(a, b)
        | E::Multiply(a, b)
        | E::Divide(a, b) => vec![a.as_ref(), b.as_ref()],
        E::UnaryPlus(a) | E::UnaryMinus(a) | E::Not(a) => vec![a.as_ref()],
        E::If(a, b, c) => vec![a.as_ref(), b.as_ref(), c.as_ref()],
        E::In(a, list) => std::iter::once(a.as_ref()).chain(list).collect(),
        E::Coalesce(list) | E::FunctionCall(_, list) => list.iter().collect(),
    };
    (operands, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(query: &str) -> GraphPattern {
        match spargebra::SparqlParser::new().parse_query(query).unwrap() {
            spargebra::Query::Select { pattern, .. } => pattern,
            _ => unreachable!("a SELECT"),
        }
    }

    /// How many patterns and expressions a walk through `parts` and `operands` meets.
    fn count(p: &GraphPattern) -> (usize, usize) {
        let (patterns, expressions) = parts(p).expect("a known pattern");
        let mut n = (1, 0);
        for q in patterns {
            let (a, b) = count(q);
            n = (n.0 + a, n.1 + b);
        }
        for e in expressions {
            let (a, b) = count_expression(e);
            n = (n.0 + a, n.1 + b);
        }
        n
    }

    fn count_expression(e: &Expression) -> (usize, usize) {
        let (list, exists) = operands(e);
        let mut n = (0, 1);
        for x in list {
            let (a, b) = count_expression(x);
            n = (n.0 + a, n.1 + b);
        }
        if let Some(p) = exists {
            let (a, b) = count(p);
            n = (n.0 + a, n.1 + b);
        }
        n
    }

    #[test]
    fn a_walk_meets_every_pattern_and_expression_once() {
        // Project ( OrderBy ( Filter ( LeftJoin ( Bgp, Bgp, ?c ) ) ) ), and the expressions:
        // the OPTIONAL's ?c, And ( Bound, Exists ( Bgp ) ) in the FILTER, the ORDER BY key.
        let p = pattern(
            "SELECT ?a WHERE { ?a ?b ?c OPTIONAL { ?c ?d ?e FILTER(?c) } FILTER(BOUND(?a) && EXISTS { ?a ?x ?y }) } ORDER BY ?a",
        );
        assert_eq!(count(&p), (7, 5));
        // Project ( Extend ?s ( Group ( Extend ?n ( Bgp ) ) ) ): the aggregate's argument ?n,
        // the BIND's ?m + 1 (three), and the variable the aggregate is bound to.
        let p = pattern("SELECT (SUM(?n) AS ?s) WHERE { ?a ?b ?m BIND(?m + 1 AS ?n) }");
        assert_eq!(count(&p), (5, 5));
    }
}
