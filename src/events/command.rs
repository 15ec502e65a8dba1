//! What `events`, `plot`, `completions` and `man` do: read the records, apply the filters, and
//! hand the data to a renderer that writes to standard output or, atomically, to a file. The
//! shell's `.events` calls [`write_events`].

use super::args::{
    EventsArgs, FilterArgs, NetworkArgs, NetworkFormat, Picture, PlotArgs, TimelineArgs,
};
use super::network::Network;
use super::read::Facts;
use super::timeline::Timeline;
use super::{Filter, Record, as_iri};
use crate::error::{Error, Exit, Result};
use crate::store::{DataOptions, Dataset};
use std::io::Write;
use std::path::Path;

/// `claimgraph events`.
pub fn events(data: &DataOptions, args: &EventsArgs) -> Result<Exit> {
    let dataset = Dataset::open(data)?;
    emit(args.output.as_deref(), |out| {
        write_events(&dataset, args, out)
    })?;
    Ok(Exit::Success)
}

/// Writes the records `args` select in its format.
pub fn write_events(dataset: &Dataset, args: &EventsArgs, out: &mut dyn Write) -> Result<()> {
    let records = selected(dataset, &args.filter)?;
    crate::render::events::write(&mut std::io::BufWriter::new(out), &records, args.format)
        .map_err(|e| Error::io("<output>", e))
}

/// `claimgraph plot timeline|network`.
pub fn plot(data: &DataOptions, args: &PlotArgs) -> Result<Exit> {
    let dataset = Dataset::open(data)?;
    match &args.picture {
        Picture::Timeline(t) => timeline(&dataset, t),
        Picture::Network(n) => network(&dataset, n),
    }?;
    Ok(Exit::Success)
}

fn timeline(dataset: &Dataset, args: &TimelineArgs) -> Result<()> {
    let timeline = build_timeline(dataset, args)?;
    emit(args.output.as_deref(), |out| {
        crate::render::plot::timeline(out, &timeline)
    })
}

/// Writes the timeline `args` ask for as SVG; `serve` answers `/api/timeline.svg` with it.
pub fn write_timeline(dataset: &Dataset, args: &TimelineArgs, out: &mut dyn Write) -> Result<()> {
    let timeline = build_timeline(dataset, args)?;
    crate::render::plot::timeline(out, &timeline)
}

/// The escalation timeline between the two parties of `args`.
fn build_timeline(dataset: &Dataset, args: &TimelineArgs) -> Result<Timeline> {
    let (records, facts) = super::records(dataset)?;
    let filter = filter(&args.filter, &facts)?;
    let kept: Vec<Record> = records.into_iter().filter(|r| filter.keeps(r)).collect();
    let party = |name: &str| -> Result<(String, String)> {
        let actor = facts.resolve_actor(name)?;
        let iri = if args.actors {
            actor
        } else {
            facts.side_of(&actor)
        };
        let label = facts
            .labels
            .get(&iri)
            .cloned()
            .unwrap_or_else(|| super::id(&iri));
        Ok((iri, label))
    };
    let (a, b) = (party(&args.between[0])?, party(&args.between[1])?);
    if a.0 == b.0 {
        return Err(Error::Usage(format!(
            "--between {} {}: both stand for {}; name two sides, or add --actors",
            args.between[0], args.between[1], a.1
        )));
    }
    Ok(Timeline::build(
        &kept,
        [(&a.0, &a.1), (&b.0, &b.1)],
        !args.actors,
        args.by,
    ))
}

fn network(dataset: &Dataset, args: &NetworkArgs) -> Result<()> {
    let records = selected(dataset, &args.filter)?;
    let network = Network::build(&records, args.sides, &args.relation);
    emit(args.output.as_deref(), |out| match args.format {
        NetworkFormat::Svg => crate::render::plot::network(out, &network),
        NetworkFormat::Graphml => {
            crate::render::graphml::write(out, &network).map_err(|e| Error::io("<output>", e))
        }
    })
}

/// The records of the dataset that `args` keep.
fn selected(dataset: &Dataset, args: &FilterArgs) -> Result<Vec<Record>> {
    let (records, facts) = super::records(dataset)?;
    let filter = filter(args, &facts)?;
    Ok(records.into_iter().filter(|r| filter.keeps(r)).collect())
}

/// The filter the options describe, with names resolved to IRIs and values checked.
pub fn filter(args: &FilterArgs, facts: &Facts) -> Result<Filter> {
    let day = |flag: &str, value: &Option<String>| -> Result<Option<String>> {
        match value {
            Some(v) if !is_day(v) => Err(Error::Usage(format!(
                "--{flag} {v}: not a date; write YYYY-MM-DD, as 2025-10-19"
            ))),
            other => Ok(other.clone()),
        }
    };
    let actors = args
        .actor
        .iter()
        .map(|a| facts.resolve_actor(a))
        .collect::<Result<Vec<_>>>()?;
    let sides = args
        .side
        .iter()
        .map(|a| facts.resolve_actor(a).map(|a| facts.side_of(&a)))
        .collect::<Result<Vec<_>>>()?;
    if let Some(bad) = args
        .code
        .iter()
        .find(|c| c.is_empty() || !c.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Error::Usage(format!(
            "--code {bad}: a CAMEO code prefix is digits, as 11 or 0871"
        )));
    }
    let documents = args
        .document
        .iter()
        .map(|d| {
            as_iri(d).ok_or_else(|| {
                Error::Usage(format!(
                    "--document {d}: not an IRI or a prefixed name (source:...)"
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Filter {
        from: day("from", &args.from)?,
        to: day("to", &args.to)?,
        actors,
        sides,
        codes: args.code.clone(),
        documents,
    })
}

/// YYYY-MM-DD with a month and day in range.
fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
        return false;
    }
    if !digits(8..10) {
        return false;
    }
    let (m, d): (u32, u32) = (s[5..7].parse().unwrap_or(0), s[8..10].parse().unwrap_or(0));
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// Writes with `write` to `path` atomically, or to standard output.
fn emit(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    match path {
        Some(path) => crate::export::write_atomically(path, write),
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut out)?;
            out.flush().map_err(|e| Error::io("<stdout>", e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_checked() {
        assert!(is_day("2025-10-29"));
        for bad in [
            "2025-13-01",
            "2025-1-01",
            "20251029",
            "2025-10-32",
            "abcd-ef-gh",
        ] {
            assert!(!is_day(bad), "{bad}");
        }
    }
}
