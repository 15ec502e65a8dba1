//! The escalation timeline between two parties: the acts of each toward the other, in time
//! order, each with a number, a date, a value (Goldstein intensity or quad class) and the words
//! the key shows. Built from event records; `render::plot` draws it.

use super::Record;
use std::collections::BTreeSet;

/// What the vertical axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    /// Goldstein intensity, -10 (most conflictual) to +10 (most cooperative).
    Goldstein,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    Quad,
}

/// One act on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Its number in time order, as the picture and its key show it.
    pub number: usize,
    /// The day it is placed at (YYYY-MM-DD).
    pub date: String,
    /// Whether the text gives the day (a hollow mark otherwise: only date bounds are known).
    pub exact: bool,
    /// 0: from the first party to the second; 1: back.
    pub direction: usize,
    pub value: f64,
    /// The key's line: who, what (code), to whom, and the act's id.
    pub text: String,
}

/// The timeline of the acts between two parties.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// The two parties' names, as the title and key show them.
    pub parties: [String; 2],
    pub measure: Option<Measure>,
    pub points: Vec<Point>,
    /// Acts between the two that have no date, or no value for the measure: left out, counted.
    pub left_out: usize,
}

impl Timeline {
    /// The acts whose source is one party and whose target is the other. `parties` are full
    /// IRIs; with `sides`, a record's actors count for their sides. One point per act and
    /// direction (the record with the strongest value when an act has several types).
    pub fn build(
        records: &[Record],
        parties: [(&str, &str); 2],
        sides: bool,
        measure: Measure,
    ) -> Timeline {
        let of = |p: &super::Party| {
            let id = if sides { &p.side } else { &p.actor };
            super::expand(id)
        };
        let mut points: Vec<Point> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut left_out = BTreeSet::new();
        let mut chosen: Vec<&Record> = records
            .iter()
            .filter(|r| direction(r, &parties, &of).is_some())
            .collect();
        // Strongest first, so that an act with several types keeps its strongest value.
        chosen.sort_by(|a, b| {
            value(a, measure)
                .map(f64::abs)
                .partial_cmp(&value(b, measure).map(f64::abs))
                .unwrap_or(std::cmp::Ordering::Equal)
                .reverse()
        });
        for r in chosen {
            let d = direction(r, &parties, &of).expect("filtered");
            let key = (r.act_id.clone(), r.statement_id.clone(), d);
            let (Some(v), false) = (value(r, measure), r.when().is_empty()) else {
                left_out.insert(key);
                continue;
            };
            if !seen.insert(key.clone()) {
                continue;
            }
            left_out.remove(&key);
            points.push(Point {
                number: 0,
                date: r.when().to_owned(),
                exact: r.date_precision == "day",
                direction: d,
                value: v,
                text: describe(r),
            });
        }
        points
            .sort_by(|a, b| (&a.date, a.direction, &a.text).cmp(&(&b.date, b.direction, &b.text)));
        for (i, p) in points.iter_mut().enumerate() {
            p.number = i + 1;
        }
        Timeline {
            parties: [parties[0].1.to_owned(), parties[1].1.to_owned()],
            measure: Some(measure),
            points,
            left_out: left_out.len(),
        }
    }
}

/// 0 when the record goes from the first party to the second, 1 when back, `None` otherwise.
fn direction(
    r: &Record,
    parties: &[(&str, &str); 2],
    of: &impl Fn(&super::Party) -> String,
) -> Option<usize> {
    let (s, t) = (of(&r.source), of(&r.target));
    if r.source.actor.is_empty() || r.target.actor.is_empty() {
        return None;
    }
    match (s.as_str(), t.as_str()) {
        (s, t) if s == parties[0].0 && t == parties[1].0 => Some(0),
        (s, t) if s == parties[1].0 && t == parties[0].0 => Some(1),
        _ => None,
    }
}

fn value(r: &Record, measure: Measure) -> Option<f64> {
    match measure {
        Measure::Goldstein => r.coding.goldstein,
        Measure::Quad => r.coding.quad_class.map(|q| q as f64),
    }
}

/// `2025-10-29 Attaullah Tarar → Afghan Taliban government: accusation (112) claim:...`
fn describe(r: &Record) -> String {
    let date = match r.date_precision {
        "day" => r.when().to_owned(),
        "before" => format!("by {}", r.date_latest),
        "after" => format!("from {}", r.date_earliest),
        _ if r.date_earliest == r.date_latest => r.date_earliest.clone(),
        _ => format!("{}…{}", r.date_earliest, r.date_latest),
    };
    format!(
        "{date} {} → {}: {} ({}) {}",
        r.source.name, r.target.name, r.coding.act_type_label, r.coding.cameo_code, r.act_id
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Party;

    fn record(act: &str, when: &str, from: &str, to: &str, goldstein: f64) -> Record {
        let party = |a: &str| Party {
            actor: a.into(),
            name: a.into(),
            side: a.into(),
            side_name: a.into(),
            country: String::new(),
        };
        let mut r = Record {
            act_id: act.into(),
            event_date: when.into(),
            date_precision: "day",
            source: party(from),
            target: party(to),
            ..Record::default()
        };
        r.coding.goldstein = Some(goldstein);
        r
    }

    #[test]
    fn keeps_the_acts_between_the_two_in_time_order_once_each() {
        let a = "http://x.org/a";
        let b = "http://x.org/b";
        let records = vec![
            record("claim:late", "2025-10-29", a, b, -2.0),
            record("claim:early", "2025-10-19", b, a, -7.0),
            record("claim:early", "2025-10-19", b, a, -4.4),
            record("claim:other", "2025-10-20", a, "http://x.org/c", -2.0),
            record("claim:undated", "", a, b, -2.0),
        ];
        let t = Timeline::build(&records, [(a, "A"), (b, "B")], false, Measure::Goldstein);
        let got: Vec<(usize, &str, usize, f64)> = t
            .points
            .iter()
            .map(|p| (p.number, p.date.as_str(), p.direction, p.value))
            .collect();
        assert_eq!(
            got,
            [(1, "2025-10-19", 1, -7.0), (2, "2025-10-29", 0, -2.0)]
        );
        assert_eq!(t.left_out, 1);
    }
}
