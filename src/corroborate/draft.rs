//! The proposal as a TriG draft in ingest's block format: one `#> NAME` block per link, each a
//! graph grounded in both sides' quotes and marked `cg:reviewStatus cg:Proposed`, so that it
//! stays out of answers until a curator accepts it. Full IRIs throughout: act IRIs from any
//! source are written as they are, with no prefix to escape.

use super::score::{Kind, Link};
use super::{Group, Proposal, family::StoryLink};
use crate::ingest::draft::{BLOCK_MARK, PREFIXES, literal};
use std::fmt::Write as _;

const CG: &str = crate::vocab::CG;

fn graph_iri(id: &str) -> String {
    format!("<{}graph/corroboration/{id}>", crate::vocab::ID)
}

fn correspondence_iri(id: &str) -> String {
    format!("<{}correspondence/{id}>", crate::vocab::ID)
}

fn iris(list: &[String]) -> String {
    list.iter()
        .map(|i| format!("<{i}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole draft: a header with the counts and the independence of each joined act, then
/// the story links, then the act links.
pub fn render(p: &Proposal) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Links across sources proposed by `claimgraph corroborate`: {} between acts{}, {} between copies of one story.",
        p.links.len(),
        actor_count(p),
        p.stories.len()
    );
    let _ = writeln!(
        out,
        "# {} sources, {} acts, {} candidate pairs compared. Nothing here is merged: each link waits for review.",
        p.sources, p.acts, p.pairs_compared
    );
    for g in p.groups.iter().filter(|g| g.acts.len() > 1) {
        let _ = writeln!(out, "# {}", independence(g));
    }
    out.push('\n');
    out.push_str(PREFIXES);
    for s in &p.stories {
        out.push('\n');
        out.push_str(&story_block(s));
    }
    for l in p.links.iter().chain(&p.actors) {
        out.push('\n');
        out.push_str(&link_block(l));
    }
    out
}

/// ", N between actors" when there are links between actors, else nothing.
pub fn actor_count(p: &Proposal) -> String {
    match p.actors.len() {
        0 => String::new(),
        n => format!(", {n} between actors"),
    }
}

/// "reported by N independent outlets (M copies): act, act, ..."
pub fn independence(g: &Group) -> String {
    let names: Vec<String> = g.acts.iter().map(|a| super::show(a)).collect();
    // Links chain: A-B and B-C join A and C even when A and C are two acts of one source.
    let chained = if g.acts.len() > g.sources {
        format!(
            " [{} acts, {} sources: links chain acts of one source together; review them]",
            g.acts.len(),
            g.sources
        )
    } else {
        String::new()
    };
    format!(
        "reported by {} independent outlet{} ({} cop{}): {}{chained}",
        g.families,
        if g.families == 1 { "" } else { "s" },
        g.sources,
        if g.sources == 1 { "y" } else { "ies" },
        names.join(", ")
    )
}

fn status(out: &mut String, graph: &str, quotes: &[String], confidence: f64) {
    let _ = writeln!(
        out,
        "{graph} <http://www.w3.org/ns/prov#wasDerivedFrom> {} .",
        iris(quotes)
    );
    let _ = writeln!(out, "{graph} cg:reviewStatus cg:Proposed ;");
    let _ = writeln!(out, "    cg:confidence {confidence:.2} .\n");
}

fn link_block(l: &Link) -> String {
    let id = l.id();
    let graph = graph_iri(&id);
    let mut quotes = l.a_quotes.clone();
    quotes.extend(l.b_quotes.iter().cloned());
    let mut out = String::new();
    let kind_words = match l.kind {
        Kind::SameAct => "same act",
        Kind::SameUtterance => "same utterance in other words",
    };
    let _ = writeln!(out, "{BLOCK_MARK}{id} · {kind_words} · {:.2}", l.confidence);
    for e in &l.evidence {
        let _ = writeln!(out, "#   {e}");
    }
    status(&mut out, &graph, &quotes, l.confidence);
    let _ = writeln!(out, "{graph} {{");
    let _ = writeln!(out, "    {} a cg:Correspondence ;", correspondence_iri(&id));
    let _ = writeln!(
        out,
        "        rdfs:label {} ;",
        literal(&format!(
            "{}: {} and {}",
            kind_words,
            super::show(&l.a),
            super::show(&l.b)
        ))
    );
    let _ = writeln!(
        out,
        "        cg:correspondenceKind cg:{} ;",
        l.kind.concept()
    );
    let _ = writeln!(out, "        cg:correspondent <{}>, <{}> ;", l.a, l.b);
    let _ = writeln!(out, "        cg:confidence {:.2} ;", l.confidence);
    let concepts = |fs: &[super::score::Feature]| {
        fs.iter()
            .map(|f| format!("cg:{}", f.concept()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !l.matched.is_empty() {
        let _ = writeln!(out, "        cg:matchedFeature {} ;", concepts(&l.matched));
    }
    if !l.disagrees.is_empty() {
        let _ = writeln!(out, "        cg:disagreesOn {} ;", concepts(&l.disagrees));
    }
    if let Some(words) = &l.shared_words {
        let _ = writeln!(out, "        cg:sharedWords {} ;", literal(words));
    }
    let evidence: Vec<String> = l.evidence.iter().map(|e| literal(e)).collect();
    let _ = writeln!(
        out,
        "        cg:evidence {} ;",
        evidence.join(",\n            ")
    );
    let _ = writeln!(out, "        cg:evidenceQuote {} .", iris(&quotes));
    let relation = match l.kind {
        Kind::SameAct => "sameActAs",
        Kind::SameUtterance => "restates",
    };
    let _ = writeln!(out, "    <{}> <{CG}{relation}> <{}> .", l.a, l.b);
    out.push_str("}\n");
    out
}

fn story_block(s: &StoryLink) -> String {
    let id = s.id();
    let graph = graph_iri(&id);
    let quotes = vec![s.a_quote.clone(), s.b_quote.clone()];
    let mut out = String::new();
    let _ = writeln!(out, "{BLOCK_MARK}{id} · same story · {:.2}", s.similarity);
    status(&mut out, &graph, &quotes, s.similarity);
    let _ = writeln!(out, "{graph} {{");
    let _ = writeln!(out, "    {} a cg:Correspondence ;", correspondence_iri(&id));
    let _ = writeln!(
        out,
        "        rdfs:label {} ;",
        literal(&format!(
            "same story: {} and {}",
            super::show(&s.a),
            super::show(&s.b)
        ))
    );
    let _ = writeln!(out, "        cg:correspondenceKind cg:SameStory ;");
    let _ = writeln!(out, "        cg:correspondent <{}>, <{}> ;", s.a, s.b);
    let _ = writeln!(out, "        cg:confidence {:.2} ;", s.similarity);
    let _ = writeln!(out, "        cg:matchedFeature cg:WordingFeature ;");
    let _ = writeln!(
        out,
        "        cg:evidence {} ;",
        literal(&format!(
            "wording: {:.0}% of five-word sequences of the two texts shared",
            s.similarity * 100.0
        ))
    );
    let _ = writeln!(out, "        cg:evidenceQuote {} .", iris(&quotes));
    let _ = writeln!(out, "    <{}> cg:sameStoryAs <{}> .", s.a, s.b);
    out.push_str("}\n");
    out
}
