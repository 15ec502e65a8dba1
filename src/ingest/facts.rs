//! The events and figures of one proposal block, written as the corpus writes them: an event
//! introduced (typed, labelled, placed) in the first passage that names it, a place introduced
//! beside it unless the graph has it, and each figure linked from the event or claim of its
//! passage. Their cues go to the review view with the statements' cues.

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
        Facts {
            events,
            figures,
            statuses,
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
        let figures = self.figures.iter().map(|(_, _, f)| {
            format!(
                "number \"{}\" → {} {}, {} ({FIGURE_CONFIDENCE:.2})",
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
        let published = draft.meta.published.to_string();
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
            match introduce_event(event, agent, &own, &published, introduced) {
                Some(block) => out.push_str(&block),
                None => {
                    for st in own {
                        let _ = writeln!(
                            out,
                            "    {} cg:hasStatus {} .\n",
                            name("event", &event.local),
                            status_node(st, &published)
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
            out.push_str(&figure_block(&figure, f, &draft.meta.published.to_string()));
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
    published: &str,
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
    // Narrated, so begun by publication (the latest bound statements get by default); over by
    // then unless a status says it still holds.
    let ongoing = statuses.iter().any(|st| st.present);
    let bound = if ongoing {
        "latestStartDate"
    } else {
        "latestDate"
    };
    let _ = writeln!(out, "        cg:{bound} \"{published}\"^^xsd:date ;");
    for st in statuses {
        let _ = writeln!(out, "        cg:hasStatus {} ;", status_node(st, published));
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

fn figure_block(figure: &str, f: &Figure, published: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "    {figure} a cg:Figure ;");
    let _ = writeln!(out, "        rdfs:label {} ;", literal(&f.surface));
    let _ = writeln!(out, "        cg:value {} ;", f.value);
    let _ = writeln!(out, "        cg:unit {} ;", literal(&f.unit));
    let _ = writeln!(out, "        cg:qualifier cg:{} ;", f.qualifier);
    let _ = writeln!(out, "        cg:measures {} ;", literal(&f.measures));
    let _ = writeln!(out, "        cg:surfaceForm {} ;", literal(&f.surface));
    if f.present {
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

    #[test]
    fn an_event_has_its_agent_and_publication_as_its_latest_bound() {
        let mut seen = HashSet::new();
        let agent = Some("actor:ruritania".to_owned());
        let block = introduce_event(&event(), agent, &[], "2025-10-29", &mut seen).unwrap();
        assert!(
            block.contains("        cg:agent actor:ruritania ;\n"),
            "{block}"
        );
        assert!(
            block.contains("        cg:latestDate \"2025-10-29\"^^xsd:date .\n"),
            "{block}"
        );
        // Introduced once.
        assert!(introduce_event(&event(), None, &[], "2025-10-29", &mut seen).is_none());
    }

    #[test]
    fn an_event_still_going_at_publication_began_by_then() {
        let holding = Status {
            status: "Closed",
            note: "remain shut".into(),
            present: true,
            at: 0,
            forward: false,
            reach: 0,
        };
        let block = introduce_event(
            &event(),
            None,
            &[&holding],
            "2025-10-29",
            &mut HashSet::new(),
        )
        .unwrap();
        assert!(
            block.contains("cg:latestStartDate \"2025-10-29\"^^xsd:date ;"),
            "{block}"
        );
        assert!(!block.contains("cg:latestDate"), "{block}");
    }
}
