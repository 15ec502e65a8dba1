//! Property-based fuzzing of the code that reads hostile text: quote selectors (finding a quote,
//! slicing by offsets, splitting sentences), the shell's input scanner, and SPARQL with bound
//! variables. Each target runs a bounded number of cases (set PROPTEST_CASES for a longer run;
//! .ci/test runs a longer one), so `cargo test` stays quick; failures are shrunk and saved in
//! tests/fuzz.proptest-regressions.

use claimgraph::provenance::{self, Anchor};
use claimgraph::query::{self, Binding, QueryOptions};
use claimgraph::store::Dataset;
use claimgraph::{Exit, repl};
use proptest::prelude::*;

/// How many cases each target runs: its own bound, or PROPTEST_CASES for a longer run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Texts with repeats, line breaks and characters of several UTF-8 lengths, so quotes are often
/// found more than once and offsets in bytes and in characters differ.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ab “”—é.\n\u{1F600}]{0,60}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    /// A quote cut from a text is found there: at the offsets that slice it back out, or as
    /// ambiguous; with the text before and after it as prefix and suffix, exactly there.
    #[test]
    fn a_quote_is_found_where_it_was_cut(text in text(), a in 0usize..70, b in 0usize..70) {
        let n = text.chars().count();
        let (start, end) = (a.min(b).min(n), a.max(b).min(n));
        let exact = provenance::slice(&text, start, end).unwrap();
        match provenance::anchor(&text, exact, None, None) {
            Anchor::Found { start: s, end: e } => {
                prop_assert_eq!(provenance::slice(&text, s, e), Some(exact));
            }
            Anchor::Ambiguous(k) => prop_assert!(k >= 2),
            Anchor::NotFound => prop_assert!(exact.is_empty()),
        }
        if !exact.is_empty() {
            let prefix = provenance::slice(&text, 0, start).unwrap();
            let suffix = provenance::slice(&text, end, n).unwrap();
            prop_assert_eq!(
                provenance::anchor(&text, exact, Some(prefix), Some(suffix)),
                Anchor::Found { start, end }
            );
        }
    }

    /// Any offsets slice a text or give nothing; they never panic, and in range they never fail.
    #[test]
    fn slices_never_panic(text in text(), start in 0usize..100, end in 0usize..100) {
        let n = text.chars().count();
        let sliced = provenance::slice(&text, start, end);
        prop_assert_eq!(sliced.is_some(), start <= end && end <= n);
        if let Some(s) = sliced {
            prop_assert_eq!(s.chars().count(), end - start);
        }
    }

    /// Sentences point back into their text, in order, without overlapping.
    #[test]
    fn sentences_slice_back_out(text in text()) {
        let mut last = 0;
        for s in provenance::sentences(&text) {
            prop_assert!(s.start >= last && s.end > s.start);
            prop_assert_eq!(provenance::slice(&text, s.start, s.end), Some(s.text.as_str()));
            last = s.end;
        }
    }
}

/// Pieces of SPARQL and of what else people (or attackers) type: brackets, strings that never
/// close, comments, updates, control characters, dot-commands.
fn sparql_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("SELECT".into()),
        Just("ASK".into()),
        Just("CONSTRUCT".into()),
        Just("WHERE".into()),
        Just("*".into()),
        Just("?x".into()),
        Just("?y".into()),
        Just("$z".into()),
        Just("{".into()),
        Just("}".into()),
        Just("(".into()),
        Just(")".into()),
        Just("[".into()),
        Just("]".into()),
        Just("OPTIONAL".into()),
        Just("UNION".into()),
        Just("FILTER".into()),
        Just("BIND".into()),
        Just("AS".into()),
        Just("VALUES".into()),
        Just("GROUP BY".into()),
        Just("COUNT".into()),
        Just(".".into()),
        Just(";".into()),
        Just(",".into()),
        Just("||".into()),
        Just("<".into()),
        Just("<http://a/p>".into()),
        Just("cg:speaker".into()),
        Just("\"s\"".into()),
        Just("\"\"\"".into()),
        Just("'".into()),
        Just("# c\n".into()),
        Just("\n".into()),
        Just("1".into()),
        Just("INSERT DATA".into()),
        Just("DROP ALL".into()),
        Just("\0".into()),
        Just("\u{1b}[2J".into()),
        Just("\u{feff}".into()),
        Just(".help".into()),
        (1usize..300).prop_map(|n| "{".repeat(n)),
        (1usize..300).prop_map(|n| "(".repeat(n)),
        (1usize..50).prop_map(|n| "OPTIONAL { ?x ?y ?x } ".repeat(n)),
        "[a-z?$\"'{}()<>#;. \n]{1,8}",
    ]
}

/// A query built to reach deep into the parser and the evaluator: a head (possibly an
/// aggregate or an expression `AS`), a WHERE group nested `n` deep in one of several ways (or
/// with `n` operators in a row), a trailing comment or string naming variables, and random
/// pieces spliced in anywhere.
fn sparql() -> impl Strategy<Value = String> {
    let head = prop_oneof![
        Just("SELECT *"),
        Just("SELECT ?s"),
        Just("SELECT (COUNT(?s) AS ?n)"),
        Just("SELECT ?s (STR(?o) AS ?x)"),
        Just("ASK"),
        Just("CONSTRUCT { ?s ?p ?o }"),
        Just("INSERT DATA { <a:s> <a:p> <a:o> }"),
        Just(""),
    ];
    let nesting = (0usize..6, 0usize..2_500).prop_map(|(kind, n)| {
        let core = "?s ?p ?o";
        match kind {
            0 => format!("{}{core}{}", "{ ".repeat(n), " }".repeat(n)),
            1 => format!(
                "{core} {}{}",
                "OPTIONAL { ?s ?p ?x ".repeat(n),
                "} ".repeat(n)
            ),
            2 => format!("{core} FILTER({}1{})", "(".repeat(n), ")".repeat(n)),
            3 => format!("{core} {}", "OPTIONAL { ?s ?p ?y } ".repeat(n)),
            4 => vec!["{ ?s ?p ?o }"; n.max(1)].join(" UNION "),
            _ => format!("{core} FILTER({})", vec!["?o = 1"; n.max(1)].join(" || ")),
        }
    });
    let tail = prop_oneof![
        Just(""),
        Just(" # ?x ?y"),
        Just(" LIMIT 1"),
        Just(" GROUP BY ?s"),
        Just(" }"),
    ];
    let splices =
        proptest::collection::vec((any::<proptest::sample::Index>(), sparql_piece()), 0..4);
    (head, nesting, tail, splices).prop_map(|(head, body, tail, splices)| {
        let mut text = format!("{head} WHERE {{ {body} }}{tail}");
        for (at, piece) in splices {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.insert_str(i, &format!(" {piece} "));
        }
        text
    })
}

/// The variables of a parsed query as spargebra writes it back (comments gone), outside its
/// string literals.
fn variables_written(query: &spargebra::Query) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in query.to_string().chars() {
        match (in_string, escaped, c) {
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (true, _, _) => escaped = false,
            (false, _, '"') => in_string = true,
            (false, _, c) => out.push(c),
        }
    }
    out
}

/// A small dataset to run queries on: a few triples, so that queries answer quickly.
fn dataset() -> Dataset {
    let dataset = Dataset::in_memory(Default::default()).unwrap();
    let text = "<http://a/s> <http://a/p> \"o\" .\n<http://a/s> <https://claimgraph.org/ns#speaker> <http://a/x> .\n";
    let input = claimgraph::corpus::Input::text(
        "<fuzz>",
        oxigraph::io::RdfFormat::NTriples,
        "http://a/",
        text,
    );
    dataset.load(&[input], false).unwrap();
    dataset
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    /// The shell's scanner decides on any input, without panicking, and what it runs is what
    /// was typed (less a final `;`).
    #[test]
    fn the_input_scanner_decides_on_anything(buffer in sparql()) {
        match repl::assess(&buffer) {
            repl::Completeness::Complete(text) => prop_assert!(buffer.starts_with(&text)),
            repl::Completeness::Empty | repl::Completeness::Incomplete => {}
        }
        let lexed = query::scan::lex(&buffer);
        prop_assert!(lexed.too_deep.is_none_or(|at| at < buffer.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// Any query text with any bindings gives an answer or an error the user can act on: never a
    /// panic, a crash or an internal error, never a raw control character in the message, and
    /// never a binding silently dropped: when the query runs, each variable bound is named in it
    /// (not only in a comment or a string), once, and not set by the query itself (`AS ?v`).
    #[test]
    fn queries_with_bindings_answer_or_say_why(
        text in sparql(),
        names in proptest::collection::vec("[xysno]", 0..3),
        values in proptest::collection::vec(prop_oneof![
            Just("1".to_owned()), Just("<http://a/x>".to_owned()), Just("\"} } DROP ALL\"".to_owned()),
            Just("cg:speaker".to_owned()), Just("\"é\"@en".to_owned()), "[a-z\"{}<>]{0,6}",
        ], 3),
    ) {
        let dataset = dataset();
        let binds: Vec<Binding> = names
            .iter()
            .zip(&values)
            .filter_map(|(n, v)| format!("{n}={v}").parse().ok())
            .collect();
        let options = QueryOptions {
            binds: binds.clone(),
            timeout: Some(std::time::Duration::from_secs(20)),
            ..QueryOptions::default()
        };
        match query::run(&dataset, &text, "<fuzz>", &options) {
            Ok(_) => {
                // Parsed again here on a large stack, as the engine does: a test thread's stack
                // is too small for the deepest queries the engine accepts in a debug build.
                let written = std::thread::scope(|scope| {
                    std::thread::Builder::new()
                        .stack_size(claimgraph::query::limits::STACK_BYTES)
                        .spawn_scoped(scope, || variables_written(&query::parse(&text).unwrap()))
                        .unwrap()
                        .join()
                        .unwrap()
                });
                for (i, b) in binds.iter().enumerate() {
                    let var = format!("?{}", b.name);
                    let named = written.match_indices(&var).any(|(at, _)| {
                        !written[at + var.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    });
                    prop_assert!(named, "?{} is bound but not in {text:?}", b.name);
                    prop_assert!(!binds[..i].iter().any(|e| e.name == b.name), "bound twice");
                    prop_assert!(!written.contains(&format!("AS {var})")), "{var} is set by the query");
                }
            }
            Err(e) => {
                prop_assert!(e.exit() != Exit::Internal, "{e:?}");
                prop_assert!(!e.one_line().chars().any(char::is_control), "{}", e.one_line());
            }
        }
        prop_assert_eq!(dataset.len().unwrap(), 2, "a query changed the data");
    }

    /// A bound value is what the variable holds in every row, whatever characters it has.
    #[test]
    fn a_bound_value_is_the_value(value in "[a-z\"{}<>#?$ \u{0}\u{1b}é]{0,12}") {
        let dataset = dataset();
        let binding = Binding {
            name: "v".into(),
            term: oxigraph::model::Literal::new_simple_literal(&value).into(),
            spec: "v=...".into(),
        };
        let options = QueryOptions { binds: vec![binding], ..QueryOptions::default() };
        let answer = query::run(&dataset, "SELECT ?v ?s WHERE { ?s ?p ?o }", "<fuzz>", &options).unwrap();
        let query::Answer::Solutions { rows, .. } = answer else { panic!("not solutions") };
        prop_assert_eq!(rows.len(), 2);
        for row in rows {
            prop_assert_eq!(
                row[0].clone(),
                Some(oxigraph::model::Literal::new_simple_literal(&value).into())
            );
        }
    }
}
