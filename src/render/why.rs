//! Provenance for people: each graph that states the facts, the facts, and every quote behind it
//! shown inside its sentence with the quoted words between ⟦ and ⟧.

use crate::chain::short;
use crate::render::table::cell;
use crate::why::{Ground, Target};
use oxigraph::model::Term;
use std::collections::HashMap;
use std::io::{self, Write};

/// Marks around the quoted words inside their sentence.
pub const OPEN: &str = "⟦";
pub const CLOSE: &str = "⟧";

pub fn write(
    out: &mut impl Write,
    target: &Target,
    grounds: &[Ground],
    labels: &HashMap<String, String>,
) -> io::Result<()> {
    let quotes: usize = grounds.iter().map(|g| g.quotes.len()).sum();
    writeln!(
        out,
        "{}: stated in {} graph{}, from {} quote{}",
        crate::why::describe(target),
        grounds.len(),
        if grounds.len() == 1 { "" } else { "s" },
        quotes,
        if quotes == 1 { "" } else { "s" },
    )?;
    let resource = matches!(target, Target::Resource(_));
    // In a link or a triple the user named the ends already; labels would only lengthen lines.
    let none = HashMap::new();
    let labels = if resource { labels } else { &none };
    for ground in grounds {
        writeln!(out)?;
        write!(out, "{}", short(&ground.graph))?;
        match &ground.claim {
            Some(claim) => writeln!(
                out,
                "  (the content of {}: claimed, not reported as fact)",
                short(claim)
            )?,
            None => writeln!(out)?,
        }
        for [s, p, o] in &ground.facts {
            let p = cell(p, &HashMap::new());
            let o = match o {
                Term::BlankNode(_) => match ground.blanks.get(&o.to_string()) {
                    Some(pairs) => described(pairs, labels),
                    None => "[]".to_owned(),
                },
                other => object(other, labels),
            };
            if resource {
                writeln!(out, "  {p} {o}")?;
            } else {
                writeln!(out, "  {} {p} {o}", cell(s, labels))?;
            }
        }
        for q in &ground.quotes {
            let at = q.span.map_or_else(
                || "(offsets unknown)".to_owned(),
                |(s, e)| format!("{s}–{e}"),
            );
            writeln!(
                out,
                "  quote {} at {} {at}",
                short(&q.mention),
                short(&q.source)
            )?;
            match &q.context {
                Some([before, quoted, after]) => {
                    writeln!(out, "    {before}{OPEN}{quoted}{CLOSE}{after}")?
                }
                None => writeln!(
                    out,
                    "    {OPEN}{}{CLOSE} (the source text is not at hand)",
                    q.exact
                )?,
            }
        }
    }
    Ok(())
}

fn object(o: &Term, labels: &HashMap<String, String>) -> String {
    match o {
        Term::Literal(l) => format!("\"{}\"", l.value()),
        other => cell(other, labels),
    }
}

/// A blank node shown as Turtle writes one inline: `[ p o ; p o ]`, its type first.
fn described(pairs: &[(Term, Term)], labels: &HashMap<String, String>) -> String {
    let none = HashMap::new();
    let parts: Vec<String> = pairs
        .iter()
        .map(|(p, o)| {
            let rdf_type = format!("{}type", crate::vocab::RDF);
            let p = if matches!(p, Term::NamedNode(n) if n.as_str() == rdf_type) {
                "a".to_owned()
            } else {
                cell(p, &none)
            };
            let o = match o {
                Term::BlankNode(_) => "[…]".to_owned(),
                other => object(other, labels),
            };
            format!("{p} {o}")
        })
        .collect();
    format!("[ {} ]", parts.join(" ; "))
}

/// The subjects and objects of the facts, whose labels the text shows.
pub fn terms(grounds: &[Ground]) -> impl Iterator<Item = &Term> {
    grounds
        .iter()
        .flat_map(|g| g.facts.iter())
        .flat_map(|[s, _, o]| [s, o])
}

/// Provenance for programs (the web page): each graph with its facts and its quotes, each quote
/// with its source, code point offsets and the sentence around it split before, inside and
/// after the quoted words.
pub fn write_json(out: &mut impl Write, target: &Target, grounds: &[Ground]) -> io::Result<()> {
    use serde_json::json;
    let grounds: Vec<_> = grounds
        .iter()
        .map(|g| {
            json!({
                "graph": g.graph,
                "claim": g.claim,
                "facts": g.facts.iter().map(|[s, p, o]| json!({
                    "subject": term_json(s),
                    "predicate": term_json(p),
                    "object": term_json(o),
                })).collect::<Vec<_>>(),
                "quotes": g.quotes.iter().map(|q| json!({
                    "mention": q.mention,
                    "source": q.source,
                    "exact": q.exact,
                    "start": q.span.map(|(s, _)| s),
                    "end": q.span.map(|(_, e)| e),
                    "before": q.context.as_ref().map(|c| &c[0]),
                    "quoted": q.context.as_ref().map(|c| &c[1]),
                    "after": q.context.as_ref().map(|c| &c[2]),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let answer = json!({ "target": crate::why::describe(target), "grounds": grounds });
    serde_json::to_writer_pretty(&mut *out, &answer)?;
    writeln!(out)
}

/// A term as the JSON of provenance shows it: IRIs as they are, literals by their value.
fn term_json(term: &Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}
