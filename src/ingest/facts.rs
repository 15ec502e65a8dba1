//! The events and figures of one proposal block, written as the corpus writes them: an event
//! introduced (typed, labelled, placed) in the first passage that names it, a place introduced
//! beside it unless the graph has it, and each figure linked from the event or claim of its
//! passage. Their cues go to the review view with the statements' cues.

use super::dates::{Date, Period};
use super::draft::{literal, name, trim_last_separator};
use super::figures::Figure;
use super::status::Status;
use super::{Draft, Sentence};
use std::collections::HashSet;
use std::fmt::Write as _;

/// How sure the rules are: an event noun with its name, a number with its unit. Lower than a
/// reporting verb's cue, since what the event or figure belongs to is left to the curator.
const EVENT_CONFIDENCE: f64 = 0.6;
const FIGURE_CONFIDENCE: f64 = 0.7;
const STATUS_CONFIDENCE: f64 = 0.5;

/// What a passage (a sentence and those that continue it) names besides its statements.
pub struct Facts<'a> {
    /// Indices in `Draft::events`, each once, in the order named.
    pub events: Vec<usize>,
    /// Each figure with the number of the sentence that reports it.
    pub figures: Vec<(usize, usize, &'a Figure)>,
    /// Status reports: the event (index in `Draft::events`) and its status.
    pub statuses: Vec<&'a (usize, Status)>,
    /// When what the passage narrates began ("since late 2023"): the start of its one event.
    pub began: Option<&'a Period>,
}

impl<'a> Facts<'a> {
    pub fn of(parts: &[&'a Sentence]) -> Facts<'a> {
        let mut events = Vec::new();
        for e in parts.iter().flat_map(|p| &p.events) {
            if !events.contains(e) {
                events.push(*e);
            }
        }
        let figures = parts
            .iter()
            .flat_map(|p| {
                p.figures
                    .iter()
                    .enumerate()
                    .map(move |(k, f)| (p.number, k + 1, f))
            })
            .collect();
        let statuses = parts.iter().flat_map(|p| &p.statuses).collect();
        let began = parts.iter().find_map(|p| p.began.as_ref());
        Facts {
            events,
            figures,
            statuses,
            began,
        }
    }

    /// The review's lines: the words, what they were read as, how sure.
    pub fn cues(&self, draft: &Draft) -> Vec<String> {
        let events = self.events.iter().map(|e| {
            let e = &draft.events[*e];
            format!(
                "event noun \"{}\" → {}, {} ({EVENT_CONFIDENCE:.2})",
                e.label,
                name("event", &e.local),
                e.kind
            )
        });
        let published = draft.meta.published;
        let figures = self.figures.iter().map(move |(_, _, f)| {
            let held = f.held.as_ref().map_or_else(String::new, |p| {
                format!(
                    ", as of {} to {} (\"{}\")",
                    p.from,
                    p.to.min(published),
                    p.words
                )
            });
            format!(
                "number \"{}\" → {} {}, {}{held} ({FIGURE_CONFIDENCE:.2})",
                f.surface, f.value, f.unit, f.qualifier
            )
        });
        let statuses = self.statuses.iter().map(|(e, st)| {
            format!(
                "status words \"{}\" → {}, {} ({STATUS_CONFIDENCE:.2})",
                st.note,
                name("event", &draft.events[*e].local),
                st.status
            )
        });
        events.chain(figures).chain(statuses).collect()
    }

    /// The triples: events and places not introduced before, then the figures, each linked
    /// from the passage's first event, else from `owner` (the passage's first claim).
    pub fn write(
        &self,
        draft: &Draft,
        owner: Option<String>,
        introduced: &mut HashSet<String>,
    ) -> String {
        let mut out = String::new();
        let published = draft.meta.published;
        for e in &self.events {
            let own: Vec<&Status> = self
                .statuses
                .iter()
                .filter(|(x, _)| x == e)
                .map(|(_, st)| st)
                .collect();
            let event = &draft.events[*e];
            let agent = event
                .agent
                .map(|a| super::draft::actor_name(&draft.actors.list[a]));
            // A start the passage gives is its event's only when it names one.
            let began = self.began.filter(|_| self.events.len() == 1);
            match introduce_event(event, agent, &own, began, published, introduced) {
                Some(block) => out.push_str(&block),
                None => {
                    for st in own {
                        let _ = writeln!(
                            out,
                            "    {} cg:hasStatus {} .\n",
                            name("event", &event.local),
                            status_node(st, &published.to_string())
                        );
                    }
                }
            }
        }
        let owner = self
            .events
            .first()
            .map(|e| name("event", &draft.events[*e].local))
            .or(owner);
        let Some(owner) = owner else {
            return out;
        };
        for (number, k, f) in &self.figures {
            let figure = name("figure", &format!("{}-s{number:03}-{k}", draft.meta.id));
            let _ = writeln!(out, "    {owner} cg:hasFigure {figure} .\n");
            out.push_str(&figure_block(&figure, f, draft.meta.published));
        }
        out
    }
}

/// A status report as a blank node: `[ a cg:StatusReport ; ... ]`.
fn status_node(st: &Status, published: &str) -> String {
    let when = if st.present { "asOf" } else { "asOfLatest" };
    format!(
        "[ a cg:StatusReport ;\n            cg:status cg:{} ;\n            cg:statusNote {} ;\n            cg:{when} \"{published}\"^^xsd:date ]",
        st.status,
        literal(&st.note)
    )
}

/// An event's introduction with its statuses, or `None` when the graph or an earlier passage
/// has it.
fn introduce_event(
    e: &super::events::Event,
    agent: Option<String>,
    statuses: &[&Status],
    began: Option<&Period>,
    published: Date,
    introduced: &mut HashSet<String>,
) -> Option<String> {
    let mut out = String::new();
    let event = name("event", &e.local);
    if e.existing || !introduced.insert(event.clone()) {
        return None;
    }
    let _ = writeln!(out, "    {event} a cg:Event ;");
    let _ = writeln!(out, "        rdfs:label {} ;", literal(&e.label));
    let _ = writeln!(out, "        cg:eventType cg:{} ;", e.kind);
    if let Some(agent) = agent {
        let _ = writeln!(out, "        cg:agent {agent} ;");
    }
    if let Some((place, _)) = &e.place {
        let _ = writeln!(out, "        sem:hasPlace {} ;", name("place", place));
    }
    out.push_str(&event_bounds(statuses, began, published));
    for st in statuses {
        let _ = writeln!(
            out,
            "        cg:hasStatus {} ;",
            status_node(st, &published.to_string())
        );
    }
    trim_last_separator(&mut out);
    if let Some((place, label)) = &e.place {
        let place = name("place", place);
        if !e.place_existing && introduced.insert(place.clone()) {
            let _ = writeln!(
                out,
                "    {place} a cg:Place ;\n        rdfs:label {} .\n",
                literal(label)
            );
        }
    }
    Some(out)
}

/// When a narrated event happened. Begun by publication (the latest bound statements get by
/// default), and over by then unless a status says it still holds. One that still holds began
/// within the period the passage says it has gone on since ("has been conducting a drive since
/// late 2023"), its words kept; without a status saying it still holds, "since" measures
/// something else ("the worst fighting since mid-2024").
fn event_bounds(statuses: &[&Status], began: Option<&Period>, published: Date) -> String {
    let date = |d: Date| format!("\"{d}\"^^xsd:date");
    let ongoing = statuses.iter().any(|st| st.present);
    if let Some(p) = began.filter(|_| ongoing) {
        return format!(
            "        cg:earliestDate {} ;\n        cg:latestStartDate {} ;\n        cg:timeNote {} ;\n",
            date(p.from),
            date(p.to.min(published)),
            literal(&p.words)
        );
    }
    let bound = if ongoing {
        "latestStartDate"
    } else {
        "latestDate"
    };
    format!("        cg:{bound} {} ;\n", date(published))
}

fn figure_block(figure: &str, f: &Figure, published: Date) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "    {figure} a cg:Figure ;");
    let _ = writeln!(out, "        rdfs:label {} ;", literal(&f.surface));
    let _ = writeln!(out, "        cg:value {} ;", f.value);
    let _ = writeln!(out, "        cg:unit {} ;", literal(&f.unit));
    let _ = writeln!(out, "        cg:qualifier cg:{} ;", f.qualifier);
    let _ = writeln!(out, "        cg:measures {} ;", literal(&f.measures));
    let _ = writeln!(out, "        cg:surfaceForm {} ;", literal(&f.surface));
    // The time of the content: the period its words name, else the publication date when
    // it is told in the present.
    if let Some(p) = &f.held {
        let _ = writeln!(out, "        cg:asOfEarliest \"{}\"^^xsd:date ;", p.from);
        let _ = writeln!(
            out,
            "        cg:asOfLatest \"{}\"^^xsd:date ;",
            p.to.min(published)
        );
    } else if f.present {
        let _ = writeln!(out, "        cg:asOf \"{published}\"^^xsd:date ;");
    }
    trim_last_separator(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::events::Event;

    fn event() -> Event {
        Event {
            local: "ruritanian-strikes".into(),
            label: "Ruritanian strikes".into(),
            kind: "MilitaryStrike",
            place: None,
            existing: false,
            place_existing: false,
            agent_demonym: None,
            agent: None,
        }
    }

    fn day() -> Date {
        Date::parse("2025-10-29").unwrap()
    }

    /// A status the text gives in the present tense.
    fn still(status: &'static str, note: &str) -> Status {
        Status {
            status,
            note: note.into(),
            present: true,
            at: 0,
            forward: false,
            reach: 0,
        }
    }

    /// The block introducing the test's event, published on [`day`], with no agent.
    fn introduced(statuses: &[&Status], began: Option<&Period>) -> String {
        introduce_event(&event(), None, statuses, began, day(), &mut HashSet::new()).unwrap()
    }

    #[test]
    fn an_event_has_its_agent_and_publication_as_its_latest_bound() {
        let mut seen = HashSet::new();
        let agent = Some("actor:ruritania".to_owned());
        let block = introduce_event(&event(), agent, &[], None, day(), &mut seen).unwrap();
        assert!(
            block.contains("        cg:agent actor:ruritania ;\n"),
            "{block}"
        );
        assert!(
            block.contains("        cg:latestDate \"2025-10-29\"^^xsd:date .\n"),
            "{block}"
        );
        // Introduced once.
        assert!(introduce_event(&event(), None, &[], None, day(), &mut seen).is_none());
    }

    #[test]
    fn an_event_still_going_at_publication_began_by_then() {
        let block = introduced(&[&still("Closed", "remain shut")], None);
        assert!(
            block.contains("cg:latestStartDate \"2025-10-29\"^^xsd:date ;"),
            "{block}"
        );
        assert!(!block.contains("cg:latestDate"), "{block}");
    }

    #[test]
    fn an_event_still_going_since_a_period_began_within_it() {
        let since =
            crate::ingest::dates::periods("has been conducting a drive since late 2023").remove(0);
        let going = still("Ongoing", "has been conducting");
        let block = introduced(&[&going], Some(&since));
        for line in [
            "        cg:earliestDate \"2023-09-01\"^^xsd:date ;\n",
            "        cg:latestStartDate \"2023-12-31\"^^xsd:date ;\n",
            "        cg:timeNote \"since late 2023\" ;\n",
        ] {
            assert!(block.contains(line), "{line} in {block}");
        }
        // "The worst strikes since mid-2024": no status says they still go on.
        let since = crate::ingest::dates::periods("the worst strikes since mid-2024").remove(0);
        let block = introduced(&[], Some(&since));
        assert!(
            block.contains("        cg:latestDate \"2025-10-29\"^^xsd:date .\n"),
            "{block}"
        );
        assert!(!block.contains("2024"), "{block}");
    }

    #[test]
    fn a_figure_holds_in_the_period_its_words_name_up_to_publication() {
        let mut lead = None;
        let sentence = "- Daily Trade Loss: losing around $1 million daily.";
        let lead_says = "Impacts as of late October 2025 include:";
        crate::ingest::figures::held_in(lead_says, &mut lead);
        assert!(lead.is_some());
        let mut f = crate::ingest::figures::figures(sentence).remove(0);
        f.held = crate::ingest::figures::held_in(sentence, &mut lead);
        let block = figure_block("figure:x", &f, day());
        assert!(
            block.contains(
                "        cg:asOfEarliest \"2025-10-21\"^^xsd:date ;\n        cg:asOfLatest \"2025-10-29\"^^xsd:date .\n"
            ),
            "{block}"
        );
        // A sentence that is not an item of the list ends it.
        crate::ingest::figures::held_in("Prices rose.", &mut lead);
        assert_eq!(crate::ingest::figures::held_in(sentence, &mut lead), None);
    }
}
