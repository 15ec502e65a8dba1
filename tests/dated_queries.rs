//! The saved queries that sort by date sort by what is known of a date range, as `.timeline`
//! does: by the first known day, "by" before the rest at the same day, then the narrower span,
//! undated last, and never a reply before what it answers. Checked on the bundled corpus and on a
//! constructed fixture (tests/fixtures/ranges) where sorting by any single bound gives another
//! order; each check is also run on single-bound variants of the queries, which it must reject.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Where a saved query prints an act's span.
enum Span {
    /// One column printed as `.timeline` prints a span ("2025-10-19…2025-10-26", "by ...").
    Text(&'static str),
    /// Two date columns, the earliest and the latest day.
    Bounds(&'static str, &'static str),
}

/// A saved query that sorts by date: its name, the column of the act, the span, and the column
/// within whose values the rows are sorted (status reports are sorted per act).
struct Dated {
    name: &'static str,
    act: &'static str,
    span: Span,
    group: Option<&'static str>,
}

const DATED: [Dated; 4] = [
    Dated {
        name: "acts-in-time-order",
        act: "act",
        span: Span::Text("when"),
        group: None,
    },
    Dated {
        name: "timeline",
        act: "event",
        span: Span::Text("when"),
        group: None,
    },
    Dated {
        name: "events-of-a-type",
        act: "event",
        span: Span::Bounds("earliest", "latest"),
        group: None,
    },
    Dated {
        name: "status-reports",
        act: "act",
        span: Span::Text("asOf"),
        group: Some("act"),
    },
];

/// The sort key of a span by what is known: the first known day, whether the earliest day is
/// known (a span known only by "by" comes first at its day), the last day; undated last.
type Key = (String, bool, String);

fn key(first: Option<&str>, last: Option<&str>) -> Key {
    const NEVER: &str = "9999-99-99";
    (
        first.or(last).unwrap_or(NEVER).to_owned(),
        first.is_some(),
        last.unwrap_or(NEVER).to_owned(),
    )
}

/// The key of a span printed as text.
fn text_key(text: &str) -> Key {
    if let Some(day) = text.strip_prefix("by ") {
        key(None, Some(day))
    } else if let Some(day) = text.strip_prefix("from ") {
        key(Some(day), None)
    } else if let Some((a, b)) = text.split_once('…') {
        key(Some(a), Some(b))
    } else if text == "undated" || text.is_empty() {
        key(None, None)
    } else {
        assert_eq!(text.len(), 10, "not a span: {text:?}");
        key(Some(text), Some(text))
    }
}

/// The lexical form of a TSV cell: an IRI without brackets, a literal without quotes or type.
fn value(cell: &str) -> &str {
    if let Some(iri) = cell.strip_prefix('<') {
        return iri.trim_end_matches('>');
    }
    match cell.strip_prefix('"') {
        Some(rest) => rest.rsplit_once('"').map_or(rest, |(v, _)| v),
        None => cell,
    }
}

/// The rows of a query as maps from variable name to value.
fn rows(data: &[&Path], queries: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    let mut args: Vec<String> = Vec::new();
    for d in data {
        args.extend(["--data".to_owned(), d.display().to_string()]);
    }
    args.extend(["run", name, "--queries", &queries.display().to_string()].map(str::to_owned));
    args.extend(["--format", "tsv"].map(str::to_owned));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run(&args);
    run.expect_ok();
    let mut lines = run.stdout.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap_or_default()
        .split('\t')
        .map(|h| h.trim_start_matches('?').to_owned())
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split('\t').map(|c| value(c).to_owned()))
                .collect()
        })
        .collect()
}

/// For each act, every act it answers, directly or through other replies; a claim stands for
/// the statements conveying it, as the queries read it.
fn answers(data: &[&Path]) -> BTreeMap<String, BTreeSet<String>> {
    let mut args: Vec<String> = Vec::new();
    for d in data {
        args.extend(["--data".to_owned(), d.display().to_string()]);
    }
    args.push("query".to_owned());
    args.push(
        "SELECT DISTINCT ?a ?b WHERE { ?x ?p ?y . ?p rdfs:subPropertyOf+ cg:respondsTo .
           OPTIONAL { ?sx cg:conveys ?x } OPTIONAL { ?sy cg:conveys ?y }
           BIND (COALESCE(?sx, ?x) AS ?a) BIND (COALESCE(?sy, ?y) AS ?b) FILTER (?a != ?b) }"
            .to_owned(),
    );
    args.extend(["--format", "tsv"].map(str::to_owned));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run(&args);
    run.expect_ok();
    let mut direct: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in run.stdout.lines().skip(1) {
        let (a, b) = line.split_once('\t').unwrap();
        direct
            .entry(value(a).to_owned())
            .or_default()
            .insert(value(b).to_owned());
    }
    // The transitive closure, by walking from each act.
    let mut closure = BTreeMap::new();
    for start in direct.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = direct[start].iter().collect();
        while let Some(next) = todo.pop() {
            if seen.insert(next.clone()) {
                todo.extend(direct.get(next).into_iter().flatten());
            }
        }
        closure.insert(start.clone(), seen);
    }
    closure
}

/// What is wrong with the order of a dated query's rows: a reply before what it answers, or two
/// acts that answer nothing shown out of the order of what is known of their dates.
fn order_problems(data: &[&Path], queries: &Path, q: &Dated) -> Vec<String> {
    let rows = rows(data, queries, q.name);
    assert!(rows.len() >= 4, "{}: only {} rows", q.name, rows.len());
    let answers = answers(data);
    let acts: Vec<&str> = rows.iter().map(|r| r[q.act].as_str()).collect();
    let shown: BTreeSet<&str> = acts.iter().copied().collect();
    let mut problems = Vec::new();
    for (i, act) in acts.iter().enumerate() {
        for answered in answers.get(*act).into_iter().flatten() {
            if acts[i..].contains(&answered.as_str()) && answered != act {
                problems.push(format!(
                    "{}: {act} (row {i}) before {answered}, which it answers",
                    q.name
                ));
            }
        }
    }
    // Acts answering nothing shown keep the order of their spans.
    let mut last: BTreeMap<String, (Key, usize)> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let act = row[q.act].as_str();
        let is_reply = answers
            .get(act)
            .is_some_and(|a| a.iter().any(|x| x != act && shown.contains(x.as_str())));
        if is_reply && q.group.is_none() {
            continue;
        }
        let k = match q.span {
            Span::Text(col) => text_key(&row[col]),
            Span::Bounds(e, l) => {
                let cell = |c: &str| Some(row[c].as_str()).filter(|v| !v.is_empty());
                key(cell(e), cell(l))
            }
        };
        let group = q.group.map(|g| row[g].clone()).unwrap_or_default();
        if let Some((before, j)) = last.get(&group) {
            if &k < before {
                problems.push(format!(
                    "{}: row {i} ({act}, {k:?}) after row {j} ({before:?})",
                    q.name
                ));
            }
        }
        last.insert(group, (k, i));
    }
    problems
}

fn fixture_data() -> [std::path::PathBuf; 2] {
    [fixture("ranges"), repo().join("ontology")]
}

#[test]
fn dated_saved_queries_sort_by_what_is_known_on_a_fixture_and_the_corpus() {
    let queries = repo().join("queries");
    let data = fixture_data();
    let fixture: Vec<&Path> = data.iter().map(|p| p.as_path()).collect();
    for q in &DATED {
        for data in [&fixture[..], &[]] {
            let problems = order_problems(data, &queries, q);
            assert!(problems.is_empty(), "{}", problems.join("\n"));
        }
    }
}

#[test]
fn the_fixture_has_replies_dated_before_what_they_answer() {
    // Without them the reply check could not fail.
    let queries = repo().join("queries");
    let data = fixture_data();
    let fixture: Vec<&Path> = data.iter().map(|p| p.as_path()).collect();
    let acts: Vec<String> = rows(&fixture, &queries, "acts-in-time-order")
        .into_iter()
        .map(|r| r["act"].rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        acts,
        [
            "h-early", "t-charge", "s-denial", "a-wide", "e-by", "d-day", "c-range", "f-reply",
            "b-from"
        ]
    );
}

#[test]
fn sorting_by_a_single_bound_is_caught() {
    let data = fixture_data();
    let fixture: Vec<&Path> = data.iter().map(|p| p.as_path()).collect();
    for q in &DATED {
        let text =
            std::fs::read_to_string(repo().join("queries").join(format!("{}.rq", q.name))).unwrap();
        let at = text.rfind("ORDER BY").expect("ORDER BY");
        let (earliest, latest) = match q.name {
            "status-reports" => ("?asOfEarliest", "?asOfLatest"),
            _ => ("?earliest", "?latest"),
        };
        let coalesced = format!("COALESCE({earliest}, {latest})");
        for single in [earliest, latest, coalesced.as_str()] {
            let order = match q.group {
                Some(g) => format!("ORDER BY ?{g} {single} ?status\n"),
                None => format!("ORDER BY {single} ?{}\n", q.act),
            };
            let dir = tempfile::tempdir().unwrap();
            let variant = format!("{}{order}", &text[..at]);
            std::fs::write(dir.path().join(format!("{}.rq", q.name)), variant).unwrap();
            assert!(
                !order_problems(&fixture, dir.path(), q).is_empty(),
                "{} sorted by {single} alone passes the check",
                q.name
            );
        }
    }
}
