//! What was said and done in time order, for the shell's `.timeline` and `.who`: the acts of the
//! chain graph (a statement stands for the claims it conveys), ordered by what is known of their
//! dates, never a reply before what it answers ([`crate::dates::time_order`]), each date shown
//! with its precision. Acts dated only by the report's publication (the author's analysis, and
//! statements bounded only by the day the report came out) would drown the dated events: they are
//! left out and counted unless asked for.

use crate::chain::{ActId, ActorId, ChainGraph, DateSpan};
use crate::dates;
use crate::error::Result;
use crate::query::{self, Answer};
use crate::store::Dataset;
use oxigraph::model::{Literal, NamedNode, Term};
use std::collections::{HashMap, HashSet};

/// Which acts to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep what this actor said or did, and what was said about it or done to it.
    pub actor: Option<ActorId>,
    /// Keep acts whose first known day falls in this period (`yyyymmdd`, both ends included).
    pub from: Option<u32>,
    pub to: Option<u32>,
    /// Keep the acts dated only by the publication too.
    pub all: bool,
}

/// How an act concerns the actor of the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The actor said it or took part in it.
    By,
    /// It was said about the actor, aimed at it, or done to it.
    About,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub act: ActId,
    pub span: DateSpan,
    pub role: Role,
}

#[derive(Debug, Clone, Default)]
pub struct Chronology {
    pub entries: Vec<Entry>,
    /// Acts the filter kept that are dated only by the publication, left out.
    pub hidden: usize,
}

/// The acts the filter keeps, in time order.
pub fn chronology(dataset: &Dataset, graph: &ChainGraph, filter: &Filter) -> Result<Chronology> {
    let dated_by_publication = publication_only(dataset, graph)?;
    let mut kept = Vec::new();
    let mut hidden = 0;
    for n in graph.graph.node_indices().filter(|&n| graph.shown(n)) {
        let Some(role) = role_of(graph, n, filter.actor) else {
            continue;
        };
        let span = graph.graph[n].date;
        if !in_period(&span, filter) {
            continue;
        }
        if !filter.all && dated_by_publication.contains(&n) {
            hidden += 1;
            continue;
        }
        kept.push(Entry { act: n, span, role });
    }
    kept.sort_by(|a, b| graph.graph[a.act].iri.cmp(&graph.graph[b.act].iri));
    let at: HashMap<ActId, usize> = kept.iter().enumerate().map(|(i, e)| (e.act, i)).collect();
    let mut answers = Vec::new();
    for (i, e) in kept.iter().enumerate() {
        for answered in graph.answered(e.act) {
            if let Some(&j) = at.get(&answered) {
                answers.push((i, j));
            }
        }
    }
    let spans: Vec<DateSpan> = kept.iter().map(|e| e.span).collect();
    let entries = dates::time_order(&spans, &answers)
        .into_iter()
        .map(|i| kept[i].clone())
        .collect();
    Ok(Chronology { entries, hidden })
}

/// How the act concerns the actor; `By` for every act when there is no actor.
fn role_of(graph: &ChainGraph, n: ActId, actor: Option<ActorId>) -> Option<Role> {
    let Some(a) = actor else {
        return Some(Role::By);
    };
    if graph.acted_by(n).contains(&a) {
        Some(Role::By)
    } else if graph.aimed_at(n).contains(&a) {
        Some(Role::About)
    } else {
        None
    }
}

/// Whether the first known day falls in the period; with a period, undated acts do not.
fn in_period(span: &DateSpan, filter: &Filter) -> bool {
    let first = span.from.or(span.to);
    match (filter.from, filter.to) {
        (None, None) => true,
        (from, to) => {
            first.is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t))
        }
    }
}

/// The acts dated only by the publication of the report: those of its author (dated the day it
/// came out), and those known only to have happened by that day.
fn publication_only(dataset: &Dataset, graph: &ChainGraph) -> Result<HashSet<ActId>> {
    let iris = |sparql: &str, var: &str| -> Result<HashSet<String>> {
        Ok(query::select(dataset, sparql)?
            .iter()
            .filter_map(|r| match r.get(var) {
                Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
                Some(Term::Literal(l)) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect())
    };
    let authors = iris("SELECT ?x WHERE { ?x a/rdfs:subClassOf* cg:Author }", "x")?;
    let published: HashSet<u32> = iris(
        "SELECT ?d WHERE { ?s a/rdfs:subClassOf* cg:Source ; <http://purl.org/dc/terms/date> ?d }",
        "d",
    )?
    .iter()
    .filter_map(|d| crate::chain::parse_day(d))
    .collect();
    let author_ids: HashSet<ActorId> = (0..graph.actors.len())
        .filter(|&a| authors.contains(&graph.actors[a].iri))
        .collect();
    Ok(graph
        .graph
        .node_indices()
        .filter(|&n| {
            let act = &graph.graph[n];
            let by = graph.acted_by(n);
            let by_author = !by.is_empty() && by.iter().all(|a| author_ids.contains(a));
            let bounded =
                act.date.from.is_none() && act.date.to.is_some_and(|d| published.contains(&d));
            by_author || bounded
        })
        .collect())
}

/// The chronology as a table: when (the span, a range written as one), its precision, the kind
/// of act, the act, who said or did it, and, with an actor, whether the act is by or about it.
pub fn answer(graph: &ChainGraph, chronology: &Chronology, with_role: bool) -> Answer {
    let mut variables: Vec<String> = ["when", "precision", "kind", "act", "by"]
        .map(str::to_owned)
        .to_vec();
    if with_role {
        variables.push("role".to_owned());
    }
    let text = |s: &str| Some(Term::from(Literal::new_simple_literal(s)));
    let iri = |s: &str| NamedNode::new(s).ok().map(Term::from);
    let rows = chronology
        .entries
        .iter()
        .map(|e| {
            let act = &graph.graph[e.act];
            let by = graph.acted_by(e.act);
            let mut row = vec![
                text(&e.span.to_string()),
                text(dates::precision(&e.span)),
                text(act.kind.name()),
                iri(&act.iri),
                by.first().and_then(|&a| iri(&graph.actors[a].iri)),
            ];
            if with_role {
                row.push(text(match e.role {
                    Role::By => "by",
                    Role::About => "about",
                }));
            }
            row
        })
        .collect();
    Answer::Solutions { variables, rows }
}
