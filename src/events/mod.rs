//! Event records: every act as the rows conflict researchers' tools read (GDELT, ICEWS,
//! POLECAT/PLOVER), one per act and dyad: a claim with the statement that conveys it, a claim no
//! statement conveys, or an event; with its date or date bounds, source and target actors with
//! their sides and countries, CAMEO code, PLOVER type, quad class and Goldstein intensity (read
//! from the ontology by [`plover`]), attribution and hedging, document and the quote that grounds
//! it. An act with two types or two targets gives one row each, as event data codes a dyad.
//!
//! [`network`] and [`timeline`] build the pictures' data from the same records; renderers in
//! `render::events`, `render::graphml` and `render::plot` write them.

pub mod args;
pub mod command;
pub mod network;
pub mod plover;
pub mod read;
pub mod timeline;

use crate::error::{Error, Result};
use crate::store::Dataset;
use oxigraph::sparql::QuerySolution;
use plover::Coding;
use read::{Act, Facts, Quote};
use std::collections::BTreeSet;

/// One row of event data. Empty strings and `None` are missing values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The row's number in the unfiltered, ordered records of the dataset: stable under filters.
    pub record_id: u64,
    pub act_id: String,
    pub act_kind: &'static str,
    pub statement_id: String,
    pub event_date: String,
    pub date_earliest: String,
    pub date_latest: String,
    pub date_precision: &'static str,
    pub source: Party,
    pub target: Party,
    pub coding: Coding,
    pub attribution: &'static str,
    pub attribution_modes: String,
    pub hedge: String,
    pub channel: String,
    pub reported_by: String,
    pub document_id: String,
    pub document_title: String,
    pub document_url: String,
    pub document_publisher: String,
    pub document_date: String,
    pub mention_id: String,
    pub quote: String,
    pub quote_start: Option<i64>,
    pub quote_end: Option<i64>,
}

/// An actor of a record, with its side and country (prefixed names and labels).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Party {
    pub actor: String,
    pub name: String,
    pub side: String,
    pub side_name: String,
    pub country: String,
}

impl Record {
    /// The date the record is placed at, as `.timeline` places acts: the day, else the earliest
    /// bound, else the latest; empty when undated.
    pub fn when(&self) -> &str {
        [&self.event_date, &self.date_earliest, &self.date_latest]
            .into_iter()
            .find(|d| !d.is_empty())
            .map_or("", String::as_str)
    }
}

/// Which records to keep; every condition given must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep records placed on or after / on or before these days (YYYY-MM-DD); undated records
    /// go when either is given.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Keep records whose source or target is one of these actors (full IRIs).
    pub actors: Vec<String>,
    /// Keep records whose source or target side is one of these (full IRIs of sides).
    pub sides: Vec<String>,
    /// Keep records whose CAMEO code starts with one of these.
    pub codes: Vec<String>,
    /// Keep records grounded in one of these documents (full IRIs).
    pub documents: Vec<String>,
}

impl Filter {
    pub fn keeps(&self, r: &Record) -> bool {
        let when = r.when();
        let dated = |bound: &Option<String>, ok: fn(&str, &str) -> bool| {
            bound
                .as_deref()
                .is_none_or(|b| !when.is_empty() && ok(when, b))
        };
        let full = |short: &str| expand(short);
        let among = |wanted: &[String], values: [&str; 2]| {
            wanted.is_empty() || values.iter().any(|v| wanted.iter().any(|w| *w == full(v)))
        };
        dated(&self.from, |w, b| w >= b)
            && dated(&self.to, |w, b| w <= b)
            && among(&self.actors, [&r.source.actor, &r.target.actor])
            && among(&self.sides, [&r.source.side, &r.target.side])
            && (self.codes.is_empty()
                || self
                    .codes
                    .iter()
                    .any(|c| r.coding.cameo_code.starts_with(c.as_str())))
            && (self.documents.is_empty() || self.documents.contains(&full(&r.document_id)))
    }
}

/// The records of the dataset, in time order (undated last), numbered, with the facts they were
/// read from (for resolving names).
pub fn records(dataset: &Dataset) -> Result<(Vec<Record>, Facts)> {
    let facts = read::read(dataset)?;
    let codings = plover::codings(dataset, &facts.labels)?;
    let mut out = Vec::new();
    for act in &facts.acts {
        records_of(act, &facts, &codings, &mut out);
    }
    out.sort_by(|a, b| {
        let key = |r: &Record| {
            (
                r.when().is_empty(),
                r.when().to_owned(),
                r.act_id.clone(),
                r.statement_id.clone(),
                r.coding.act_type.clone(),
                r.source.clone(),
                r.target.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    out.dedup_by(|a, b| a == b);
    for (i, r) in out.iter_mut().enumerate() {
        r.record_id = i as u64 + 1;
    }
    Ok((out, facts))
}

/// The records of one act: one per type, source and target.
fn records_of(
    act: &Act,
    f: &Facts,
    codings: &std::collections::BTreeMap<String, Coding>,
    out: &mut Vec<Record>,
) {
    let statement = act.statement.clone().unwrap_or_default();
    let mut base = Record {
        act_id: id(&act.iri),
        act_kind: act.kind,
        statement_id: act.statement.as_deref().map(id).unwrap_or_default(),
        ..Record::default()
    };
    // A conveyed claim is dated, attributed and hedged by the statement that conveys it.
    let dated = act.statement.as_deref().unwrap_or(&act.iri);
    dates(&mut base, |p| {
        f.first(dated, p).or_else(|| f.first(&act.iri, p))
    });
    let quote = best_quote(f.quotes.get(&(statement.clone(), act.iri.clone())));
    attribution(&mut base, act, f, quote);
    if let Some(q) = quote {
        let doc = f.documents.get(&q.document).cloned().unwrap_or_default();
        base.document_id = id(&q.document);
        base.document_title = doc.title;
        base.document_url = doc.url;
        base.document_publisher = doc.publisher;
        base.document_date = doc.date;
        base.mention_id = id(&q.mention);
        base.quote = q.text.clone();
        base.quote_start = q.start;
        base.quote_end = q.end;
    }
    let type_predicate = if act.kind == "event" {
        "eventType"
    } else {
        "actType"
    };
    let mut types: Vec<Coding> = f
        .all(&act.iri, type_predicate)
        .filter_map(|t| codings.get(t).cloned())
        .collect();
    if types.is_empty() {
        types.push(Coding::default());
    }
    for (source, target) in dyads(act, f) {
        for coding in &types {
            out.push(Record {
                source: party(f, source.as_deref()),
                target: party(f, target.as_deref()),
                coding: coding.clone(),
                ..base.clone()
            });
        }
    }
}

/// Who acted on whom. A conveyed claim's source is the statement's speaker, an unconveyed one's
/// its claimants; targets are the claim's. An event's sources are its agents, else its parties,
/// each party then acting on the others; its targets are those it targeted. Event roles stated
/// only inside someone's claim count only for events that exist only there.
fn dyads(act: &Act, f: &Facts) -> Vec<(Option<String>, Option<String>)> {
    let (sources, targets): (Vec<String>, Vec<String>) = if act.kind == "event" {
        let narrated = f
            .roles
            .iter()
            .any(|((e, _), actors)| *e == act.iri && actors.iter().any(|(_, fact)| *fact));
        let role = |r: &str| -> Vec<String> {
            f.roles
                .get(&(act.iri.clone(), r.to_owned()))
                .into_iter()
                .flatten()
                .filter(|(_, fact)| *fact || !narrated)
                .map(|(a, _)| a.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let (agents, parties, targeted) = (role("agent"), role("party"), role("targeted"));
        if agents.is_empty() && targeted.is_empty() && parties.len() > 1 {
            let pairs = parties.iter().flat_map(|a| {
                parties
                    .iter()
                    .filter(move |b| *b != a)
                    .map(move |b| (Some(a.clone()), Some(b.clone())))
            });
            return pairs.collect();
        }
        let sources = if agents.is_empty() { parties } else { agents };
        (sources, targeted)
    } else {
        let who = match &act.statement {
            Some(s) => f.all(s, "speaker"),
            None => f.all(&act.iri, "claimant"),
        };
        (
            who.cloned().collect(),
            f.all(&act.iri, "target").cloned().collect(),
        )
    };
    let sources: Vec<Option<String>> = if sources.is_empty() {
        vec![None]
    } else {
        sources.into_iter().map(Some).collect()
    };
    let targets: Vec<Option<String>> = if targets.is_empty() {
        vec![None]
    } else {
        targets.into_iter().map(Some).collect()
    };
    sources
        .iter()
        .flat_map(|s| targets.iter().map(move |t| (s.clone(), t.clone())))
        .collect()
}

fn party(f: &Facts, actor: Option<&str>) -> Party {
    let Some(a) = actor else {
        return Party::default();
    };
    let label = |x: &str| f.labels.get(x).cloned().unwrap_or_default();
    let side = f.side.get(a).map_or(a, String::as_str);
    Party {
        actor: id(a),
        name: label(a),
        side: id(side),
        side_name: label(side),
        country: f.country.get(a).map(|c| label(c)).unwrap_or_default(),
    }
}

/// Fills the date columns from an act's date properties (`first` reads one by local name).
fn dates(r: &mut Record, first: impl Fn(&str) -> Option<String>) {
    let day = first("date").or_else(|| first("startDate"));
    let earliest = day.clone().or_else(|| first("earliestDate"));
    let latest = first("date")
        .or_else(|| first("endDate"))
        .or_else(|| first("latestDate"))
        .or_else(|| first("latestStartDate"));
    r.date_precision = match (&day, &earliest, &latest) {
        (Some(_), _, _) => "day",
        (None, Some(_), Some(_)) => "range",
        (None, None, Some(_)) => "before",
        (None, Some(_), None) => "after",
        (None, None, None) => "undated",
    };
    r.event_date = day.unwrap_or_default();
    r.date_earliest = earliest.unwrap_or_default();
    r.date_latest = latest.unwrap_or_default();
}

/// Who the record is on the word of: the author's own analysis, an anonymous source, a named
/// party (attributed), or for events the source's own narration (or, for an event that stands
/// only inside someone's claim, attributed).
fn attribution(r: &mut Record, act: &Act, f: &Facts, quote: Option<&Quote>) {
    let said_by = act.statement.as_deref().unwrap_or(&act.iri);
    let modes: Vec<String> = f
        .all(said_by, "attribution")
        .map(|m| m.rsplit('#').next().unwrap_or(m).to_owned())
        .collect();
    let speakers: Vec<&String> = match &act.statement {
        Some(s) => f.all(s, "speaker").collect(),
        None => f.all(&act.iri, "claimant").collect(),
    };
    r.attribution = if act.kind == "event" {
        if quote.is_some_and(|q| q.in_claim) {
            "attributed"
        } else {
            "narration"
        }
    } else if modes.iter().any(|m| m == "AuthorAnalysis")
        || (!speakers.is_empty() && speakers.iter().all(|s| f.authors.contains(*s)))
    {
        "author_analysis"
    } else if modes.iter().any(|m| m == "AnonymousSourcing")
        || speakers.iter().any(|s| f.anonymous.contains(*s))
    {
        "anonymous"
    } else {
        "attributed"
    };
    r.attribution_modes = modes.join(";");
    let hedges: BTreeSet<&String> = f
        .all(said_by, "hedge")
        .chain(f.all(&act.iri, "hedge"))
        .collect();
    r.hedge = hedges.into_iter().cloned().collect::<Vec<_>>().join("; ");
    r.channel = join_ids(f.all(said_by, "channel"));
    r.reported_by = join_ids(f.all(said_by, "reportedBy"));
}

fn join_ids<'a>(values: impl Iterator<Item = &'a String>) -> String {
    values.map(|v| id(v)).collect::<Vec<_>>().join(";")
}

/// The quote to show for an act: one from the source's narration before one inside a claim's
/// graph, the longest (a whole sentence rather than the few words quoted from it), the first.
fn best_quote(quotes: Option<&Vec<Quote>>) -> Option<&Quote> {
    quotes?.iter().min_by(|a, b| {
        (
            a.in_claim,
            std::cmp::Reverse(a.text.chars().count()),
            a.start,
        )
            .cmp(&(
                b.in_claim,
                std::cmp::Reverse(b.text.chars().count()),
                b.start,
            ))
    })
}

impl Facts {
    /// The values of a predicate (by local name) for a subject.
    pub fn all<'a>(&'a self, subject: &str, predicate: &str) -> impl Iterator<Item = &'a String> {
        self.values
            .get(&(subject.to_owned(), predicate.to_owned()))
            .into_iter()
            .flatten()
    }

    fn first(&self, subject: &str, predicate: &str) -> Option<String> {
        self.all(subject, predicate).next().cloned()
    }

    /// The actor a user names: an IRI, a prefixed name, or a label or alias in any case. A name
    /// that fits several actors is refused with the list.
    pub fn resolve_actor(&self, name: &str) -> Result<String> {
        let actors: BTreeSet<&String> = self.side.keys().collect();
        if let Some(iri) = as_iri(name) {
            if actors.contains(&iri) {
                return Ok(iri);
            }
        }
        let wanted = name.to_lowercase();
        let found: Vec<&String> = actors
            .iter()
            .copied()
            .filter(|a| {
                self.names
                    .get(*a)
                    .is_some_and(|ns| ns.iter().any(|n| n.to_lowercase() == wanted))
            })
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::UnknownName {
                kind: "actor",
                name: name.to_owned(),
                suggestions: actors
                    .iter()
                    .filter(|a| {
                        self.names
                            .get(**a)
                            .is_some_and(|ns| ns.iter().any(|n| n.to_lowercase().contains(&wanted)))
                    })
                    .take(5)
                    .map(|a| id(a))
                    .collect(),
            }),
            many => Err(Error::Ambiguous {
                kind: "actors",
                name: name.to_owned(),
                candidates: many.iter().map(|a| id(a)).collect(),
            }),
        }
    }

    /// The side an actor counts for.
    pub fn side_of(&self, actor: &str) -> String {
        self.side
            .get(actor)
            .cloned()
            .unwrap_or_else(|| actor.to_owned())
    }
}

/// A resource as records name it: its prefixed name (a `/` in it left as it is), else the IRI.
pub fn id(iri: &str) -> String {
    crate::vocab::shorten(iri).map_or_else(|| iri.to_owned(), |s| s.replace("\\/", "/"))
}

/// The full IRI of a name records use ([`id`]'s inverse); other text is returned as it is.
pub fn expand(name: &str) -> String {
    as_iri(name).unwrap_or_else(|| name.to_owned())
}

/// `<iri>`, a bare http(s) IRI, or a prefixed name with a known prefix, as a full IRI.
pub fn as_iri(name: &str) -> Option<String> {
    if let Some(inner) = name.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
        return Some(inner.to_owned());
    }
    if name.starts_with("http://") || name.starts_with("https://") {
        return Some(name.to_owned());
    }
    crate::vocab::expand(name)
}

/// The lexical form of a literal, or the IRI of a named node, bound to `var`; empty if unbound.
pub(crate) fn text(row: &QuerySolution, var: &str) -> String {
    crate::query::str_of(row, var)
        .unwrap_or_default()
        .to_owned()
}
