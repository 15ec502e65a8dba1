//! The score of a candidate pair: a sum of fixed weights, one per feature that matches, with
//! vetoes for what rules a pair out (incompatible speakers, dates more than a few days apart,
//! different places or rounds of talks, nothing in common in the words). Every term of the sum
//! is written down as a line of evidence, so a curator sees why a link was proposed.

use super::features;
use super::{Act, ActKind, Window};
use crate::dates::day_text;
use std::collections::{BTreeMap, BTreeSet};

/// Two accounts whose dates are this many days apart or fewer may still be one act (with the
/// date as a disagreement); further apart, they are not.
pub const DATE_TOLERANCE_DAYS: i64 = 3;

const SAME_SPEAKER: f64 = 0.30;
const COMPATIBLE_SPEAKER: f64 = 0.20;
const SAME_DAY: f64 = 0.15;
const OVERLAPPING_WINDOWS: f64 = 0.05;
const WORDING: f64 = 0.35;
const KEY_TERMS: f64 = 0.25;
const ACT_TYPE: f64 = 0.15;
const PARTICIPANTS: f64 = 0.25;
const PLACE: f64 = 0.15;
const ROUND: f64 = 0.10;
const FIGURE: f64 = 0.10;
/// Shared shingles above which two statements are near the same words (a copy), not a restatement.
const COPY_WORDING: f64 = 0.6;

/// What the score reads beside the two acts.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub affiliations: BTreeMap<String, BTreeSet<String>>,
    /// (place, a place it lies in), followed.
    pub containment: BTreeSet<(String, String)>,
}

/// An act with its words prepared once.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    pub act: &'a Act,
    pub words: Vec<String>,
    pub shingles: Vec<u64>,
    pub terms: Vec<u64>,
}

impl<'a> Prepared<'a> {
    pub fn new(act: &'a Act) -> Prepared<'a> {
        let mut words = Vec::new();
        for q in &act.quotes {
            words.extend(features::words(&q.exact));
        }
        let mut shingles = Vec::new();
        for q in &act.quotes {
            shingles.extend(features::shingles(&features::words(&q.exact), 3));
        }
        shingles.sort_unstable();
        shingles.dedup();
        let terms = features::key_terms(&words);
        Prepared {
            act,
            words,
            shingles,
            terms,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Feature {
    Speaker,
    Date,
    Wording,
    KeyTerms,
    ActType,
    Place,
    Participants,
    Round,
    Figure,
    /// An actor's name (label or alias).
    Name,
    /// An actor's class.
    ActorClass,
}

impl Feature {
    /// The concept of cg:CorrespondenceFeatureScheme.
    pub fn concept(self) -> &'static str {
        match self {
            Feature::Speaker => "SpeakerFeature",
            Feature::Date => "DateFeature",
            Feature::Wording => "WordingFeature",
            Feature::KeyTerms => "KeyTermFeature",
            Feature::ActType => "ActTypeFeature",
            Feature::Place => "PlaceFeature",
            Feature::Participants => "ParticipantFeature",
            Feature::Round => "RoundFeature",
            Feature::Figure => "FigureFeature",
            Feature::Name => "NameFeature",
            Feature::ActorClass => "ActorClassFeature",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    SameAct,
    SameUtterance,
}

impl Kind {
    pub fn concept(self) -> &'static str {
        match self {
            Kind::SameAct => "SameAct",
            Kind::SameUtterance => "SameUtterance",
        }
    }
}

/// A proposed link between two acts of different sources; `a` sorts before `b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub a: String,
    pub b: String,
    pub a_quotes: Vec<String>,
    pub b_quotes: Vec<String>,
    pub kind: Kind,
    /// Rounded to hundredths, so that the draft is the same on every machine.
    pub confidence: f64,
    pub matched: Vec<Feature>,
    pub disagrees: Vec<Feature>,
    pub evidence: Vec<String>,
    pub shared_words: Option<String>,
}

impl Link {
    /// A readable, stable name for the pair: the local names of both acts.
    pub fn id(&self) -> String {
        format!("{}--{}", local(&self.a), local(&self.b))
    }
}

pub fn local(iri: &str) -> &str {
    iri.rsplit('/').next().unwrap_or(iri)
}

/// The running sum and its explanation.
#[derive(Default)]
struct Tally {
    total: f64,
    matched: Vec<Feature>,
    disagrees: Vec<Feature>,
    evidence: Vec<String>,
}

impl Tally {
    fn add(&mut self, feature: Feature, weight: f64, note: String) {
        self.total += weight;
        if weight > 0.0 && !self.matched.contains(&feature) {
            self.matched.push(feature);
        }
        self.evidence.push(format!("{note} (+{weight:.2})"));
    }
    fn disagree(&mut self, feature: Feature, note: String) {
        if !self.disagrees.contains(&feature) {
            self.disagrees.push(feature);
        }
        self.evidence.push(format!("{note} (+0.00, disagreement)"));
    }
}

/// The link two acts make, or `None` when a veto rules them out. Symmetric: the pair is put
/// in IRI order first, and every feature is symmetric.
pub fn score(x: &Prepared, y: &Prepared, context: &Context) -> Option<Link> {
    let (p, q) = if x.act.iri <= y.act.iri {
        (x, y)
    } else {
        (y, x)
    };
    let (a, b) = (p.act, q.act);
    if a.kind != b.kind || a.source == b.source || a.iri == b.iri {
        return None;
    }
    let mut t = Tally::default();
    match a.kind {
        ActKind::Statement => speaker(a, b, context, &mut t)?,
        ActKind::Event => event(a, b, context, &mut t)?,
    }
    dates(a.window, b.window, &mut t)?;
    let wording = words(p, q, a.kind, &mut t)?;
    types(a, b, &mut t)?;
    figures(a, b, &mut t);
    let kind = if a.kind == ActKind::Statement && wording < COPY_WORDING {
        Kind::SameUtterance
    } else {
        Kind::SameAct
    };
    t.matched.sort();
    t.disagrees.sort();
    Some(Link {
        a: a.iri.clone(),
        b: b.iri.clone(),
        a_quotes: a.quotes.iter().map(|q| q.mention.clone()).collect(),
        b_quotes: b.quotes.iter().map(|q| q.mention.clone()).collect(),
        kind,
        confidence: (t.total.min(1.0) * 100.0).round() / 100.0,
        matched: t.matched,
        disagrees: t.disagrees,
        evidence: t.evidence,
        shared_words: features::longest_shared_run(&p.words, &q.words),
    })
}

fn reaches(context: &Context, from: &str, to: &str) -> bool {
    context
        .affiliations
        .get(from)
        .is_some_and(|s| s.contains(to))
}

/// Statements: the same speaker, or one affiliated with the other; anyone else is a veto.
fn speaker(a: &Act, b: &Act, context: &Context, t: &mut Tally) -> Option<()> {
    if let Some(s) = a.actors.iter().find(|s| b.actors.contains(s)) {
        t.add(
            Feature::Speaker,
            SAME_SPEAKER,
            format!("speaker: {} on both sides", super::show(s)),
        );
        return Some(());
    }
    for s in &a.actors {
        for r in &b.actors {
            if reaches(context, s, r) || reaches(context, r, s) {
                t.add(
                    Feature::Speaker,
                    COMPATIBLE_SPEAKER,
                    format!(
                        "speaker: {} and {}, one affiliated with the other",
                        super::show(s),
                        super::show(r)
                    ),
                );
                return Some(());
            }
        }
    }
    None
}

/// Events: participants must overlap, places must be compatible, rounds equal.
fn event(a: &Act, b: &Act, context: &Context, t: &mut Tally) -> Option<()> {
    if !a.actors.is_empty() && !b.actors.is_empty() {
        let share = features::overlap(&a.actors, &b.actors);
        if share == 0.0 {
            return None;
        }
        let n = features::shared(&a.actors, &b.actors);
        t.add(
            Feature::Participants,
            PARTICIPANTS * share,
            format!(
                "participants: {n} shared, {:.0}% of the fewer",
                share * 100.0
            ),
        );
    }
    if !a.places.is_empty() && !b.places.is_empty() {
        let fits = |x: &String, y: &String| {
            x == y
                || context.containment.contains(&(x.clone(), y.clone()))
                || context.containment.contains(&(y.clone(), x.clone()))
        };
        let pair = a
            .places
            .iter()
            .find_map(|x| b.places.iter().find(|y| fits(x, y)).map(|y| (x, y)))?;
        t.add(
            Feature::Place,
            PLACE,
            format!("place: {} and {}", super::show(pair.0), super::show(pair.1)),
        );
    }
    match (a.round, b.round) {
        (Some(x), Some(y)) if x != y => return None,
        (Some(x), Some(_)) => t.add(Feature::Round, ROUND, format!("round: {x} on both sides")),
        _ => {}
    }
    Some(())
}

/// Date windows: the same day, overlapping windows, or a few days apart (a disagreement);
/// further apart is a veto.
fn dates(a: Option<Window>, b: Option<Window>, t: &mut Tally) -> Option<()> {
    let (Some(a), Some(b)) = (a, b) else {
        return Some(());
    };
    let lo = |w: Window| w.earliest.unwrap_or(i64::MIN);
    let hi = |w: Window| w.latest.unwrap_or(i64::MAX);
    let gap = (lo(a).max(lo(b))).saturating_sub(hi(a).min(hi(b)));
    let show = |w: Window| match (w.earliest, w.latest) {
        (Some(e), Some(l)) if e == l => day_text(e),
        (e, l) => format!(
            "{}..{}",
            e.map(day_text).unwrap_or_default(),
            l.map(day_text).unwrap_or_default()
        ),
    };
    let note = format!("date: {} / {}", show(a), show(b));
    if gap <= 0 {
        let exact = |w: Window| w.earliest.is_some() && w.earliest == w.latest;
        if exact(a) && exact(b) {
            t.add(Feature::Date, SAME_DAY, format!("{note}, the same day"));
        } else {
            t.add(
                Feature::Date,
                OVERLAPPING_WINDOWS,
                format!("{note}, windows overlap"),
            );
        }
        Some(())
    } else if gap <= DATE_TOLERANCE_DAYS {
        t.disagree(
            Feature::Date,
            format!("{note}, {gap} day{} apart", if gap == 1 { "" } else { "s" }),
        );
        Some(())
    } else {
        None
    }
}

/// Shared wording and key terms; statements with nothing in common in their words are vetoed.
/// Returns the share of shingles.
fn words(p: &Prepared, q: &Prepared, kind: ActKind, t: &mut Tally) -> Option<f64> {
    let wording = features::overlap(&p.shingles, &q.shingles);
    let terms = features::overlap(&p.terms, &q.terms);
    if kind == ActKind::Statement && wording < 0.1 && terms < 0.3 {
        return None;
    }
    if wording > 0.0 {
        t.add(
            Feature::Wording,
            WORDING * wording,
            format!(
                "wording: {:.0}% of three-word sequences shared",
                wording * 100.0
            ),
        );
    }
    if terms > 0.0 {
        t.add(
            Feature::KeyTerms,
            KEY_TERMS * terms,
            format!(
                "key terms: {} shared, {:.0}% of the fewer",
                features::shared(&p.terms, &q.terms),
                terms * 100.0
            ),
        );
    }
    Some(wording)
}

/// Act or event types: shared is a match; for statements, none shared is a disagreement, for
/// events a veto (talks are not a ceasefire).
fn types(a: &Act, b: &Act, t: &mut Tally) -> Option<()> {
    if a.types.is_empty() || b.types.is_empty() {
        return Some(());
    }
    if let Some(shared) = a.types.iter().find(|x| b.types.contains(x)) {
        t.add(
            Feature::ActType,
            ACT_TYPE,
            format!("type: {} on both sides", super::show(shared)),
        );
        return Some(());
    }
    if a.kind == ActKind::Event {
        return None;
    }
    let names = |ts: &[String]| {
        ts.iter()
            .map(|x| super::show(x))
            .collect::<Vec<_>>()
            .join(", ")
    };
    t.disagree(
        Feature::ActType,
        format!("type: {} / {}", names(&a.types), names(&b.types)),
    );
    Some(())
}

/// Figures with their units: one reported by both is a match; a unit both report with other
/// values, or figures only in other units, is a disagreement shown with both versions. Never a
/// veto: two accounts of one act often count differently.
fn figures(a: &Act, b: &Act, t: &mut Tally) {
    if a.figures.is_empty() || b.figures.is_empty() {
        return;
    }
    let shown = |(value, unit): &(String, String)| format!("{value} {}", unit_text(unit));
    let same: Vec<&(String, String)> = a.figures.iter().filter(|f| b.figures.contains(f)).collect();
    if let Some(f) = same.first() {
        t.add(
            Feature::Figure,
            FIGURE,
            format!("figure: {} on both sides", shown(f)),
        );
    }
    // Units both sides give a figure in, without a value in common.
    let matched_units: Vec<&String> = same.iter().map(|(_, u)| u).collect();
    let on_both = |unit: &String| {
        a.figures.iter().any(|g| &g.1 == unit) && b.figures.iter().any(|g| &g.1 == unit)
    };
    let clash = |f: &&(String, String)| !matched_units.contains(&&f.1) && on_both(&f.1);
    let (mine, theirs): (Vec<_>, Vec<_>) = if !a.figures.iter().any(|f| on_both(&f.1)) {
        // No unit in common: every figure of each side is its version.
        (a.figures.iter().collect(), b.figures.iter().collect())
    } else {
        (
            a.figures.iter().filter(clash).collect(),
            b.figures.iter().filter(clash).collect(),
        )
    };
    if mine.is_empty() || theirs.is_empty() {
        return;
    }
    let list =
        |fs: &[&(String, String)]| fs.iter().map(|f| shown(f)).collect::<Vec<_>>().join(", ");
    t.disagree(
        Feature::Figure,
        format!("figure: {} / {}", list(&mine), list(&theirs)),
    );
}

/// A unit as written: an IRI shortened, a word as it is.
fn unit_text(unit: &str) -> String {
    if unit.contains("://") {
        super::show(unit)
    } else {
        unit.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corroborate::Quote;

    fn talks(iri: &str, source: &str, place: &str, day: i64, round: Option<i64>) -> Act {
        Act {
            iri: iri.into(),
            kind: ActKind::Event,
            source: source.into(),
            quotes: vec![Quote {
                mention: format!("{iri}-m"),
                exact: "talks between the two".into(),
            }],
            actors: vec!["a".into(), "b".into()],
            types: vec!["Talks".into()],
            places: vec![place.into()],
            round,
            window: Some(Window {
                earliest: Some(day),
                latest: Some(day),
            }),
            figures: Vec::new(),
        }
    }

    fn link(x: &Act, y: &Act) -> Option<Link> {
        score(&Prepared::new(x), &Prepared::new(y), &Context::default())
    }

    #[test]
    fn the_same_talks_link_and_near_misses_do_not() {
        let one = talks("e:1", "s1", "istanbul", 100, Some(2));
        assert!(link(&one, &talks("e:2", "s2", "istanbul", 100, Some(2))).is_some());
        // Same parties and place, another round.
        assert!(link(&one, &talks("e:3", "s2", "istanbul", 100, Some(3))).is_none());
        // Same parties, place and round, but eight days later.
        assert!(link(&one, &talks("e:4", "s2", "istanbul", 108, Some(2))).is_none());
        // Another place.
        assert!(link(&one, &talks("e:5", "s2", "doha", 100, Some(2))).is_none());
        // Two days apart: linked, with the date as a disagreement.
        let near = link(&one, &talks("e:6", "s2", "istanbul", 102, Some(2))).unwrap();
        assert_eq!(near.disagrees, vec![Feature::Date]);
        // The same source is never linked to itself.
        assert!(link(&one, &talks("e:7", "s1", "istanbul", 100, Some(2))).is_none());
    }

    #[test]
    fn statements_need_a_compatible_speaker_and_shared_words() {
        let st = |iri: &str, source: &str, speaker: &str, text: &str| Act {
            iri: iri.into(),
            kind: ActKind::Statement,
            source: source.into(),
            quotes: vec![Quote {
                mention: format!("{iri}-m"),
                exact: text.into(),
            }],
            actors: vec![speaker.into()],
            ..Act::default()
        };
        let a = st(
            "s:a",
            "1",
            "tarar",
            "Tarar said the talks failed to bring about any workable solution",
        );
        let copy = st(
            "s:b",
            "2",
            "tarar",
            "Tarar said the talks failed to bring about any workable solution",
        );
        let l = link(&a, &copy).unwrap();
        assert_eq!(l.kind, Kind::SameAct);
        assert_eq!(
            l.shared_words.as_deref(),
            Some("tarar said the talks failed to bring about any workable solution")
        );
        assert!(
            link(
                &a,
                &st(
                    "s:c",
                    "2",
                    "asif",
                    "Tarar said the talks failed to bring about any workable solution"
                )
            )
            .is_none()
        );
        assert!(
            link(
                &a,
                &st("s:d", "2", "tarar", "Fruit rots at closed crossings")
            )
            .is_none()
        );
        let mut ctx = Context::default();
        ctx.affiliations
            .insert("tarar".into(), ["pakistan".into()].into());
        let other = st(
            "s:e",
            "2",
            "pakistan",
            "the talks failed to bring about a workable solution, Islamabad said",
        );
        let l = score(&Prepared::new(&a), &Prepared::new(&other), &ctx).unwrap();
        assert!(l.matched.contains(&Feature::Speaker));
        assert_eq!(l.kind, Kind::SameUtterance);
    }

    #[test]
    fn figures_with_their_units_match_or_disagree() {
        let with = |iri: &str, source: &str, figures: &[(&str, &str)]| {
            let mut act = talks(iri, source, "istanbul", 100, Some(2));
            act.figures = figures
                .iter()
                .map(|(v, u)| (v.to_string(), u.to_string()))
                .collect();
            act
        };
        let four = with("e:1", "s1", &[("4", "days")]);
        let same = link(&four, &with("e:2", "s2", &[("4", "days")])).unwrap();
        assert!(same.matched.contains(&Feature::Figure));
        assert!(same.disagrees.is_empty());
        assert!(
            same.evidence
                .contains(&"figure: 4 days on both sides (+0.10)".to_owned())
        );
        let five = link(&four, &with("e:3", "s2", &[("5", "days")])).unwrap();
        assert_eq!(five.disagrees, vec![Feature::Figure]);
        assert!(
            five.evidence
                .contains(&"figure: 4 days / 5 days (+0.00, disagreement)".to_owned()),
            "{:?}",
            five.evidence
        );
        // The same number in another unit is another figure.
        let hours = link(&four, &with("e:4", "s2", &[("4", "hours")])).unwrap();
        assert_eq!(hours.disagrees, vec![Feature::Figure]);
        // A figure in common and another only one side gives: a match, no disagreement.
        let more = link(
            &four,
            &with("e:5", "s2", &[("4", "days"), ("58", "people")]),
        )
        .unwrap();
        assert!(more.matched.contains(&Feature::Figure) && more.disagrees.is_empty());
        // No figure on one side: nothing to compare, and the score is as without figures.
        let none = link(&four, &talks("e:6", "s2", "istanbul", 100, Some(2))).unwrap();
        assert!(!none.matched.contains(&Feature::Figure) && none.disagrees.is_empty());
        assert!(same.confidence >= none.confidence);
    }
}
