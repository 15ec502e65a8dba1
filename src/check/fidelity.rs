//! Invariant 7: the data says no more than its text. A hedged sentence states no fact about an
//! event or figure; every claim is conveyed by a statement; a statement is grounded in sentences
//! that name its speaker, not another one; a thing is introduced where it is first used.
//! A curator who has weighed a finding and kept the encoding says so in a `cg:curatorNote` on the
//! node at fault that names the rule (`hedged-fact`, `unconveyed-claim`, `other-speaker`,
//! `used-before-introduced`): the note silences that rule for that node, and only that rule.

use super::{Checker, Span, id_of, short};
use crate::error::Result;
use crate::query::{self, str_of};
use crate::store::QuadPattern;
use crate::vocab::{self, RDF};
use oxigraph::model::{GraphName, NamedOrBlankNode, Term};
use std::collections::{BTreeMap, HashMap};

/// Words that leave what follows them unasserted: a fact taken from their sentence is a claim.
pub const HEDGES: &[&str] = &[
    "reportedly",
    "supposed",
    "supposedly",
    "alleged",
    "allegedly",
    "purported",
    "purportedly",
    "said to",
    "reported to",
    "believed to",
    "rumoured",
    "rumored",
];

/// Predicates that describe or qualify a node without asserting anything the hedge could bear on.
const DESCRIPTIVE: &[&str] = &[
    "type",
    "label",
    "altLabel",
    "curatorNote",
    "hedge",
    "comment",
    // Links across sources (corroborate) say two reports correspond, nothing about the act itself;
    // their graphs are grounded in every quote of both reports, hedged sentences included.
    "sameActAs",
    "restates",
    "distinctFrom",
];

/// Runs the four rules. `spans` places each mention in its source.
pub(super) fn check_fidelity(c: &mut Checker<'_>, spans: &HashMap<String, Span>) -> Result<()> {
    let notes = curator_notes(c)?;
    let quotes = graph_quotes(c)?;
    let mut found = Vec::new();
    found.extend(hedged_facts(c, &quotes)?);
    found.extend(unconveyed_claims(c)?);
    found.extend(other_speakers(c, &quotes)?);
    found.extend(used_before_introduced(c, spans)?);
    for (rule, node, message) in found {
        let waived = notes
            .get(&node)
            .is_some_and(|ns| ns.iter().any(|n| n.contains(rule)));
        if !waived {
            c.flag(7, &node, format!("{message} [{rule}]"));
        }
    }
    Ok(())
}

/// One finding: the rule, the node at fault, what is wrong.
type Finding = (&'static str, String, String);

/// The curator notes on each node, lowercased.
fn curator_notes(c: &Checker<'_>) -> Result<HashMap<String, Vec<String>>> {
    let mut notes: HashMap<String, Vec<String>> = HashMap::new();
    for row in query::select(
        c.dataset,
        "SELECT ?x ?note WHERE { ?x cg:curatorNote ?note }",
    )? {
        if let (Some(x), Some(note)) = (id_of(&row, "x"), str_of(&row, "note")) {
            notes.entry(x).or_default().push(note.to_lowercase());
        }
    }
    Ok(notes)
}

/// The quote of each mention each graph is derived from, by graph, with whether the graph is a
/// claim's proposition graph (which holds what is claimed, never a fact).
struct GraphQuote {
    mention: String,
    exact: String,
    propositional: bool,
}

fn graph_quotes(c: &Checker<'_>) -> Result<BTreeMap<String, Vec<GraphQuote>>> {
    let mut quotes: BTreeMap<String, Vec<GraphQuote>> = BTreeMap::new();
    for row in query::select(
        c.dataset,
        "SELECT DISTINCT ?g ?m ?exact ?claim WHERE { ?g prov:wasDerivedFrom ?m .
            ?m oa:hasSelector ?q . ?q oa:exact ?exact OPTIONAL { ?claim cg:propositionGraph ?g } }",
    )? {
        if let (Some(g), Some(m), Some(exact)) =
            (id_of(&row, "g"), id_of(&row, "m"), str_of(&row, "exact"))
        {
            quotes.entry(g).or_default().push(GraphQuote {
                mention: m,
                exact: exact.to_owned(),
                propositional: row.get("claim").is_some(),
            });
        }
    }
    Ok(quotes)
}

/// Where `needle` occurs in `hay` as whole words, ignoring case.
pub fn names(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.to_lowercase(), needle.to_lowercase());
    if needle.is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(&needle).any(|(at, _)| {
        !word(hay[..at].chars().next_back()) && !word(hay[at + needle.len()..].chars().next())
    })
}

/// The first hedge word in a sentence.
pub fn hedge_in(sentence: &str) -> Option<&'static str> {
    HEDGES.iter().copied().find(|h| names(sentence, h))
}

/// Events and figures given facts in a graph grounded in a hedged sentence.
fn hedged_facts(
    c: &Checker<'_>,
    quotes: &BTreeMap<String, Vec<GraphQuote>>,
) -> Result<Vec<Finding>> {
    // Simple reads, joined here: some servers (Virtuoso) give up on the joined query.
    let mut things = super::ids(
        c.dataset,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Event }",
    )?;
    things.extend(super::ids(
        c.dataset,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Figure }",
    )?);
    // A correspondence graph links acts across sources (cg:sameActAs); its quotes are the
    // evidence of the link, not sentences whose facts it states.
    let links = super::ids(
        c.dataset,
        "SELECT DISTINCT ?x WHERE { GRAPH ?x { ?c a cg:Correspondence } }",
    )?;
    let mut found = Vec::new();
    for (graph, qs) in quotes.iter().filter(|(g, _)| !links.contains(*g)) {
        let Some(hedge) = qs
            .iter()
            .filter(|q| !q.propositional)
            .find_map(|q| hedge_in(&q.exact))
        else {
            continue;
        };
        let mut stated: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let sparql = format!("SELECT DISTINCT ?s ?p WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
        for row in query::select(c.dataset, &sparql)? {
            if let (Some(s), Some(p)) = (id_of(&row, "s"), id_of(&row, "p")) {
                let local = p.rsplit(['#', '/']).next().unwrap_or_default();
                if things.contains(&s) && !DESCRIPTIVE.contains(&local) {
                    stated.entry(s).or_default().push(short(&p));
                }
            }
        }
        for (node, mut predicates) in stated {
            predicates.sort();
            let message = format!(
                "stated as fact ({}) in {}, whose sentence hedges it ({hedge:?}): keep it in a claim's proposition graph",
                predicates.join(", "),
                short(graph)
            );
            found.push(("hedged-fact", node, message));
        }
    }
    Ok(found)
}

/// Claims no statement conveys: they have no speaker, date or attribution of their own. A claim
/// typed inside another claim's proposition graph is part of what that claim says, and is
/// conveyed with it.
fn unconveyed_claims(c: &Checker<'_>) -> Result<Vec<Finding>> {
    // Three plain reads and a difference, not one query with two NOT EXISTS: Virtuoso's
    // optimiser gives up on that one ("Stack Overflow in cost model").
    let mut claims = super::ids(
        c.dataset,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Claim }",
    )?;
    let conveyed = super::ids(c.dataset, "SELECT DISTINCT ?x WHERE { ?s cg:conveys ?x }")?;
    let nested = super::ids(
        c.dataset,
        "SELECT DISTINCT ?x WHERE { ?outer cg:propositionGraph ?g GRAPH ?g { ?x a ?t } }",
    )?;
    claims.retain(|x| !conveyed.contains(x) && !nested.contains(x));
    let mut claims: Vec<String> = claims.into_iter().collect();
    claims.sort();
    Ok(claims
        .into_iter()
        .map(|x| {
            let message = "claim is conveyed by no statement (cg:conveys), so it has no speaker, date or attribution".to_owned();
            ("unconveyed-claim", x, message)
        })
        .collect())
}

/// The names (label and aliases) of every actor, and of the actors it is affiliated with or a
/// member of (a government is named by its country's name), by actor. The closure is taken
/// here: a path with both ends variables is not matched right by every server (Virtuoso).
fn actor_names(c: &Checker<'_>) -> Result<HashMap<String, Vec<String>>> {
    let mut own: HashMap<String, Vec<String>> = HashMap::new();
    for row in query::select(
        c.dataset,
        "SELECT DISTINCT ?a ?n WHERE { ?a a/rdfs:subClassOf* cg:Actor ; rdfs:label|skos:altLabel ?n }",
    )? {
        if let (Some(a), Some(n)) = (id_of(&row, "a"), str_of(&row, "n")) {
            own.entry(a).or_default().push(n.to_owned());
        }
    }
    let mut up: HashMap<String, Vec<String>> = HashMap::new();
    for row in query::select(
        c.dataset,
        "SELECT DISTINCT ?a ?b WHERE { ?a cg:affiliatedWith|cg:memberOf ?b }",
    )? {
        if let (Some(a), Some(b)) = (id_of(&row, "a"), id_of(&row, "b")) {
            up.entry(a).or_default().push(b);
        }
    }
    let mut names = HashMap::new();
    for actor in own.keys() {
        let mut seen = vec![actor.clone()];
        let mut at = 0;
        while at < seen.len() {
            for b in up.get(&seen[at]).into_iter().flatten() {
                if !seen.contains(b) {
                    seen.push(b.clone());
                }
            }
            at += 1;
        }
        let all: Vec<String> = seen
            .iter()
            .flat_map(|x| own.get(x).cloned().unwrap_or_default())
            .collect();
        names.insert(actor.clone(), all);
    }
    Ok(names)
}

/// Statements (other than the author's, whom the text never names) grounded in a sentence that
/// names another speaker and neither names their own nor holds their hedge ("reportedly").
fn other_speakers(
    c: &Checker<'_>,
    quotes: &BTreeMap<String, Vec<GraphQuote>>,
) -> Result<Vec<Finding>> {
    let actors = actor_names(c)?;
    let authors = super::ids(
        c.dataset,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* cg:Author }",
    )?;
    let mut speakers = super::ids(c.dataset, "SELECT DISTINCT ?x WHERE { ?s cg:speaker ?x }")?;
    speakers.retain(|s| !authors.contains(s));
    let mut speakers: Vec<String> = speakers.into_iter().collect();
    speakers.sort();
    let mut hedges: HashMap<String, Vec<String>> = HashMap::new();
    for row in query::select(c.dataset, "SELECT DISTINCT ?s ?h WHERE { ?s cg:hedge ?h }")? {
        if let (Some(s), Some(h)) = (id_of(&row, "s"), str_of(&row, "h")) {
            hedges.entry(s).or_default().push(h.to_owned());
        }
    }
    let mut found = Vec::new();
    for row in query::select(
        c.dataset,
        "SELECT DISTINCT ?s ?a ?g WHERE { GRAPH ?g { ?s a cg:Statement } ?s cg:speaker ?a }",
    )? {
        let (Some(s), Some(a), Some(g)) = (id_of(&row, "s"), id_of(&row, "a"), id_of(&row, "g"))
        else {
            continue;
        };
        if authors.contains(&a) {
            continue;
        }
        let hedges = hedges.get(&s).map(Vec::as_slice).unwrap_or(&[]);
        for q in quotes.get(&g).into_iter().flatten() {
            if let Some(other) = other_speaker(&actors, &speakers, &a, hedges, &q.exact) {
                let message = format!(
                    "grounded in {}, which names {} and not its speaker {}",
                    short(&q.mention),
                    short(other),
                    short(&a)
                );
                found.push(("other-speaker", s.clone(), message));
            }
        }
    }
    Ok(found)
}

/// The first other speaker a quote names, when it names neither the speaker `a` (or the side it
/// belongs to) nor holds the statement's hedge. Another speaker counts only when named by a
/// name that is not the speaker's too (Pakistan's officials are named by "Pakistan" as Pakistan
/// is).
fn other_speaker<'a>(
    actors: &HashMap<String, Vec<String>>,
    speakers: &'a [String],
    a: &str,
    hedges: &[String],
    quote: &str,
) -> Option<&'a String> {
    let own: &[String] = actors.get(a).map(Vec::as_slice).unwrap_or(&[]);
    if own.iter().any(|n| names(quote, n)) || hedges.iter().any(|h| names(quote, h)) {
        return None;
    }
    speakers.iter().filter(|o| o.as_str() != a).find(|o| {
        actors
            .get(*o)
            .is_some_and(|ns| ns.iter().any(|n| !own.contains(n) && names(quote, n)))
    })
}

/// Where each graph's text begins: the source and the earliest start of its mentions.
fn graph_positions(
    c: &Checker<'_>,
    spans: &HashMap<String, Span>,
) -> Result<HashMap<String, (String, usize)>> {
    let mut at: HashMap<String, (String, usize)> = HashMap::new();
    for row in query::select(
        c.dataset,
        "SELECT ?g ?m WHERE { ?g prov:wasDerivedFrom ?m }",
    )? {
        let (Some(g), Some(m)) = (id_of(&row, "g"), id_of(&row, "m")) else {
            continue;
        };
        if let Some(span) = spans.get(&m) {
            let here = (span.source.clone(), span.start);
            at.entry(g)
                .and_modify(|p| {
                    if p.0 == here.0 && here.1 < p.1 {
                        p.1 = here.1
                    }
                })
                .or_insert(here);
        }
    }
    Ok(at)
}

/// A node's first place of use or of introduction: (source, offset, graph).
type Place = (String, usize, String);

/// Things used in a graph whose text comes before the first graph that types them.
fn used_before_introduced(c: &Checker<'_>, spans: &HashMap<String, Span>) -> Result<Vec<Finding>> {
    let at = graph_positions(c, spans)?;
    let rdf_type = format!("{RDF}type");
    let mut introduced: HashMap<String, Place> = HashMap::new();
    let mut used: HashMap<String, Place> = HashMap::new();
    for quad in c.dataset.quads(&QuadPattern::default())? {
        let quad = quad?;
        let GraphName::NamedNode(g) = &quad.graph_name else {
            continue;
        };
        let Some((source, start)) = at.get(g.as_str()) else {
            continue;
        };
        let place = (source.clone(), *start, g.as_str().to_owned());
        let mut nodes = Vec::new();
        if let NamedOrBlankNode::NamedNode(s) = &quad.subject {
            nodes.push(s.as_str());
            if quad.predicate.as_str() == rdf_type {
                keep_first(&mut introduced, s.as_str(), &place);
            }
        }
        if let Term::NamedNode(o) = &quad.object {
            nodes.push(o.as_str());
        }
        for node in nodes.into_iter().filter(|n| is_entity(n)) {
            keep_first(&mut used, node, &place);
        }
    }
    let mut found = Vec::new();
    for (node, (source, start, graph)) in used {
        let Some((intro_source, intro_start, intro_graph)) = introduced.get(&node) else {
            continue;
        };
        if *intro_source == source && start < *intro_start {
            let message = format!(
                "used in {} (at {start}) before {} introduces it (at {intro_start}): introduce it where it is first used",
                short(&graph),
                short(intro_graph)
            );
            found.push(("used-before-introduced", node, message));
        }
    }
    Ok(found)
}

/// Keeps the earlier of two places in one source (by offset, then graph name).
fn keep_first(map: &mut HashMap<String, Place>, node: &str, place: &Place) {
    match map.get_mut(node) {
        Some(p) if p.0 == place.0 && (place.1, &place.2) < (p.1, &p.2) => *p = place.clone(),
        Some(_) => {}
        None => {
            map.insert(node.to_owned(), place.clone());
        }
    }
}

/// The data's own things (actors, acts, places, figures), not graphs, mentions or sources.
fn is_entity(iri: &str) -> bool {
    let Some(rest) = iri.strip_prefix(vocab::ID) else {
        return false;
    };
    !["graph/", "mention/", "source/"]
        .iter()
        .any(|p| rest.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whole_words_in_any_case() {
        assert!(names(
            "Afghanistan-controlled state media (RTA) suggested",
            "rta"
        ));
        assert!(!names("it was certain", "rta"));
        assert!(names("the supposed TTP leadership", "supposed"));
        assert!(!names("presupposed", "supposed"));
        assert_eq!(hedge_in("They were said to be ready"), Some("said to"));
        assert_eq!(hedge_in("They said the talks failed"), None);
    }
}
