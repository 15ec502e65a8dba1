//! A generator of corpus-shaped N-Quads for benchmarks: N statements by a pool of actors, each in
//! its own grounded graph with a mention, a claim, a date, and (for most) a response link to an
//! earlier statement. The output is deterministic for a given N and seed.

use std::io::{self, Write};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub statements: u64,
    pub actors: u64,
    /// Out of 1000: how many statements answer an earlier one.
    pub responses_per_mille: u64,
    /// Whether the claim of an answering statement also answers the claim of the statement it
    /// answers (denies, rejects or counter-accuses it), as claims are linked in the corpus; this
    /// doubles the response links without changing which statements answer which.
    pub claim_responses: bool,
    pub seed: u64,
}

impl Shape {
    pub fn new(statements: u64) -> Self {
        Shape {
            statements,
            actors: (statements / 50).clamp(2, 20_000),
            responses_per_mille: 700,
            claim_responses: false,
            seed: 0x5eed,
        }
    }
}

/// A small, fast, deterministic pseudo-random sequence (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const CG: &str = "https://claimgraph.org/ns#";
const ID: &str = "https://claimgraph.org/id/";
const TYPES: &[&str] = &[
    "Accusation",
    "CounterAccusation",
    "Denial",
    "Rejection",
    "Threat",
    "Demand",
];
const RELATIONS: &[&str] = &["counterAccuses", "denies", "rejects", "respondsTo"];

const RDF_TYPE: &str = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
const LABEL: &str = "<http://www.w3.org/2000/01/rdf-schema#label>";
const OA: &str = "http://www.w3.org/ns/oa#";
const DERIVED_FROM: &str = "<http://www.w3.org/ns/prov#wasDerivedFrom>";

/// N-Quads lines written one at a time, counted.
struct Quads<'a> {
    out: &'a mut dyn Write,
    count: u64,
}

impl Quads<'_> {
    /// One quad; `g` is the graph IRI followed by a space, or empty for the default graph.
    fn quad(&mut self, s: &str, p: &str, o: &str, g: &str) -> io::Result<()> {
        self.count += 1;
        writeln!(self.out, "{s} {p} {o} {g}.")
    }

    /// A mention of `source` in the default graph, and the graph derived from it.
    fn mention(&mut self, mention: &str, source: &str, graph: &str) -> io::Result<()> {
        self.quad(mention, RDF_TYPE, &format!("<{CG}Mention>"), "")?;
        self.quad(mention, &format!("<{OA}hasSource>"), source, "")?;
        self.quad(graph, DERIVED_FROM, mention, "")
    }
}

/// Writes the dataset as N-Quads; returns the number of quads written.
pub fn write(out: &mut impl Write, shape: Shape) -> io::Result<u64> {
    let mut q = Quads { out, count: 0 };
    let source = format!("<{ID}source/generated>");
    q.quad(&source, RDF_TYPE, &format!("<{CG}Source>"), "")?;
    // The actors, introduced in one passage.
    let actors_graph = format!("<{ID}graph/generated-actors>");
    q.mention(
        &format!("<{ID}mention/generated-actors>"),
        &source,
        &actors_graph,
    )?;
    let g = format!("{actors_graph} ");
    for a in 0..shape.actors {
        let actor = format!("<{ID}actor/generated-{a}>");
        q.quad(&actor, RDF_TYPE, &format!("<{CG}Actor>"), &g)?;
        q.quad(&actor, LABEL, &format!("\"Actor {a}\""), &g)?;
    }
    let mut rng = Rng(shape.seed);
    let mut claim_rng = Rng(shape.seed ^ 0xc1a1_4e55);
    for i in 0..shape.statements {
        statement(&mut q, &shape, i, &source, &mut rng, &mut claim_rng)?;
    }
    for relation in &RELATIONS[..3] {
        q.quad(
            &format!("<{CG}{relation}>"),
            "<http://www.w3.org/2000/01/rdf-schema#subPropertyOf>",
            &format!("<{CG}respondsTo>"),
            "",
        )?;
    }
    Ok(q.count)
}

/// Statement `i`: its mention and quote, its claim, and perhaps a response to an earlier one.
fn statement(
    q: &mut Quads<'_>,
    shape: &Shape,
    i: u64,
    source: &str,
    rng: &mut Rng,
    claim_rng: &mut Rng,
) -> io::Result<()> {
    let stmt = format!("<{ID}statement/generated-{i}>");
    let claim = format!("<{ID}claim/generated-{i}>");
    let mention = format!("<{ID}mention/generated-{i}>");
    let graph_iri = format!("<{ID}graph/generated-{i}>");
    let g = format!("{graph_iri} ");
    let speaker = rng.below(shape.actors);
    let target = (speaker + 1 + rng.below(shape.actors - 1)) % shape.actors;
    let day = 1 + i * 365 / shape.statements.max(1);
    let kind = TYPES[rng.below(TYPES.len() as u64) as usize];
    // Provenance, in the default graph.
    q.quad(&mention, RDF_TYPE, &format!("<{CG}Mention>"), "")?;
    q.quad(&mention, &format!("<{OA}hasSource>"), source, "")?;
    q.quad(
        &mention,
        &format!("<{OA}hasSelector>"),
        &format!("_:q{i}"),
        "",
    )?;
    let words = format!("\"words of statement {i}\"");
    // Typed as the corpus types its quotes: `check`, `why` and the quote readers look for the
    // class, not only for oa:exact.
    q.quad(
        &format!("_:q{i}"),
        RDF_TYPE,
        &format!("<{OA}TextQuoteSelector>"),
        "",
    )?;
    q.quad(&format!("_:q{i}"), &format!("<{OA}exact>"), &words, "")?;
    q.quad(&graph_iri, DERIVED_FROM, &mention, "")?;
    // The facts of the passage.
    let speaker = format!("<{ID}actor/generated-{speaker}>");
    let date = format!("\"{}\"^^<http://www.w3.org/2001/XMLSchema#date>", date(day));
    q.quad(&stmt, RDF_TYPE, &format!("<{CG}Statement>"), &g)?;
    q.quad(&stmt, LABEL, &format!("\"Statement {i}\""), &g)?;
    q.quad(&stmt, &format!("<{CG}speaker>"), &speaker, &g)?;
    q.quad(&stmt, &format!("<{CG}date>"), &date, &g)?;
    q.quad(&stmt, &format!("<{CG}conveys>"), &claim, &g)?;
    q.quad(&claim, RDF_TYPE, &format!("<{CG}Claim>"), &g)?;
    q.quad(
        &claim,
        &format!("<{CG}actType>"),
        &format!("<{CG}{kind}>"),
        &g,
    )?;
    q.quad(&claim, &format!("<{CG}claimant>"), &speaker, &g)?;
    let target = format!("<{ID}actor/generated-{target}>");
    q.quad(&claim, &format!("<{CG}target>"), &target, &g)?;
    if i > 0 && rng.below(1000) < shape.responses_per_mille {
        // Mostly recent statements are answered, as in a running exchange.
        let back = 1 + rng.below(i.min(50));
        let relation = RELATIONS[rng.below(RELATIONS.len() as u64) as usize];
        let answered = format!("<{ID}statement/generated-{}>", i - back);
        q.quad(&stmt, &format!("<{CG}{relation}>"), &answered, &g)?;
        if shape.claim_responses {
            // From a sequence of its own, so that everything else is as without claim responses.
            let relation = RELATIONS[claim_rng.below(3) as usize];
            let answered = format!("<{ID}claim/generated-{}>", i - back);
            q.quad(&claim, &format!("<{CG}{relation}>"), &answered, &g)?;
        }
    }
    Ok(())
}

/// The date `day` days into 2025 (day 1 is January 1), as xsd:date.
fn date(day: u64) -> String {
    const MONTHS: [u64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut left = day.clamp(1, 365);
    for (m, len) in MONTHS.iter().enumerate() {
        if left <= *len {
            return format!("2025-{:02}-{left:02}", m + 1);
        }
        left -= len;
    }
    "2025-12-31".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_is_valid_nquads_and_deterministic() {
        let mut a = Vec::new();
        let n = write(&mut a, Shape::new(200)).unwrap();
        let mut b = Vec::new();
        write(&mut b, Shape::new(200)).unwrap();
        assert_eq!(a, b);
        let parsed = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
            .for_slice(&a)
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        assert_eq!(parsed.len() as u64, n);
    }

    #[test]
    fn claim_responses_add_claim_links_and_change_nothing_else() {
        let mut plain = Vec::new();
        write(&mut plain, Shape::new(300)).unwrap();
        let shape = Shape {
            claim_responses: true,
            ..Shape::new(300)
        };
        let mut linked = Vec::new();
        write(&mut linked, shape).unwrap();
        let plain = String::from_utf8(plain).unwrap();
        let linked = String::from_utf8(linked).unwrap();
        let claim_links: Vec<&str> = linked
            .lines()
            .filter(|l| {
                l.starts_with(&format!("<{ID}claim/")) && l.contains(&format!("> <{ID}claim/"))
            })
            .collect();
        let statement_links = plain
            .lines()
            .filter(|l| l.contains(&format!("> <{ID}statement/")))
            .count();
        assert_eq!(claim_links.len(), statement_links);
        let rest: Vec<&str> = linked
            .lines()
            .filter(|l| !claim_links.contains(l))
            .collect();
        assert_eq!(rest, plain.lines().collect::<Vec<_>>());
    }

    #[test]
    fn dates_stay_in_the_year() {
        assert_eq!(date(1), "2025-01-01");
        assert_eq!(date(59), "2025-02-28");
        assert_eq!(date(365), "2025-12-31");
    }
}
