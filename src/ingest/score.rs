//! The scorecard: ingest run on a hand-encoded report as if it were new (with an empty actor
//! table, and with the actors the hand encoding holds), and its draft measured against the hand
//! encoding read from its TriG: segmentation, attributed-statement candidates, speaker,
//! attribution mode and date on the hits, and the share of the hand's lines the draft contains.

use super::actors::{Actor, normalise};
use super::draft::{self, Activity};
use super::graph::{self, CuratedStatement, Span};
use super::text::Kind;
use super::{Draft, Known, Metadata};
use crate::corpus::{self, Texts};
use crate::error::{Error, Result};
use crate::store::Dataset;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// Found, proposed and expected: precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub matched: usize,
    pub proposed: usize,
    pub expected: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.proposed)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.expected)
    }
}

/// `right` of `of`, as a share.
pub fn ratio(right: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        right as f64 / of as f64
    }
}

/// The measures of one run.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub name: &'static str,
    pub content: Counts,
    pub excluded: Counts,
    pub statements: Counts,
    pub speaker: (usize, usize),
    pub attribution: (usize, usize),
    pub date: (usize, usize),
    /// Hand lines the draft holds verbatim, and of how many.
    pub lines_verbatim: (usize, usize),
    /// The same, up to the names the draft mints (mentions, graphs, statements, claims, the
    /// document's author): a curator keeps or renames those, and writes nothing.
    pub lines: (usize, usize),
    /// Curated statements no proposal found, and proposals the hand encoding has no statement for.
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
    /// Hits whose speaker, attribution or date differ: what was proposed, what is curated.
    pub differences: Vec<String>,
}

/// The hand encoding, loaded with the ontology.
struct Hand {
    dataset: Dataset,
    source: graph::Source,
    text: String,
    actors: HashMap<String, Actor>,
}

fn load_hand(trig: &Path, data: &Path) -> Result<Hand> {
    let mut inputs: Vec<_> = corpus::bundled_inputs()
        .into_iter()
        .filter(|i| i.origin.starts_with("<corpus>/ontology/"))
        .collect();
    inputs.extend(corpus::inputs_from_paths(&[trig.to_path_buf()])?.0);
    let dataset = Dataset::in_memory(Texts {
        roots: vec![data.to_path_buf()],
        bundled: false,
    })?;
    dataset.load(&inputs, false)?;
    let source = graph::sources(&dataset)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal(format!("{}: no source", trig.display())))?;
    let file = data.join(source.text_file.clone().unwrap_or_default());
    let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
    let actors = graph::actors(&dataset)?
        .into_iter()
        .map(|a| (a.iri.clone(), a))
        .collect();
    Ok(Hand {
        dataset,
        source,
        text,
        actors,
    })
}

/// Runs ingest on the hand-encoded report in `data/` twice and scores both drafts.
pub fn scorecard(trig: &Path, data: &Path) -> Result<Vec<Run>> {
    let hand = load_hand(trig, data)?;
    let id = hand
        .source
        .iri
        .rsplit('/')
        .next()
        .unwrap_or("doc")
        .to_owned();
    // What a curator would type: the hand's id, title and date, and the key its mentions and
    // graphs are named by (`mention:KEY/...`, ontology/README.md).
    let mentions = graph::mentions_of(&hand.dataset, &hand.source.iri)?;
    let key = mentions
        .first()
        .and_then(|m| {
            m.mention
                .strip_prefix(&format!("{}mention/", crate::vocab::ID))
        })
        .and_then(|rest| rest.split_once('/'))
        .map_or_else(|| id.clone(), |(key, _)| key.to_owned());
    let meta = Metadata {
        id,
        key,
        title: hand
            .source
            .title
            .clone()
            .unwrap_or_else(|| "scorecard".into()),
        published: hand
            .source
            .date
            .as_deref()
            .and_then(super::dates::Date::parse)
            .ok_or_else(|| Error::Internal("the hand source has no dcterms:date".into()))?,
        publisher: "the publisher".into(),
        url: None,
        language: "en".into(),
        author: None,
    };
    let bundled = Known {
        actors: hand.actors.values().cloned().collect(),
        taken: graph::taken(&hand.dataset)?,
        acts: graph::acts(&hand.dataset)?,
    };
    let mut runs = Vec::new();
    for (name, known) in [
        ("empty actor table", Known::default()),
        ("bundled actors", bundled),
    ] {
        let draft = super::propose(&hand.text, &meta, known);
        runs.push(score(name, &hand, &draft, trig)?);
    }
    Ok(runs)
}

fn score(name: &'static str, hand: &Hand, draft: &Draft, trig: &Path) -> Result<Run> {
    let mut run = Run {
        name,
        ..Run::default()
    };
    let mentions = graph::mentions_of(&hand.dataset, &hand.source.iri)?;
    segmentation(&mut run, &mentions, draft);
    let creator = graph::creator(&hand.dataset, &hand.source.iri)?.unwrap_or_default();
    let curated: Vec<CuratedStatement> = graph::statements(&hand.dataset)?
        .into_iter()
        .filter(|s| {
            s.speaker.as_deref() != Some(creator.as_str())
                && !s.attribution.iter().any(|a| a == "AuthorAnalysis")
        })
        .collect();
    statements(&mut run, hand, &curated, draft);
    let activity = Activity {
        local: "scorecard".into(),
        time: "2000-01-01T00:00:00Z".into(),
    };
    let written =
        draft::record(draft, &activity) + &draft::proposals(draft, &activity, &HashSet::new()).0;
    let hand_text = std::fs::read_to_string(trig).map_err(|e| Error::io(trig, e))?;
    let author = &draft.actors.list[draft.author].iri;
    run.lines_verbatim = shared_lines(&hand_text, &written, None);
    run.lines = shared_lines(&hand_text, &written, Some((author, &creator)));
    Ok(run)
}

fn segmentation(run: &mut Run, mentions: &[Span], draft: &Draft) {
    let content: Vec<&Span> = mentions.iter().filter(|m| m.class == "Mention").collect();
    // The sentence grain: content mentions not inside another (quotes inside sentences are not).
    let sentences: HashSet<(usize, usize)> = content
        .iter()
        .filter(|m| {
            !content.iter().any(|o| {
                o.start <= m.start && m.end <= o.end && (o.start, o.end) != (m.start, m.end)
            })
        })
        .map(|m| (m.start, m.end))
        .collect();
    let excluded: HashSet<(usize, usize, &str)> = mentions
        .iter()
        .filter(|m| m.class == "Heading" || m.class == "PageFurniture")
        .map(|m| {
            (
                m.start,
                m.end,
                if m.class == "Heading" {
                    "heading"
                } else {
                    "furniture"
                },
            )
        })
        .collect();
    for s in &draft.sentences {
        let seg = &s.segment;
        if seg.kind == Kind::Content {
            run.content.proposed += 1;
            run.content.matched += usize::from(sentences.contains(&(seg.start, seg.end)));
        } else {
            run.excluded.proposed += 1;
            run.excluded.matched +=
                usize::from(excluded.contains(&(seg.start, seg.end, seg.kind.name())));
        }
    }
    run.content.expected = sentences.len();
    run.excluded.expected = excluded.len();
}

/// Whether a proposed speaker is the curated one: the same IRI, or a name in common.
fn same_actor(proposed: &Actor, curated: Option<&str>, hand: &Hand) -> bool {
    let Some(iri) = curated else { return false };
    if proposed.iri == iri {
        return true;
    }
    let Some(h) = hand.actors.get(iri) else {
        return false;
    };
    let names = |a: &Actor| -> HashSet<String> {
        std::iter::once(&a.label)
            .chain(&a.aliases)
            .map(|n| normalise(n))
            .collect()
    };
    !names(proposed).is_disjoint(&names(h))
}

/// A proposed attributed statement, its sentence, and the spans of its passage.
type Proposal<'a> = (
    &'a super::Sentence,
    &'a super::propose::Statement,
    Vec<(usize, usize)>,
);

/// A row of the scorecard: its label and how a run fills it.
type Measure<'a> = (&'static str, Box<dyn Fn(&Run) -> String + 'a>);

/// Each proposed attributed statement with the spans of its passage (a sentence and those that
/// continue it).
fn proposals(draft: &Draft) -> Vec<Proposal<'_>> {
    draft
        .sentences
        .iter()
        .flat_map(|s| {
            let spans: Vec<(usize, usize)> = draft
                .sentences
                .iter()
                .filter(|p| p.number == s.number || p.continues == Some(s.number))
                .map(|p| (p.segment.start, p.segment.end))
                .collect();
            s.statements
                .iter()
                .filter(|st| !st.author)
                .map(move |st| (s, st, spans.clone()))
        })
        .collect()
}

/// Pairs proposals with curated statements grounded in the same passage, one to one: first the
/// pairs that agree on the speaker, then the rest. Returns each proposal's curated statement,
/// and which curated statements were paired.
fn pair(
    proposals: &[Proposal<'_>],
    curated: &[CuratedStatement],
    hand: &Hand,
    draft: &Draft,
) -> (Vec<Option<usize>>, Vec<bool>) {
    let overlaps = |c: &CuratedStatement, spans: &[(usize, usize)]| {
        c.spans
            .iter()
            .any(|&(x, y)| spans.iter().any(|&(a, b)| x < b && a < y))
    };
    let mut taken = vec![false; curated.len()];
    let mut pairs: Vec<Option<usize>> = vec![None; proposals.len()];
    for same_speaker in [true, false] {
        for (k, (_, st, spans)) in proposals.iter().enumerate() {
            if pairs[k].is_some() {
                continue;
            }
            let speaker = st.speaker.map(|i| &draft.actors.list[i]);
            let found = (0..curated.len()).find(|&i| {
                !taken[i]
                    && overlaps(&curated[i], spans)
                    && (!same_speaker
                        || speaker
                            .is_some_and(|p| same_actor(p, curated[i].speaker.as_deref(), hand)))
            });
            if let Some(i) = found {
                taken[i] = true;
                pairs[k] = Some(i);
            }
        }
    }
    (pairs, taken)
}

fn statements(run: &mut Run, hand: &Hand, curated: &[CuratedStatement], draft: &Draft) {
    let proposals = proposals(draft);
    let (pairs, taken) = pair(&proposals, curated, hand, draft);
    for (k, (s, st, _)) in proposals.iter().enumerate() {
        run.statements.proposed += 1;
        let speaker = st.speaker.map(|i| &draft.actors.list[i]);
        let same = |i: &usize| {
            speaker.is_some_and(|p| same_actor(p, curated[*i].speaker.as_deref(), hand))
        };
        let Some(i) = pairs[k] else {
            run.spurious.push(format!(
                "{}: {}",
                short(&s.segment.text),
                st.cues.join("; ")
            ));
            continue;
        };
        {
            run.statements.matched += 1;
            let c = &curated[i];
            let right_speaker = same(&i);
            run.speaker.0 += usize::from(right_speaker);
            let mut modes: Vec<String> = st.attribution.iter().map(|m| m.to_string()).collect();
            modes.sort();
            run.attribution.0 += usize::from(modes == c.attribution);
            let d = &st.dating;
            let show = |x: Option<super::dates::Date>| x.map(|x| x.to_string());
            let dates = (show(d.date), show(d.earliest), show(d.latest));
            let curated_dates = (c.date.clone(), c.earliest.clone(), c.latest.clone());
            run.date.0 += usize::from(dates == curated_dates);
            let name = crate::vocab::shorten(&c.iri).unwrap_or_default();
            if !right_speaker {
                let who = speaker.map_or("-", |p| p.label.as_str());
                run.differences.push(format!(
                    "{name}: speaker {who:?}, curated {}",
                    c.speaker
                        .as_deref()
                        .and_then(crate::vocab::shorten)
                        .unwrap_or_default()
                ));
            }
            if modes != c.attribution {
                run.differences.push(format!(
                    "{name}: attribution {modes:?}, curated {:?}",
                    c.attribution
                ));
            }
            if dates != curated_dates {
                run.differences.push(format!(
                    "{name}: dates {dates:?}, curated {curated_dates:?}"
                ));
            }
        }
    }
    run.statements.expected = curated.len();
    run.speaker.1 = run.statements.matched;
    run.attribution.1 = run.statements.matched;
    run.date.1 = run.statements.matched;
    for (i, c) in curated.iter().enumerate().filter(|(i, _)| !taken[*i]) {
        let _ = i;
        let who = c
            .speaker
            .as_deref()
            .and_then(crate::vocab::shorten)
            .unwrap_or_default();
        run.missed.push(format!(
            "{} ({who})",
            crate::vocab::shorten(&c.iri).unwrap_or_else(|| c.iri.clone())
        ));
    }
}

fn short(text: &str) -> String {
    super::propose::clip(text, 60)
}

/// How many of the hand's lines (not blank, not comments) the draft holds, as a multiset; with
/// `names`, up to minted names, the draft's author (first) counting as the hand's (second).
fn shared_lines(hand: &str, draft: &str, names: Option<(&str, &str)>) -> (usize, usize) {
    let norm = |line: &str| normalise_line(line, names);
    let mut have: HashMap<String, usize> = HashMap::new();
    for line in draft.lines().filter_map(norm) {
        *have.entry(line).or_default() += 1;
    }
    let (mut found, mut total) = (0, 0);
    for line in hand.lines().filter_map(norm) {
        total += 1;
        if let Some(n) = have.get_mut(&line).filter(|n| **n > 0) {
            *n -= 1;
            found += 1;
        }
    }
    (found, total)
}

const MINTED: &[&str] = &["mention:", "graph:", "stmt:", "claim:"];

fn normalise_line(line: &str, names: Option<(&str, &str)>) -> Option<String> {
    let mut line = line.trim().to_owned();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    // A comment after the last string: "cg:actType cg:Denial ; # CAMEO 016".
    let after_strings = line.rfind('"').map_or(0, |i| i + 1);
    if let Some(at) = line[after_strings..].find(" # ") {
        line.truncate(after_strings + at);
    }
    let Some((author, creator)) = names else {
        return Some(line);
    };
    let short = |iri: &str| crate::vocab::shorten(iri).unwrap_or_default();
    let line = line.replace(&short(author), &short(creator));
    let words: Vec<String> = line
        .split(' ')
        .map(|w| match MINTED.iter().find(|p| w.starts_with(*p)) {
            Some(p) => format!(
                "{p}_{}",
                if w.ends_with([',', ';', '.']) {
                    &w[w.len() - 1..]
                } else {
                    ""
                }
            ),
            None => w.to_owned(),
        })
        .collect();
    Some(words.join(" "))
}

/// The scorecard as text: one column per run.
pub fn write(out: &mut impl Write, runs: &[Run]) -> std::io::Result<()> {
    let pct = |x: f64| format!("{:.1}%", 100.0 * x);
    let of = |(a, b): (usize, usize)| format!("{} ({a}/{b})", pct(ratio(a, b)));
    let counts = |c: Counts| {
        format!(
            "P {:.2} R {:.2} ({}/{}/{})",
            c.precision(),
            c.recall(),
            c.matched,
            c.proposed,
            c.expected
        )
    };
    let rows: Vec<Measure<'_>> = vec![
        (
            "content sentences (exact spans)",
            Box::new(move |r: &Run| counts(r.content)),
        ),
        (
            "headings and furniture",
            Box::new(move |r: &Run| counts(r.excluded)),
        ),
        (
            "attributed statements",
            Box::new(move |r: &Run| counts(r.statements)),
        ),
        (
            "speaker right on hits",
            Box::new(move |r: &Run| of(r.speaker)),
        ),
        (
            "attribution mode right on hits",
            Box::new(move |r: &Run| of(r.attribution)),
        ),
        ("date right on hits", Box::new(move |r: &Run| of(r.date))),
        (
            "hand lines in the draft, verbatim",
            Box::new(move |r: &Run| of(r.lines_verbatim)),
        ),
        (
            "hand lines in the draft, up to minted names",
            Box::new(move |r: &Run| of(r.lines)),
        ),
    ];
    // Columns padded to line up, with no spaces left at the end of a line.
    let line = |first: &str, cells: Vec<String>| {
        let mut l = format!("{first:<45}");
        for c in cells {
            l.push_str(&format!(" | {c:<34}"));
        }
        l.trim_end().to_owned()
    };
    let names = runs.iter().map(|r| r.name.to_owned()).collect();
    writeln!(out, "{}", line("measure", names))?;
    for (label, f) in &rows {
        writeln!(out, "{}", line(label, runs.iter().map(f).collect()))?;
    }
    for r in runs {
        misses(out, r)?;
    }
    Ok(())
}

/// What one run missed, found in excess, and got wrong on its hits.
fn misses(out: &mut impl Write, r: &Run) -> std::io::Result<()> {
    let (name, missed, spurious, differ) = (r.name, &r.missed, &r.spurious, &r.differences);
    writeln!(
        out,
        "\n{name}: curated statements not proposed ({}):",
        missed.len()
    )?;
    for m in missed {
        writeln!(out, "  {m}")?;
    }
    writeln!(
        out,
        "{name}: proposals with no curated statement ({}):",
        spurious.len()
    )?;
    for s in spurious {
        writeln!(out, "  {s}")?;
    }
    writeln!(
        out,
        "{name}: hits that differ from the curated statement ({}):",
        differ.len()
    )?;
    for d in differ {
        writeln!(out, "  {d}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_compared_without_comments_and_up_to_minted_names() {
        let hand = "# a comment\n\nstmt:tarar-failed a cg:Statement ;\n    cg:speaker actor:author ;\n    cg:date \"2025-10-29\"^^xsd:date ;\n";
        let draft = "stmt:doc-s003-x a cg:Statement ;\n  cg:speaker actor:doc-author ;\n cg:date \"2025-10-29\"^^xsd:date ; # words\n";
        assert_eq!(
            shared_lines(hand, draft, None),
            (1, 3),
            "only the date line is verbatim"
        );
        let author = "https://claimgraph.org/id/actor/doc-author";
        let creator = "https://claimgraph.org/id/actor/author";
        assert_eq!(shared_lines(hand, draft, Some((author, creator))), (3, 3));
        assert_eq!(
            shared_lines("a ;\na ;\n", "a ;\n", None),
            (1, 2),
            "a multiset: once each"
        );
    }

    #[test]
    fn shares_are_ratios_with_nothing_to_find_counting_as_all_found() {
        let c = Counts {
            matched: 3,
            proposed: 4,
            expected: 6,
        };
        assert_eq!((c.precision(), c.recall()), (0.75, 0.5));
        assert_eq!(ratio(0, 0), 1.0);
    }
}
