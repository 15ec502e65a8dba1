//! The invariants of the data model (see `claimgraph check --help`) and the coverage report:
//! every violation names the resource and, for quotes, what was expected and what was found.

use crate::error::Result;
use crate::provenance::{self, Anchor, Sentence, TextCache, TextProblem};
use crate::query::{self, int_of, str_of};
use crate::store::{Dataset, QuadPattern};
use crate::vocab::{self, OA, OWL, PROV, RDF, RDFS, SH, SKOS};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One broken invariant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Violation {
    /// The number of the invariant (1 to 5, as in `check --help`).
    pub invariant: u8,
    /// The resource at fault, shortened with the known prefixes.
    pub subject: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub violations: Vec<Violation>,
    pub mentions: usize,
    pub graphs: usize,
    pub acts: usize,
    pub coverage: Option<Vec<SourceCoverage>>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty() && self.coverage.iter().flatten().all(|s| s.missing == 0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A mention that grounds a named graph overlaps the sentence.
    Covered,
    /// Page furniture or a heading, marked as such in the data.
    Excluded,
    /// Nothing is grounded in it.
    Missing,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SentenceCoverage {
    #[serde(flatten)]
    pub sentence: Sentence,
    pub status: Status,
    /// The graphs grounded in mentions that overlap the sentence.
    pub graphs: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceCoverage {
    pub source: String,
    pub origin: String,
    pub covered: usize,
    pub excluded: usize,
    pub missing: usize,
    pub sentences: Vec<SentenceCoverage>,
}

impl SourceCoverage {
    /// Covered sentences as a share of the sentences that are content (not excluded).
    pub fn percent(&self) -> f64 {
        let content = self.covered + self.missing;
        if content == 0 {
            100.0
        } else {
            100.0 * self.covered as f64 / content as f64
        }
    }
}

fn short(term: &str) -> String {
    vocab::shorten(term).unwrap_or_else(|| {
        if term.starts_with("_:") {
            term.to_owned()
        } else {
            format!("<{term}>")
        }
    })
}

/// The IRI (or `_:label`) of a term bound to `var`.
fn id_of(row: &oxigraph::sparql::QuerySolution, var: &str) -> Option<String> {
    match row.get(var)? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::BlankNode(b) => Some(b.to_string()),
        Term::Literal(l) => Some(l.value().to_owned()),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// A mention's span in its source, as its position selector gives it or its quote places it.
#[derive(Debug, Clone)]
struct Span {
    source: String,
    start: usize,
    end: usize,
}

struct Checker<'a> {
    dataset: &'a Dataset,
    violations: Vec<Violation>,
}

impl Checker<'_> {
    fn flag(&mut self, invariant: u8, subject: &str, message: impl Into<String>) {
        self.violations.push(Violation {
            invariant,
            subject: short(subject),
            message: message.into(),
        });
    }

    /// Runs a query listing offenders in `?x` and flags each with `message`.
    fn flag_each(&mut self, invariant: u8, sparql: &str, message: &str) -> Result<()> {
        for row in query::select(self.dataset, sparql)? {
            if let Some(x) = id_of(&row, "x") {
                self.flag(invariant, &x, message);
            }
        }
        Ok(())
    }
}

/// Checks every invariant; with `coverage`, also reports the coverage of each source.
pub fn check(dataset: &Dataset, coverage: bool) -> Result<Report> {
    let mut c = Checker {
        dataset,
        violations: Vec::new(),
    };
    let spans = check_quotes(&mut c)?;
    let graphs = check_grounding(&mut c)?;
    let acts = check_acts(&mut c)?;
    check_furniture(&mut c)?;
    check_iris(&mut c)?;
    c.violations
        .extend(crate::ingest::review::violations(dataset)?);
    c.violations
        .extend(crate::corroborate::check::violations(dataset)?);
    let coverage = if coverage {
        Some(coverage_of(dataset, &spans)?)
    } else {
        None
    };
    let mut violations = c.violations;
    violations.sort();
    violations.dedup();
    Ok(Report {
        violations,
        mentions: spans.len(),
        graphs,
        acts,
        coverage,
    })
}

/// Invariant 1: sources' hashes match their texts; every quote stands in its source, once, at
/// the offsets its position selectors give. Returns the span of each mention that has one.
fn check_quotes(c: &mut Checker<'_>) -> Result<HashMap<String, Span>> {
    let data = c.dataset;
    let mut cache = TextCache::new(&c.dataset.texts);
    let mut files = HashMap::new();
    for row in query::select(
        data,
        "SELECT ?x ?file ?hash WHERE { ?x a/rdfs:subClassOf* cg:Source .
            OPTIONAL { ?x cg:textFile ?file } OPTIONAL { ?x cg:sha256 ?hash } }",
    )? {
        let Some(source) = id_of(&row, "x") else {
            continue;
        };
        let file = str_of(&row, "file").map(str::to_owned);
        let declared = str_of(&row, "hash").map(str::to_owned);
        files.insert(source.clone(), file.clone());
        match cache.get(&source, file.as_deref()) {
            Err(TextProblem::NoTextFile) => c.flag(1, &source, "source has no cg:textFile"),
            Err(TextProblem::Missing(f)) => {
                c.flag(1, &source, format!("source text {f:?} not found"))
            }
            Err(TextProblem::NotUtf8(o)) => {
                c.flag(1, &source, format!("source text {o} is not UTF-8"))
            }
            Err(TextProblem::Unreadable(why)) => {
                c.flag(1, &source, format!("source text not read: {why}"))
            }
            Ok(text) => match declared {
                None => c.flag(1, &source, "source has no cg:sha256"),
                Some(d) if !d.eq_ignore_ascii_case(&text.sha256) => c.flag(
                    1,
                    &source,
                    format!(
                        "hash mismatch: expected {d} (cg:sha256), found {} ({})",
                        text.sha256, text.origin
                    ),
                ),
                Some(_) => {}
            },
        }
    }

    let mut positions: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
    for row in query::select(
        data,
        "SELECT ?m ?start ?end WHERE { ?m oa:hasSelector ?p . ?p a oa:TextPositionSelector .
            OPTIONAL { ?p oa:start ?start } OPTIONAL { ?p oa:end ?end } }",
    )? {
        if let Some(m) = id_of(&row, "m") {
            let (start, end) = (
                int_of(&row, "start").unwrap_or(-1),
                int_of(&row, "end").unwrap_or(-1),
            );
            positions.entry(m).or_default().push((start, end));
        }
    }

    let mut spans = HashMap::new();
    let rows = query::select(
        data,
        "SELECT ?x ?source ?exact ?prefix ?suffix WHERE {
            ?x a/rdfs:subClassOf* cg:Mention .
            OPTIONAL { ?x oa:hasSource ?source }
            OPTIONAL { ?x oa:hasSelector ?q . ?q a oa:TextQuoteSelector .
                       OPTIONAL { ?q oa:exact ?exact } OPTIONAL { ?q oa:prefix ?prefix } OPTIONAL { ?q oa:suffix ?suffix } }
        }",
    )?;
    for row in &rows {
        let Some(mention) = id_of(row, "x") else {
            continue;
        };
        let Some(source) = id_of(row, "source") else {
            c.flag(1, &mention, "mention has no oa:hasSource");
            continue;
        };
        let Some(exact) = str_of(row, "exact") else {
            c.flag(
                1,
                &mention,
                "mention has no oa:TextQuoteSelector with an oa:exact quote",
            );
            continue;
        };
        let Some(file) = files.get(&source) else {
            c.flag(
                1,
                &mention,
                format!("its source {} is not a cg:Source", short(&source)),
            );
            continue;
        };
        let Ok(text) = cache.get(&source, file.as_deref()) else {
            continue; // already reported on the source
        };
        match provenance::anchor(&text.text, exact, str_of(row, "prefix"), str_of(row, "suffix")) {
            Anchor::NotFound => c.flag(1, &mention, format!("quote not found in {}: {exact:?}", short(&source))),
            Anchor::Ambiguous(n) => c.flag(
                1,
                &mention,
                format!("quote found {n} times in {}; add oa:prefix or oa:suffix to tell them apart: {exact:?}", short(&source)),
            ),
            Anchor::Found { start, end } => {
                for &(s, e) in positions.get(&mention).into_iter().flatten() {
                    let found = (s >= 0 && e >= 0)
                        .then(|| provenance::slice(&text.text, s as usize, e as usize))
                        .flatten();
                    if found != Some(exact) {
                        c.flag(
                            1,
                            &mention,
                            format!(
                                "offsets {s}..{e} hold {:?}, expected {exact:?} (at {start}..{end})",
                                found.unwrap_or("<outside the text>")
                            ),
                        );
                    }
                }
                spans.insert(mention, Span { source: source.clone(), start, end });
            }
        }
    }
    Ok(spans)
}

/// Invariant 2: every named graph is derived from a mention; the default graph holds only the
/// ontology, sources, mentions, selectors and grounding. Returns the number of named graphs.
fn check_grounding(c: &mut Checker<'_>) -> Result<usize> {
    let data = c.dataset;
    let mentions: HashSet<String> =
        query::select(data, "SELECT ?x WHERE { ?x a/rdfs:subClassOf* cg:Mention }")?
            .iter()
            .filter_map(|r| id_of(r, "x"))
            .collect();
    let mut grounding: HashMap<String, Vec<String>> = HashMap::new();
    for row in
        query::select_default_graph(data, "SELECT ?g ?m WHERE { ?g prov:wasDerivedFrom ?m }")?
    {
        if let (Some(g), Some(m)) = (id_of(&row, "g"), id_of(&row, "m")) {
            grounding.entry(g).or_default().push(m);
        }
    }
    let graphs: Vec<String> = data
        .graph_names()?
        .iter()
        .map(ToString::to_string)
        .collect();
    for g in &graphs {
        let key = g.trim_start_matches('<').trim_end_matches('>').to_owned();
        match grounding.get(&key) {
            None => c.flag(2, &key, "named graph is derived from no mention (add `<graph> prov:wasDerivedFrom <mention>` to the default graph)"),
            Some(ms) => {
                for m in ms.iter().filter(|m| !mentions.contains(*m)) {
                    c.flag(2, &key, format!("derived from {}, which is not a cg:Mention", short(m)));
                }
            }
        }
    }

    // Which subjects may stand in the default graph: documents, mentions, ontology terms, and
    // the nodes hanging from them (selectors, shapes' property nodes, lists).
    let default: Vec<_> = data
        .quads(&QuadPattern::graph(GraphName::DefaultGraph))?
        .collect::<Result<_>>()?;
    let documentary: HashSet<String> = query::select(
        data,
        "SELECT DISTINCT ?x WHERE { ?x a ?t . ?t rdfs:subClassOf* ?c .
            VALUES ?c { cg:Source cg:Mention cg:IngestActivity } }",
    )?
    .iter()
    .filter_map(|r| id_of(r, "x"))
    .collect();
    let ontology_types: HashSet<String> = [
        format!("{OWL}Class"),
        format!("{RDFS}Class"),
        format!("{OWL}ObjectProperty"),
        format!("{OWL}DatatypeProperty"),
        format!("{OWL}AnnotationProperty"),
        format!("{RDF}Property"),
        format!("{OWL}Ontology"),
        format!("{OWL}TransitiveProperty"),
        format!("{OWL}SymmetricProperty"),
        format!("{OWL}FunctionalProperty"),
        format!("{OWL}InverseFunctionalProperty"),
        format!("{SKOS}Concept"),
        format!("{SKOS}ConceptScheme"),
        format!("{SH}NodeShape"),
        format!("{SH}PropertyShape"),
        format!("{OWL}NamedIndividual"),
    ]
    .into_iter()
    .collect();
    let rdf_type = format!("{RDF}type");
    let derived = format!("{PROV}wasDerivedFrom");
    let key = |s: &NamedOrBlankNode| match s {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => b.to_string(),
    };
    let mut allowed: HashSet<String> = documentary.clone();
    for q in &default {
        let s = key(&q.subject);
        let is_vocab = s.starts_with(vocab::CG) || s.starts_with("https://claimgraph.org/shapes#");
        let typed_as_term = q.predicate.as_str() == rdf_type
            && matches!(&q.object, Term::NamedNode(t) if ontology_types.contains(t.as_str()));
        if is_vocab || typed_as_term {
            allowed.insert(s);
        }
    }
    // Objects hanging from allowed subjects: blank nodes (selectors, lists), and what a
    // source's metadata points at (its author).
    loop {
        let before = allowed.len();
        for q in &default {
            if !allowed.contains(&key(&q.subject)) {
                continue;
            }
            match &q.object {
                Term::BlankNode(b) => {
                    allowed.insert(b.to_string());
                }
                Term::NamedNode(n)
                    if documentary.contains(&key(&q.subject))
                        && q.predicate.as_str() != format!("{OA}hasSource") =>
                {
                    allowed.insert(n.as_str().to_owned());
                }
                _ => {}
            }
        }
        if allowed.len() == before {
            break;
        }
    }
    let graph_names: HashSet<String> = graphs
        .iter()
        .map(|g| g.trim_start_matches('<').trim_end_matches('>').to_owned())
        .collect();
    let mut reported = BTreeSet::new();
    for q in &default {
        let s = key(&q.subject);
        let grounding_triple = (q.predicate.as_str() == derived
            || crate::ingest::graph::REVIEW_PREDICATES.contains(&q.predicate.as_str()))
            && (graph_names.contains(&s) || grounding.contains_key(&s));
        if !allowed.contains(&s) && !grounding_triple && reported.insert(s.clone()) {
            c.flag(
                2,
                &s,
                format!(
                    "fact in the default graph ({} {}): facts belong in a named graph derived from a mention",
                    short(q.predicate.as_str()),
                    match &q.object { Term::NamedNode(n) => short(n.as_str()), other => other.to_string() }
                ),
            );
        }
    }
    Ok(graphs.len())
}

const ACT_CLASSES: &str = "VALUES ?c { cg:Statement cg:Claim cg:Event }";

/// Invariant 3: statements and claims have a speaker or claimant, a type and provenance; links
/// point at acts that exist. Returns the number of acts.
fn check_acts(c: &mut Checker<'_>) -> Result<usize> {
    c.flag_each(
        3,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Statement FILTER NOT EXISTS { ?x cg:speaker ?s } }",
        "statement has no cg:speaker (an anonymous source is an actor too)",
    )?;
    c.flag_each(
        3,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Claim
            FILTER NOT EXISTS { ?x cg:claimant ?s } FILTER NOT EXISTS { ?st cg:conveys ?x ; cg:speaker ?s } }",
        "claim has no cg:claimant (and no statement with a speaker conveys it)",
    )?;
    c.flag_each(
        3,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Claim FILTER NOT EXISTS { ?x cg:actType ?t } }",
        "claim has no cg:actType",
    )?;
    c.flag_each(
        3,
        "SELECT DISTINCT ?x WHERE { { ?x cg:speaker ?a } UNION { ?x cg:claimant ?a }
            FILTER NOT EXISTS { ?a a/rdfs:subClassOf* cg:Actor } }",
        "its speaker or claimant is not a cg:Actor",
    )?;
    let acts = ids(
        c.dataset,
        &format!("SELECT DISTINCT ?x WHERE {{ ?x a ?t . ?t rdfs:subClassOf* ?c . {ACT_CLASSES} }}"),
    )?;
    check_types_and_provenance(c, &acts)?;
    check_links(c, &acts)?;
    Ok(acts.len())
}

/// The IRIs (or `_:labels`) a query lists in `?x`.
fn ids(dataset: &Dataset, sparql: &str) -> Result<HashSet<String>> {
    Ok(query::select(dataset, sparql)?
        .iter()
        .filter_map(|r| id_of(r, "x"))
        .collect())
}

fn node_key(n: &NamedOrBlankNode) -> String {
    match n {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => b.to_string(),
    }
}

fn term_key(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::BlankNode(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Statements have a type (their own or a conveyed claim's), and acts are typed in a graph
/// derived from a mention. Both read each property once and compare sets: asked per act with
/// `FILTER NOT EXISTS`, they took time quadratic in the number of acts.
fn check_types_and_provenance(c: &mut Checker<'_>, acts: &HashSet<String>) -> Result<()> {
    let data = c.dataset;
    let predicate = |iri: String| QuadPattern::predicate(NamedNode::new_unchecked(iri));
    let mut typed = HashSet::new();
    for quad in data.quads(&predicate(format!("{}actType", vocab::CG)))? {
        typed.insert(node_key(&quad?.subject));
    }
    let mut conveyed: HashMap<String, Vec<String>> = HashMap::new();
    for quad in data.quads(&predicate(format!("{}conveys", vocab::CG)))? {
        let quad = quad?;
        conveyed
            .entry(node_key(&quad.subject))
            .or_default()
            .push(term_key(&quad.object));
    }
    let statements = ids(
        data,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Statement }",
    )?;
    for s in &statements {
        let claims = conveyed.get(s).into_iter().flatten();
        if !typed.contains(s) && !claims.into_iter().any(|cl| typed.contains(cl)) {
            c.flag(
                3,
                s,
                "statement has no type (cg:actType, or a conveyed claim with one)",
            );
        }
    }
    let derived = ids(
        data,
        "SELECT DISTINCT ?x WHERE { ?x prov:wasDerivedFrom ?m }",
    )?;
    let mut grounded = HashSet::new();
    for quad in data.quads(&predicate(format!("{RDF}type")))? {
        let quad = quad?;
        let in_derived = match &quad.graph_name {
            GraphName::NamedNode(g) => derived.contains(g.as_str()),
            GraphName::BlankNode(g) => derived.contains(&g.to_string()),
            GraphName::DefaultGraph => false,
        };
        if in_derived {
            grounded.insert(node_key(&quad.subject));
        }
    }
    for act in acts.iter().filter(|a| !grounded.contains(*a)) {
        c.flag(
            3,
            act,
            "act has no provenance: it is not typed in any named graph derived from a mention",
        );
    }
    Ok(())
}

/// Response and causal links join two acts, and two different ones. One pass over the quads of
/// each link property against the set of acts: a query asking this per link
/// (`FILTER NOT EXISTS`) took time quadratic in the number of links.
fn check_links(c: &mut Checker<'_>, acts: &HashSet<String>) -> Result<()> {
    for (property, what) in [
        ("cg:respondsTo", "response"),
        ("cg:causallyLinkedTo", "causal"),
    ] {
        let properties = query::select(
            c.dataset,
            &format!("SELECT DISTINCT ?p WHERE {{ ?p rdfs:subPropertyOf* {property} }}"),
        )?;
        let mut reported = HashSet::new();
        for p in properties.iter().filter_map(|r| match r.get("p") {
            Some(Term::NamedNode(n)) => Some(n.clone()),
            _ => None,
        }) {
            for quad in c.dataset.quads(&QuadPattern::predicate(p.clone()))? {
                let quad = quad?;
                let (a, b) = (node_key(&quad.subject), term_key(&quad.object));
                if !reported.insert((a.clone(), p.as_str().to_owned(), b.clone())) {
                    continue;
                }
                if !acts.contains(&a) || !acts.contains(&b) {
                    c.flag(3, &a, format!("{what} link {} {} joins something that is not an act (statement, claim or event)", short(p.as_str()), short(&b)));
                } else if a == b {
                    c.flag(
                        3,
                        &a,
                        format!(
                            "{what} link {} points back at the act itself",
                            short(p.as_str())
                        ),
                    );
                }
            }
        }
    }
    Ok(())
}

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
fn check_furniture(c: &mut Checker<'_>) -> Result<()> {
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

/// Invariant 5: actors, acts, figures, mentions and graphs have IRIs, and readable ones.
fn check_iris(c: &mut Checker<'_>) -> Result<()> {
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

/// Which sentences of each source something is grounded in.
fn coverage_of(dataset: &Dataset, spans: &HashMap<String, Span>) -> Result<Vec<SourceCoverage>> {
    let data = dataset;
    let excluded: HashSet<String> = query::select(
        data,
        "SELECT ?x WHERE { ?x a/rdfs:subClassOf* cg:Excluded }",
    )?
    .iter()
    .filter_map(|r| id_of(r, "x"))
    .collect();
    let mut grounds: HashMap<String, Vec<String>> = HashMap::new();
    for row in query::select(data, "SELECT ?g ?m WHERE { ?g prov:wasDerivedFrom ?m }")? {
        if let (Some(g), Some(m)) = (id_of(&row, "g"), id_of(&row, "m")) {
            grounds.entry(m).or_default().push(short(&g));
        }
    }
    let mut by_source: BTreeMap<String, Vec<(&String, &Span)>> = BTreeMap::new();
    for (m, span) in spans {
        by_source
            .entry(span.source.clone())
            .or_default()
            .push((m, span));
    }
    let sources = query::select(
        data,
        "SELECT ?x ?file WHERE { ?x a/rdfs:subClassOf* cg:Source OPTIONAL { ?x cg:textFile ?file } } ORDER BY ?x",
    )?;
    let mut cache = TextCache::new(&dataset.texts);
    let mut out = Vec::new();
    for row in sources {
        let Some(source) = id_of(&row, "x") else {
            continue;
        };
        let Ok(text) = cache.get(&source, str_of(&row, "file")) else {
            continue;
        };
        let mentions = by_source.get(&source).cloned().unwrap_or_default();
        let mut report = SourceCoverage {
            source: short(&source),
            origin: text.origin.clone(),
            covered: 0,
            excluded: 0,
            missing: 0,
            sentences: Vec::new(),
        };
        for sentence in provenance::sentences(&text.text) {
            let overlapping: Vec<&String> = mentions
                .iter()
                .filter(|(_, s)| s.start < sentence.end && sentence.start < s.end)
                .map(|(m, _)| *m)
                .collect();
            let mut graphs: Vec<String> = overlapping
                .iter()
                .filter(|m| !excluded.contains(**m))
                .flat_map(|m| grounds.get(*m).cloned().unwrap_or_default())
                .collect();
            graphs.sort();
            graphs.dedup();
            let status = if !graphs.is_empty() {
                report.covered += 1;
                Status::Covered
            } else if overlapping.iter().any(|m| excluded.contains(*m)) {
                report.excluded += 1;
                Status::Excluded
            } else {
                report.missing += 1;
                Status::Missing
            };
            report.sentences.push(SentenceCoverage {
                sentence,
                status,
                graphs,
            });
        }
        out.push(report);
    }
    Ok(out)
}
