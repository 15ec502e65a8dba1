//! Booleans back from servers that answer them as integers: Virtuoso has no boolean values, so
//! `BIND(EXISTS {...} AS ?x)` and even `(true AS ?x)` come back as `1` or `0`, typed
//! xsd:integer. The query says which variables hold a boolean (those bound to a boolean
//! expression, or to a variable that holds one, as `COALESCE(?stated, false)`), and not read
//! from the data; only their integer 1 and 0 are read back as true and false.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term};
use spargebra::Query;
use spargebra::algebra::{Expression, Function, GraphPattern};

/// The variables a query binds to a boolean expression (BIND, or an expression in SELECT).
pub fn boolean_variables(query: &Query) -> Vec<String> {
    let pattern = match query {
        Query::Select { pattern, .. } => pattern,
        _ => return Vec::new(),
    };
    // A variable bound to another that holds a boolean is found on the next round.
    let mut found = Vec::new();
    loop {
        let before = found.len();
        collect(pattern, &mut found);
        if found.len() == before {
            break;
        }
    }
    let mut from_data = Vec::new();
    data_variables(pattern, &mut from_data);
    found.retain(|v| !from_data.contains(v));
    found
}

/// Puts true and false back in the columns of `variables` (an answer's, in its order) that
/// `booleans` names, where the server wrote 1 and 0.
pub fn restore(variables: &[String], booleans: &[String], rows: &mut [Vec<Option<Term>>]) {
    let columns: Vec<usize> = variables
        .iter()
        .enumerate()
        .filter(|(_, v)| booleans.contains(v))
        .map(|(i, _)| i)
        .collect();
    if columns.is_empty() {
        return;
    }
    for row in rows {
        for &i in &columns {
            if let Some(Some(term)) = row.get_mut(i) {
                if let Some(b) = as_boolean(term) {
                    *term = Literal::from(b).into();
                }
            }
        }
    }
}

/// `1` or `0` typed xsd:integer, as the boolean it stands for.
fn as_boolean(term: &Term) -> Option<bool> {
    let Term::Literal(l) = term else {
        return None;
    };
    if l.datatype() != xsd::INTEGER {
        return None;
    }
    match l.value() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

fn collect(pattern: &GraphPattern, found: &mut Vec<String>) {
    if let GraphPattern::Extend {
        variable,
        expression,
        ..
    } = pattern
        && is_boolean(expression, found)
        && !found.iter().any(|f| f == variable.as_str())
    {
        found.push(variable.as_str().to_owned());
    }
    for inner in crate::query::algebra::sub_patterns(pattern) {
        collect(inner, found);
    }
}

/// The variables a pattern reads from the data (triples, paths, VALUES): never taken for
/// booleans, whatever else binds them.
fn data_variables(pattern: &GraphPattern, found: &mut Vec<String>) {
    use GraphPattern as P;
    let mut term = |t: &spargebra::term::TermPattern| {
        if let spargebra::term::TermPattern::Variable(v) = t {
            found.push(v.as_str().to_owned());
        }
    };
    match pattern {
        P::Bgp { patterns } => {
            for t in patterns {
                term(&t.subject);
                term(&t.object);
            }
        }
        P::Path {
            subject, object, ..
        } => {
            term(subject);
            term(object);
        }
        P::Values { variables, .. } => {
            found.extend(variables.iter().map(|v| v.as_str().to_owned()));
        }
        _ => {
            for inner in crate::query::algebra::sub_patterns(pattern) {
                data_variables(inner, found);
            }
        }
    }
}

/// Whether an expression's value is a boolean whatever its arguments (an IF or COALESCE is when
/// each of its results is; a variable when `known` has it).
fn is_boolean(expression: &Expression, known: &[String]) -> bool {
    use Expression as E;
    match expression {
        E::Literal(l) => l.datatype() == xsd::BOOLEAN,
        E::Variable(v) => known.iter().any(|k| k == v.as_str()),
        E::Or(..)
        | E::And(..)
        | E::Equal(..)
        | E::SameTerm(..)
        | E::Greater(..)
        | E::GreaterOrEqual(..)
        | E::Less(..)
        | E::LessOrEqual(..)
        | E::In(..)
        | E::Not(_)
        | E::Exists(_)
        | E::Bound(_) => true,
        E::If(_, then, otherwise) => is_boolean(then, known) && is_boolean(otherwise, known),
        E::Coalesce(all) => !all.is_empty() && all.iter().all(|e| is_boolean(e, known)),
        E::FunctionCall(f, _) => matches!(
            f,
            Function::LangMatches
                | Function::Contains
                | Function::StrStarts
                | Function::StrEnds
                | Function::IsIri
                | Function::IsBlank
                | Function::IsLiteral
                | Function::IsNumeric
                | Function::Regex
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Query {
        spargebra::SparqlParser::new().parse_query(text).unwrap()
    }

    #[test]
    fn finds_the_variables_bound_to_a_boolean() {
        let q = parsed(
            "SELECT ?s ?n ?e ?t ?c WHERE { ?s ?p ?o BIND(EXISTS { ?o ?q ?r } AS ?e) \
             BIND(STRLEN(?o) AS ?n) BIND(true AS ?t) BIND(IF(?n > 2, ?n = 3, false) AS ?c) }",
        );
        let mut found = boolean_variables(&q);
        found.sort();
        assert_eq!(found, ["c", "e", "t"]);
    }

    #[test]
    fn a_variable_holding_a_boolean_passes_it_on_unless_the_data_binds_it() {
        let q = parsed(
            "SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r BIND(true AS ?x) }              BIND(COALESCE(?x, false) AS ?y) BIND(COALESCE(?o, false) AS ?z)              OPTIONAL { BIND(true AS ?r) } }",
        );
        let mut found = boolean_variables(&q);
        found.sort();
        assert_eq!(found, ["x", "y"]);
    }

    #[test]
    fn restores_only_ones_and_zeros_of_boolean_columns() {
        let one = || Some(Term::from(Literal::from(1)));
        let two = Some(Term::from(Literal::from(2)));
        let mut rows = vec![
            vec![one(), one()],
            vec![Some(Literal::from(0).into()), two.clone()],
        ];
        let variables = ["e".to_owned(), "n".to_owned()];
        restore(&variables, &["e".to_owned()], &mut rows);
        assert_eq!(rows[0][0], Some(Literal::from(true).into()));
        assert_eq!(
            rows[0][1],
            one(),
            "a column that is not boolean keeps its 1"
        );
        assert_eq!(rows[1][0], Some(Literal::from(false).into()));
        assert_eq!(rows[1][1], two);
    }
}
