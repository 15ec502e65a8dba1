//! Corroboration across sources: which acts of different sources are the same act, or the same
//! utterance in other words, with a deterministic, explainable score (`score.rs`) over features
//! (`features.rs`); which sources are copies of one story (`family.rs`), so that independent
//! outlets are counted once; and the links proposed as a TriG draft (`draft.rs`), never merged.
//! `check.rs` finds contradictions among the links a curator accepted.
//!
//! Candidate pairs come from blocks (`pairs`): statements meet only statements whose speakers
//! are compatible (the same actor, or one affiliated with the other), events only events of the
//! same type, and both only within a week of each other when their dates are known. Ten
//! thousand sources then compare thousands of pairs, not fifty million.

pub mod actors;
pub mod check;
pub mod command;
pub mod draft;
pub mod family;
pub mod features;
pub mod outlets;
pub mod read;
pub mod score;

use crate::error::{Error, Result};
use crate::store::Dataset;
use std::collections::{BTreeMap, BTreeSet};

/// A quote: a mention and its exact words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quote {
    pub mention: String,
    pub exact: String,
}

/// A source with its publisher and the quotes of its content (headings and furniture left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    pub iri: String,
    pub publisher: Option<String>,
    pub quotes: Vec<Quote>,
}

/// Known date bounds, as day numbers; a side without a bound is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub earliest: Option<i64>,
    pub latest: Option<i64>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActKind {
    #[default]
    Statement,
    Event,
}

/// A statement or an event of one source, with what the features compare.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Act {
    pub iri: String,
    pub kind: ActKind,
    /// The source whose graphs type it.
    pub source: String,
    pub quotes: Vec<Quote>,
    /// Speakers of a statement; participants (every role) of an event. Sorted.
    pub actors: Vec<String>,
    /// Act types of the claims a statement conveys; event types. Sorted.
    pub types: Vec<String>,
    pub places: Vec<String>,
    pub round: Option<i64>,
    pub window: Option<Window>,
    /// Figures the act reports (an event's own, a statement's through the claims it conveys):
    /// (value written plainly, unit). Sorted.
    pub figures: Vec<(String, String)>,
}

/// A correspondence already in the data (curated, or accepted in review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub iri: String,
    /// The kind's local name: SameAct, SameUtterance, SameStory, Different.
    pub kind: String,
    pub ends: Vec<String>,
}

impl Known {
    pub fn is_same(&self) -> bool {
        self.kind != "Different"
    }
}

/// What `corroborate` was asked.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only links with at least one end in this source (its IRI).
    pub source: Option<String>,
    pub min_confidence: f64,
    /// Names of links not to propose again (rejected in review).
    pub skip: BTreeSet<String>,
}

/// What corroboration proposes.
#[derive(Debug, Clone, Default)]
pub struct Proposal {
    pub links: Vec<score::Link>,
    /// Links between actors of different sources (the same actor under two IRIs).
    pub actors: Vec<score::Link>,
    pub stories: Vec<family::StoryLink>,
    pub groups: Vec<Group>,
    pub sources: usize,
    pub acts: usize,
    pub pairs_compared: usize,
    /// How long each step took, in seconds, in the order run (for `--timings`).
    pub steps: Vec<(&'static str, f64)>,
}

/// One real-world act as the links join it: its reports, and how independent they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub acts: Vec<String>,
    pub sources: usize,
    pub families: usize,
}

/// Reads the data and proposes links across sources.
pub fn corroborate(dataset: &Dataset, options: &Options) -> Result<Proposal> {
    let mut clock = Clock::default();
    let sources = read::sources(dataset)?;
    clock.step("read sources");
    if sources.len() < 2 {
        return Err(Error::Value(format!(
            "corroboration compares sources, and the data holds {}{}: add another (claimgraph ingest FILE)",
            sources.len(),
            sources
                .first()
                .map(|s| format!(" ({})", show(&s.iri)))
                .unwrap_or_default()
        )));
    }
    let only = options
        .source
        .as_deref()
        .map(|id| resolve_source(id, &sources))
        .transpose()?;
    let known = read::known(dataset)?;
    check::refuse_contradictions(&known)?;
    let acts = read::acts(dataset)?;
    clock.step("read acts");
    let context = score::Context {
        affiliations: read::affiliations(dataset)?,
        containment: read::containment(dataset)?,
    };
    clock.step("read affiliations and places");
    let mut stories = family::propose(&sources, &known, only.as_deref());
    stories.retain(|s| !options.skip.contains(&s.id()));
    let (mut links, compared) = propose(
        &acts,
        &context,
        &known,
        only.as_deref(),
        options.min_confidence,
    );
    links.retain(|l| !options.skip.contains(&l.id()));
    clock.step("families, blocks and scores");
    let linked: BTreeSet<(String, String)> = known
        .iter()
        .map(|k| {
            let (a, b) = ordered(&k.ends[0], &k.ends[1]);
            (a.to_owned(), b.to_owned())
        })
        .collect();
    let mut actor_links = actors::propose(
        &actors::read(dataset)?,
        &linked,
        only.as_deref(),
        options.min_confidence,
    );
    actor_links.retain(|l| !options.skip.contains(&l.id()));
    clock.step("actors");
    let families = family::families(&sources, &known, &stories);
    let groups = groups(&acts, &links, &known, &families);
    Ok(Proposal {
        links,
        actors: actor_links,
        stories,
        groups,
        sources: sources.len(),
        acts: acts.len(),
        pairs_compared: compared,
        steps: clock.steps,
    })
}

/// Times the steps of a run.
struct Clock {
    last: std::time::Instant,
    steps: Vec<(&'static str, f64)>,
}

impl Default for Clock {
    fn default() -> Clock {
        Clock {
            last: std::time::Instant::now(),
            steps: Vec::new(),
        }
    }
}

impl Clock {
    fn step(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.steps.push((name, (now - self.last).as_secs_f64()));
        self.last = now;
    }
}

/// Scores every candidate pair and keeps those at or above the confidence asked for.
pub fn propose(
    acts: &[Act],
    context: &score::Context,
    known: &[Known],
    only: Option<&str>,
    min_confidence: f64,
) -> (Vec<score::Link>, usize) {
    let linked: BTreeSet<(&str, &str)> = known
        .iter()
        .map(|k| ordered(&k.ends[0], &k.ends[1]))
        .collect();
    let prepared: Vec<score::Prepared> = acts.iter().map(score::Prepared::new).collect();
    let candidates = pairs(acts, context);
    let mut links = Vec::new();
    for &(i, j) in &candidates {
        let (a, b) = (&acts[i], &acts[j]);
        if only.is_some_and(|s| a.source != s && b.source != s)
            || linked.contains(&ordered(&a.iri, &b.iri))
        {
            continue;
        }
        if let Some(link) = score::score(&prepared[i], &prepared[j], context) {
            // The link puts its acts in IRI order; their sources follow them.
            let (sa, sb) = if link.a == a.iri {
                (&a.source, &b.source)
            } else {
                (&b.source, &a.source)
            };
            links.push((link, sa.as_str(), sb.as_str()));
        }
    }
    let mut links = mutual_best(links);
    // An act already linked into a source (by a curator) gets no second link into it.
    let source_of: BTreeMap<&str, &str> = acts
        .iter()
        .map(|a| (a.iri.as_str(), a.source.as_str()))
        .collect();
    let taken: BTreeSet<(&str, &str)> = known
        .iter()
        .filter_map(|k| {
            let (x, y) = (k.ends[0].as_str(), k.ends[1].as_str());
            Some([(x, *source_of.get(y)?), (y, *source_of.get(x)?)])
        })
        .flatten()
        .collect();
    links.retain(|l| {
        l.confidence >= min_confidence
            && !taken.contains(&(l.a.as_str(), source_of[l.b.as_str()]))
            && !taken.contains(&(l.b.as_str(), source_of[l.a.as_str()]))
    });
    links.sort_by_key(score::Link::id);
    (links, candidates.len())
}

/// Keeps a link only when each act has no better link into the other act's source: one act
/// of a report is one act of another report at most. Ties go to the smaller pair name, so the
/// choice does not depend on the order of the input.
fn mutual_best(scored: Vec<(score::Link, &str, &str)>) -> Vec<score::Link> {
    let better = |x: &score::Link, y: &score::Link| {
        x.confidence > y.confidence || (x.confidence == y.confidence && x.id() < y.id())
    };
    // The best link of each (act, other source).
    let mut best: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (n, (link, source_a, source_b)) in scored.iter().enumerate() {
        for key in [(link.a.as_str(), *source_b), (link.b.as_str(), *source_a)] {
            match best.get(&key) {
                Some(&m) if !better(link, &scored[m].0) => {}
                _ => {
                    best.insert(key, n);
                }
            }
        }
    }
    scored
        .iter()
        .enumerate()
        .filter(|(n, (link, source_a, source_b))| {
            best.get(&(link.a.as_str(), *source_b)) == Some(n)
                && best.get(&(link.b.as_str(), *source_a)) == Some(n)
        })
        .map(|(_, (link, _, _))| link.clone())
        .collect()
}

fn ordered<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Candidate pairs (index pairs, lower first) from the blocks: acts of different sources that
/// share a block key and a week, or share a key while one of them has no bounded date.
pub fn pairs(acts: &[Act], context: &score::Context) -> Vec<(usize, usize)> {
    let mut blocks: BTreeMap<(String, Option<i64>), Vec<usize>> = BTreeMap::new();
    for (i, act) in acts.iter().enumerate() {
        for key in block_keys(act, context) {
            for week in weeks(act) {
                blocks.entry((key.clone(), week)).or_default().push(i);
            }
        }
    }
    let mut out = BTreeSet::new();
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for ((key, week), members) in &blocks {
        if week.is_none() {
            by_key.entry(key).or_default().extend(members);
        }
    }
    let mut add = |i: usize, j: usize| {
        if i != j && acts[i].source != acts[j].source && acts[i].kind == acts[j].kind {
            out.insert((i.min(j), i.max(j)));
        }
    };
    for ((key, week), members) in &blocks {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                add(i, j);
            }
        }
        // An act without a bounded date meets every act of its key, dated or not.
        if week.is_some() {
            for &open in by_key.get(key.as_str()).into_iter().flatten() {
                for &i in members {
                    add(open, i);
                }
            }
        }
    }
    out.into_iter().collect()
}

/// Statements: every actor a speaker is or is affiliated with (two compatible speakers share
/// one). Events: their types.
fn block_keys(act: &Act, context: &score::Context) -> BTreeSet<String> {
    match act.kind {
        ActKind::Statement => act
            .actors
            .iter()
            .flat_map(|s| {
                std::iter::once(s.clone())
                    .chain(context.affiliations.get(s).into_iter().flatten().cloned())
            })
            .map(|a| format!("s {a}"))
            .collect(),
        ActKind::Event => act.types.iter().map(|t| format!("e {t}")).collect(),
    }
}

/// The weeks an act's window touches, widened by the days a date may be off; `None` for a
/// window open on one side or longer than four weeks.
fn weeks(act: &Act) -> Vec<Option<i64>> {
    match act.window {
        Some(Window {
            earliest: Some(e),
            latest: Some(l),
        }) if l - e <= 28 => {
            let tolerance = score::DATE_TOLERANCE_DAYS;
            ((e - tolerance).div_euclid(7)..=(l + tolerance).div_euclid(7))
                .map(Some)
                .collect()
        }
        _ => vec![None],
    }
}

/// The acts the links (proposed and known) join into one, with their sources and families.
fn groups(
    acts: &[Act],
    links: &[score::Link],
    known: &[Known],
    families: &BTreeMap<String, String>,
) -> Vec<Group> {
    let source_of: BTreeMap<&str, &str> = acts
        .iter()
        .map(|a| (a.iri.as_str(), a.source.as_str()))
        .collect();
    let mut uf = family::UnionFind::default();
    for l in links {
        uf.union(&l.a, &l.b);
    }
    for k in known.iter().filter(|k| k.is_same()) {
        if source_of.contains_key(k.ends[0].as_str()) && source_of.contains_key(k.ends[1].as_str())
        {
            uf.union(&k.ends[0], &k.ends[1]);
        }
    }
    let mut out = Vec::new();
    for members in uf.sets() {
        let srcs: BTreeSet<&str> = members
            .iter()
            .filter_map(|a| source_of.get(a.as_str()).copied())
            .collect();
        let fams: BTreeSet<&str> = srcs
            .iter()
            .map(|s| families.get(*s).map_or(*s, String::as_str))
            .collect();
        out.push(Group {
            acts: members,
            sources: srcs.len(),
            families: fams.len(),
        });
    }
    out
}

/// A source named by id (`wire-istanbul`), prefixed name (`source:wire-istanbul`) or IRI.
fn resolve_source(id: &str, sources: &[Source]) -> Result<String> {
    let iri = if let Some(rest) = id.strip_prefix("source:") {
        format!("{}source/{rest}", crate::vocab::ID)
    } else if id.contains("://") {
        id.trim_matches(|c| c == '<' || c == '>').to_owned()
    } else {
        format!("{}source/{id}", crate::vocab::ID)
    };
    if sources.iter().any(|s| s.iri == iri) {
        return Ok(iri);
    }
    let known: Vec<String> = sources.iter().take(8).map(|s| show(&s.iri)).collect();
    Err(Error::Value(format!(
        "--source {id}: no such source in the data (sources: {}{})",
        known.join(", "),
        if sources.len() > known.len() {
            ", ..."
        } else {
            ""
        }
    )))
}

/// An IRI as the user writes it: a prefixed name when one fits.
pub fn show(iri: &str) -> String {
    crate::vocab::shorten(iri).unwrap_or_else(|| format!("<{iri}>"))
}
