//! The bounds a user's query runs within, so that hostile text cannot abort or exhaust the
//! process: the stack its parse and evaluation get, how deep its algebra may nest, and how much
//! memory its evaluation may take before it is stopped.

use spargebra::Query;
use spargebra::algebra::{Expression, GraphPattern, PropertyPathExpression};

/// The stack of the thread that parses and evaluates a user's query. The parser, the optimizer
/// and the evaluator all recurse once per level of the query; this is virtual memory, of which
/// only the pages a deep query touches are ever used.
pub const STACK_BYTES: usize = 256 << 20;

/// How deep a query's algebra may nest: operators (OPTIONAL, UNION, MINUS, FILTER, BIND, joins),
/// expressions and property paths together. A flat query text can still nest deeply: each
/// OPTIONAL or UNION in a row wraps everything before it.
pub const MAX_DEPTH: usize = 1_000;

/// Whether the query's algebra nests no deeper than [`MAX_DEPTH`].
pub fn fits(query: &Query) -> bool {
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    pattern_fits(pattern, MAX_DEPTH)
}

// Each function below takes the levels left and recurses at most that deep, so the check itself
// is bounded whatever the input.

fn pattern_fits(p: &GraphPattern, left: usize) -> bool {
    let Some(left) = left.checked_sub(1) else {
        return false;
    };
    if let GraphPattern::Path { path, .. } = p {
        return path_fits(path, left);
    }
    // A kind of pattern this walk does not know is left to the parser's own limits.
    let Some((patterns, expressions)) = super::algebra::parts(p) else {
        return true;
    };
    patterns.iter().all(|q| pattern_fits(q, left))
        && expressions.iter().all(|e| expression_fits(e, left))
}

fn expression_fits(e: &Expression, left: usize) -> bool {
    let Some(left) = left.checked_sub(1) else {
        return false;
    };
    let (operands, exists) = super::algebra::operands(e);
    operands.iter().all(|x| expression_fits(x, left))
        && exists.is_none_or(|p| pattern_fits(p, left))
}

fn path_fits(p: &PropertyPathExpression, left: usize) -> bool {
    use PropertyPathExpression as Path;
    let Some(left) = left.checked_sub(1) else {
        return false;
    };
    match p {
        Path::NamedNode(_) | Path::NegatedPropertySet(_) => true,
        Path::Reverse(a) | Path::ZeroOrMore(a) | Path::OneOrMore(a) | Path::ZeroOrOne(a) => {
            path_fits(a, left)
        }
        Path::Sequence(a, b) | Path::Alternative(a, b) => path_fits(a, left) && path_fits(b, left),
    }
}

/// Watches the memory of the process while a query runs, against a budget: half the memory
/// available when it started, or `CLAIMGRAPH_QUERY_MEMORY` MiB. oxigraph has no memory limit of
/// its own, and a few OPTIONALs over unrelated variables multiply their rows into gigabytes.
#[derive(Debug, Clone, Copy)]
pub struct MemoryWatch {
    start: u64,
    pub budget: u64,
}

/// The variable that sets the memory budget of a query, in MiB.
pub const MEMORY_VARIABLE: &str = "CLAIMGRAPH_QUERY_MEMORY";

impl MemoryWatch {
    /// Starts watching; `None` where the process cannot read its own memory use (not Linux).
    pub fn start() -> Option<MemoryWatch> {
        let start = resident_bytes()?;
        let budget = match std::env::var(MEMORY_VARIABLE)
            .ok()
            .and_then(|v| v.parse().ok())
        {
            Some(mib) => u64::saturating_mul(mib, 1 << 20),
            None => (available_bytes()? / 2).max(64 << 20),
        };
        Some(MemoryWatch { start, budget })
    }

    /// How much the process grew since the start, when that is over the budget.
    pub fn exceeded(&self) -> Option<u64> {
        let grown = resident_bytes()?.saturating_sub(self.start);
        (grown > self.budget).then_some(grown)
    }
}

/// A `kB` field of a /proc file, in bytes.
fn proc_field(file: &str, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

fn resident_bytes() -> Option<u64> {
    proc_field("/proc/self/status", "VmRSS:")
}

fn available_bytes() -> Option<u64> {
    proc_field("/proc/meminfo", "MemAvailable:")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Query {
        spargebra::SparqlParser::new().parse_query(text).unwrap()
    }

    #[test]
    fn depth_counts_operators_in_a_row() {
        let optionals = |n: usize| {
            format!(
                "SELECT * WHERE {{ ?s ?p ?o {} }}",
                "OPTIONAL { ?s ?p ?o } ".repeat(n)
            )
        };
        assert!(fits(&parse(&optionals(10))));
        assert!(!fits(&parse(&optionals(MAX_DEPTH))));
        let ors = format!("ASK {{ FILTER({}) }}", vec!["?a"; MAX_DEPTH].join(" || "));
        assert!(!fits(&parse(&ors)));
    }

    #[test]
    fn memory_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let watch = MemoryWatch::start().unwrap();
            assert!(watch.budget > 0);
            assert_eq!(watch.exceeded(), None);
        }
    }
}
