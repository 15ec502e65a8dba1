//! Writing a draft as TriG in the layout and conventions of data/istanbul-talks.trig: the record
//! (source, its author and publisher, headings and furniture, the ingest activity) that goes
//! straight into the data, and one proposal block per content sentence (its mentions, grounding,
//! review status and fact graph) that waits in drafts/ for review.

use super::actors::Actor;
use super::cues;
use super::facts::Facts;
use super::propose::{Claim, Statement};
use super::text::{self, Kind};
use super::{Draft, RULE_SET, Sentence};
use std::collections::HashSet;
use std::fmt::Write as _;

/// The prefix header of every file ingest writes (the bundled corpus's, plus `activity:`).
pub const PREFIXES: &str = "@prefix cg:       <https://claimgraph.org/ns#> .
@prefix actor:    <https://claimgraph.org/id/actor/> .
@prefix stmt:     <https://claimgraph.org/id/statement/> .
@prefix claim:    <https://claimgraph.org/id/claim/> .
@prefix event:    <https://claimgraph.org/id/event/> .
@prefix figure:   <https://claimgraph.org/id/figure/> .
@prefix place:    <https://claimgraph.org/id/place/> .
@prefix source:   <https://claimgraph.org/id/source/> .
@prefix mention:  <https://claimgraph.org/id/mention/> .
@prefix graph:    <https://claimgraph.org/id/graph/> .
@prefix position: <https://claimgraph.org/id/position/> .
@prefix activity: <https://claimgraph.org/id/activity/> .
@prefix rdf:      <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:     <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:      <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:     <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:     <http://www.w3.org/ns/prov#> .
@prefix oa:       <http://www.w3.org/ns/oa#> .
@prefix schema:   <https://schema.org/> .
@prefix dcterms:  <http://purl.org/dc/terms/> .
@prefix sem:      <http://semanticweb.cs.vu.nl/2009/11/sem/> .
";

/// The line that opens every proposal block; `review` finds blocks by it.
pub const BLOCK_MARK: &str = "#> ";

/// One run of ingest: its IRI's local name and its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub local: String,
    /// `xsd:dateTime`, UTC.
    pub time: String,
}

/// A Turtle string literal.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A resource's name in the draft: `prefix:local` with `/` escaped as Turtle needs.
pub fn name(prefix: &str, local: &str) -> String {
    format!("{prefix}:{}", local.replace('/', "\\/"))
}

/// `actor:x` for an actor of the table.
pub fn actor_name(actor: &Actor) -> String {
    let local = actor
        .iri
        .strip_prefix(super::actors::ACTOR_NS)
        .unwrap_or(&actor.iri);
    name("actor", local)
}

/// A content sentence's mention: `KEY/s012`, by its number among all segments.
pub fn mention_local(draft: &Draft, s: &Sentence) -> String {
    format!("{}/s{:03}", draft.meta.key, s.number)
}

/// The names of the headings and furniture, as the bundled corpus names them: a heading by its
/// section ("II. ..." is `heading-2`, the headings under it `heading-2-1`, `heading-2-2`; a
/// section named "Conclusion: ..." is `heading-conclusion`), furniture by its opening words
/// ("Find out more about ..." is `furniture-find-out-more`), a repeat told apart by its last
/// word and then by a number.
pub fn excluded_locals(draft: &Draft) -> Vec<(usize, String)> {
    let mut used: HashSet<String> = HashSet::new();
    let mut section: Option<String> = None;
    let (mut top, mut sub) = (0, 0);
    let mut out = Vec::new();
    for s in draft
        .sentences
        .iter()
        .filter(|s| s.segment.kind != Kind::Content)
    {
        let text = &s.segment.text;
        let base = if s.segment.kind == Kind::Heading {
            if let Some(name) = section_name(text) {
                sub = 0;
                section = Some(name.clone());
                format!("heading-{name}")
            } else if let Some(parent) = &section {
                sub += 1;
                format!("heading-{parent}-{sub}")
            } else {
                top += 1;
                format!("heading-{top}")
            }
        } else {
            let words: Vec<&str> = text.split_whitespace().take(3).collect();
            let opening = match words.as_slice() {
                [a, b, c] if c.eq_ignore_ascii_case("about") => format!("{a} {b}"),
                _ => words.join(" "),
            };
            format!("furniture-{}", super::actors::slug(&opening))
        };
        let last = text
            .split_whitespace()
            .last()
            .map(super::actors::slug)
            .unwrap_or_default();
        let mut local = base.clone();
        if used.contains(&local) && !last.is_empty() {
            local = format!("{base}-{last}");
        }
        let mut n = 1;
        while used.contains(&local) {
            n += 1;
            local = format!("{base}-{n}");
        }
        used.insert(local.clone());
        out.push((s.number, format!("{}/{local}", draft.meta.key)));
    }
    out
}

/// The name a heading gives its section: its number ("IV." or "4." is "4"), or a single word
/// before a colon ("Conclusion: ..." is "conclusion").
fn section_name(heading: &str) -> Option<String> {
    let (first, rest) = heading.split_once(' ')?;
    if let Some(mark) = first.strip_suffix(['.', ')']) {
        if !mark.is_empty() && mark.chars().all(|c| c.is_ascii_digit()) {
            return Some(mark.trim_start_matches('0').to_owned());
        }
        if let Some(n) = roman(mark) {
            return Some(n.to_string());
        }
    }
    let word = first.strip_suffix(':')?;
    (!rest.is_empty() && word.chars().all(char::is_alphabetic)).then(|| super::actors::slug(word))
}

/// A Roman numeral of at most 39 in capitals: I to XXXIX.
fn roman(mark: &str) -> Option<usize> {
    let tens = mark.chars().take_while(|&c| c == 'X').count();
    let units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
        .iter()
        .position(|u| *u == &mark[tens..])?;
    (tens <= 3 && tens + units > 0).then_some(10 * tens + units)
}

pub fn graph_local(draft: &Draft, s: &Sentence) -> String {
    format!("{}/s{:03}", draft.meta.key, s.number)
}

/// The header comment of a file ingest writes.
fn header(draft: &Draft, what: &str) -> String {
    format!(
        "# {what} for \"{}\" ({}), written by `claimgraph ingest`.\n# Conventions: ontology/README.md of claimgraph.\n\n{PREFIXES}\n",
        draft.meta.title, draft.meta.published
    )
}

/// The record: what is known for certain about the document, loaded with the data at once.
pub fn record(draft: &Draft, activity: &Activity) -> String {
    let mut out = header(draft, "The source record");
    let m = &draft.meta;
    let source = name("source", &m.id);
    let _ = writeln!(out, "{source} a cg:Source ;");
    let _ = writeln!(out, "    rdfs:label {} ;", literal(&m.title));
    let _ = writeln!(
        out,
        "    cg:textFile {} ;",
        literal(&format!("sources/{}.txt", m.id))
    );
    let _ = writeln!(out, "    cg:sha256 {} ;", literal(&draft.sha256));
    let _ = writeln!(out, "    dcterms:title {} ;", literal(&m.title));
    let _ = writeln!(out, "    dcterms:language {} ;", literal(&m.language));
    let _ = writeln!(out, "    dcterms:format \"text/plain\" ;");
    let _ = writeln!(out, "    dcterms:date \"{}\"^^xsd:date ;", m.published);
    if let Some(url) = &m.url {
        let _ = writeln!(out, "    schema:url {} ;", literal(url));
    }
    let _ = writeln!(
        out,
        "    dcterms:publisher {} ;",
        actor_name(&draft.actors.list[draft.publisher])
    );
    let _ = writeln!(
        out,
        "    dcterms:creator {} .\n",
        actor_name(&draft.actors.list[draft.author])
    );
    for i in [draft.author, draft.publisher] {
        let a = &draft.actors.list[i];
        if a.new {
            let _ = writeln!(
                out,
                "{} a cg:{} ;\n    rdfs:label {} .\n",
                actor_name(a),
                a.class,
                literal(&a.label)
            );
        }
    }
    out.push_str(&excluded(draft));
    out.push_str(&activity_block(draft, activity));
    out
}

/// The headings and furniture, as excluded mentions.
fn excluded(draft: &Draft) -> String {
    let mut out = String::from(
        "# Excluded text: headings and page furniture (no graph is derived from these)\n\n",
    );
    for (number, local) in excluded_locals(draft) {
        let s = &draft.sentences[number - 1];
        let class = if s.segment.kind == Kind::Heading {
            "Heading"
        } else {
            "PageFurniture"
        };
        out.push_str(&mention(
            draft,
            &local,
            class,
            s.segment.start,
            &s.segment.text,
        ));
    }
    out
}

/// The description of one run of ingest, in the default graph beside the source.
pub fn activity_block(draft: &Draft, activity: &Activity) -> String {
    let version = env!("CARGO_PKG_VERSION");
    format!(
        "{} a cg:IngestActivity ;\n    rdfs:label {} ;\n    prov:used {} ;\n    prov:startedAtTime \"{}\"^^xsd:dateTime ;\n    prov:wasAssociatedWith <https://claimgraph.org/id/agent/claimgraph-{version}> ;\n    cg:ruleSet {} .\n\n<https://claimgraph.org/id/agent/claimgraph-{version}> a prov:SoftwareAgent ;\n    rdfs:label \"claimgraph {version}\" .\n\n",
        name("activity", &activity.local),
        literal(&format!("claimgraph ingest of source:{}", draft.meta.id)),
        name("source", &draft.meta.id),
        activity.time,
        literal(RULE_SET),
    )
}

/// A mention of `exact` at code point `start`, with a prefix or suffix only when needed.
fn mention(draft: &Draft, local: &str, class: &str, start: usize, exact: &str) -> String {
    let (prefix, suffix) = text::disambiguate(&draft.text, start, exact);
    let extra: String = prefix
        .map(|p| format!(" ; oa:prefix {}", literal(&p)))
        .unwrap_or_default()
        + &suffix
            .map(|s| format!(" ; oa:suffix {}", literal(&s)))
            .unwrap_or_default();
    format!(
        "{} a cg:{class} ;\n    oa:hasSource {} ;\n    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact {}{extra} ] .\n\n",
        name("mention", local),
        name("source", &draft.meta.id),
        literal(exact)
    )
}

/// The proposal blocks, one per content sentence not in `handled` (quotes of sentences already
/// proposed, accepted or rejected). Returns the text and the number of blocks.
pub fn proposals(draft: &Draft, activity: &Activity, handled: &HashSet<String>) -> (String, usize) {
    let mut out = header(draft, "Proposals waiting for review");
    out.push_str("# Each block below is one proposal: edit it freely, keep its `#> ` line, then\n# `claimgraph accept ID` (all) or `claimgraph accept ID s012 ...`; `claimgraph reject ID s012`.\n\n");
    let mut introduced: HashSet<usize> = [draft.author, draft.publisher].into_iter().collect();
    let mut facts = HashSet::new();
    let mut count = 0;
    for s in &draft.sentences {
        if s.segment.kind != Kind::Content
            || s.continues.is_some()
            || handled.contains(&s.segment.text)
        {
            continue;
        }
        out.push_str(&block(draft, s, activity, &mut introduced, &mut facts));
        count += 1;
    }
    (out, count)
}

fn block(
    draft: &Draft,
    s: &Sentence,
    activity: &Activity,
    introduced: &mut HashSet<usize>,
    introduced_facts: &mut HashSet<String>,
) -> String {
    let graph = name("graph", &graph_local(draft, s));
    let parts: Vec<&Sentence> = draft
        .sentences
        .iter()
        .filter(|p| p.number == s.number || p.continues == Some(s.number))
        .collect();
    let facts = Facts::of(&parts);
    let (cues, confidence) = passage_cues(draft, s, &facts);
    let mut out = format!(
        "{BLOCK_MARK}{} · {}–{} · {}\n",
        graph_local(draft, s).rsplit('/').next().unwrap_or(""),
        s.segment.start,
        s.segment.end,
        cues.join("; ")
    );
    let (mentions, grounds) = passage_mentions(draft, &parts);
    out.push_str(&mentions);
    out.push_str(&graph_record(
        &graph,
        &grounds,
        activity,
        Some((cues.as_slice(), confidence)),
    ));
    let _ = writeln!(out, "{graph} {{");
    // In name order, as the corpus lists them: a stable line whatever order the text has.
    let mut about: Vec<String> = facts
        .events
        .iter()
        .map(|e| name("event", &draft.events[*e].local))
        .collect();
    about.sort();
    // What a party says is never stated as fact (ontology/README.md): the events, figures and
    // statuses of a passage with an attributed statement go in the proposition graph of its
    // first claim, grounded in the same mentions and reviewed with the passage.
    let attributed = s.statements.iter().position(|st| !st.author);
    let first = attributed.unwrap_or(0);
    let owner = s.statements.get(first).map(|st| {
        name(
            "claim",
            &format!("{}-1", statement_local(draft, s, first, st)),
        )
    });
    // The agents of the passage's events, introduced with them when new.
    for a in facts.events.iter().filter_map(|e| draft.events[*e].agent) {
        if draft.actors.list[a].new && introduced.insert(a) {
            out.push_str(&introduce(&draft.actors.list[a]));
        }
    }
    let written = facts.write(draft, owner, introduced_facts);
    let inner = (attributed.is_some() && !written.is_empty()).then(|| {
        name(
            "graph",
            &format!("{}/claim/s{:03}", draft.meta.key, s.number),
        )
    });
    for (k, st) in s.statements.iter().enumerate() {
        let proposition = inner.as_deref().filter(|_| k == first);
        let during = s.during.map(|e| name("event", &draft.events[e].local));
        let context = Context {
            about: &about,
            proposition,
            during: during.as_deref().filter(|_| !st.author),
        };
        out.push_str(&statement(draft, s, k, st, context, introduced));
    }
    match &inner {
        Some(inner) => {
            let _ = writeln!(out, "}}\n");
            out.push_str(&graph_record(inner, &grounds, activity, None));
            let _ = write!(out, "{inner} {{\n{written}");
        }
        None => out.push_str(&written),
    }
    out.push_str("}\n\n");
    out
}

/// What the review shows of a passage: the cues of its statements and facts, and the highest
/// confidence among its statements.
fn passage_cues(draft: &Draft, s: &Sentence, facts: &Facts) -> (Vec<String>, f64) {
    let cues = s
        .statements
        .iter()
        .flat_map(|st| cue_notes(draft, st))
        .chain(facts.cues(draft))
        .collect();
    let confidence = s
        .statements
        .iter()
        .map(|st| st.confidence)
        .fold(0.0, f64::max);
    (cues, confidence)
}

/// The mentions of a passage's sentences and of the quotes inside them, and their names: what
/// the passage's graphs are derived from.
fn passage_mentions(draft: &Draft, parts: &[&Sentence]) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut grounds = Vec::new();
    for part in parts {
        let local = mention_local(draft, part);
        out.push_str(&mention(
            draft,
            &local,
            "Mention",
            part.segment.start,
            &part.segment.text,
        ));
        grounds.push(name("mention", &local));
        for (k, q) in part.quotes.iter().enumerate() {
            let quote_local = format!("{local}-quote-{}", k + 1);
            out.push_str(&mention(draft, &quote_local, "Mention", q.start, &q.text));
            grounds.push(name("mention", &quote_local));
        }
    }
    (out, grounds)
}

/// The record of a proposed graph: what it is derived from, its review status and the ingest
/// activity that made it; for a passage's own graph, also the cues and confidence behind it.
fn graph_record(
    graph: &str,
    grounds: &[String],
    activity: &Activity,
    cues: Option<(&[String], f64)>,
) -> String {
    let mut out = String::new();
    let generated = name("activity", &activity.local);
    let _ = writeln!(out, "{graph} prov:wasDerivedFrom {} .", grounds.join(", "));
    let _ = writeln!(out, "{graph} cg:reviewStatus cg:Proposed ;");
    match cues {
        None => {
            let _ = writeln!(out, "    prov:wasGeneratedBy {generated} .\n");
        }
        Some((cues, confidence)) => {
            let _ = writeln!(out, "    prov:wasGeneratedBy {generated} ;");
            for cue in cues {
                let _ = writeln!(out, "    cg:cue {} ;", literal(cue));
            }
            let _ = writeln!(out, "    cg:confidence {confidence:.2} .\n");
        }
    }
    out
}

/// What the review shows of a statement's cues: the cue, who it names, how sure.
fn cue_notes(draft: &Draft, st: &Statement) -> Vec<String> {
    if st.author {
        return vec![format!(
            "no attribution cue: the author's analysis ({:.2})",
            st.confidence
        )];
    }
    let who = st.speaker.map_or_else(
        || "no speaker".to_owned(),
        |a| draft.actors.list[a].label.clone(),
    );
    st.cues
        .iter()
        .map(|c| format!("{c} → {who} ({:.2})", st.confidence))
        .collect()
}

/// What a passage gives each of its statements: the events its claims are about, the
/// proposition graph of its first attributed claim, the event it was said during.
#[derive(Clone, Copy)]
struct Context<'a> {
    about: &'a [String],
    proposition: Option<&'a str>,
    during: Option<&'a str>,
}

pub fn statement_local(draft: &Draft, s: &Sentence, k: usize, st: &Statement) -> String {
    let who = if st.author {
        "author".to_owned()
    } else {
        st.speaker.map_or_else(
            || format!("{}", k + 1),
            |a| super::actors::slug(&draft.actors.list[a].label),
        )
    };
    format!("{}-s{:03}-{who}", draft.meta.id, s.number)
}

fn statement(
    draft: &Draft,
    s: &Sentence,
    k: usize,
    st: &Statement,
    context: Context,
    introduced: &mut HashSet<usize>,
) -> String {
    let Context {
        about,
        proposition,
        during,
    } = context;
    let mut out = String::new();
    for a in st.speaker.iter().chain(&st.reported_by) {
        if draft.actors.list[*a].new && introduced.insert(*a) {
            out.push_str(&introduce(&draft.actors.list[*a]));
        }
    }
    let local = statement_local(draft, s, k, st);
    let speaker = st.speaker.map(|a| actor_name(&draft.actors.list[a]));
    let who = st
        .speaker
        .map_or("(no speaker)", |a| draft.actors.list[a].label.as_str());
    let label = if st.author {
        format!("The author: {}", st.claims[0].label)
    } else {
        format!("{who}: {}", st.claims[0].label)
    };
    let _ = writeln!(out, "    {} a cg:Statement ;", name("stmt", &local));
    let _ = writeln!(out, "        rdfs:label {} ;", literal(&label));
    match &speaker {
        Some(sp) => {
            let _ = writeln!(out, "        cg:speaker {sp} ;");
        }
        None => out.push_str("        # no speaker could be read: name one (cg:speaker actor:...) before accepting\n"),
    }
    let modes: Vec<String> = st.attribution.iter().map(|a| format!("cg:{a}")).collect();
    let _ = writeln!(out, "        cg:attribution {} ;", modes.join(", "));
    if let Some(c) = st.channel {
        let _ = writeln!(out, "        cg:channel cg:{c} ;");
    }
    if let Some(h) = &st.hedge {
        let _ = writeln!(out, "        cg:hedge {} ;", literal(h));
    }
    if let Some(r) = st.reported_by {
        let _ = writeln!(
            out,
            "        cg:reportedBy {} ;",
            actor_name(&draft.actors.list[r])
        );
    }
    if let Some(event) = during {
        let _ = writeln!(out, "        cg:during {event} ;");
    }
    out.push_str(&dating(st));
    for l in &st.links {
        let target = crate::vocab::shorten(&l.target).unwrap_or_else(|| format!("<{}>", l.target));
        let _ = writeln!(
            out,
            "        cg:{} {target} ; # candidate link: {}",
            l.property, l.why
        );
    }
    let claims: Vec<String> = (1..=st.claims.len())
        .map(|n| name("claim", &format!("{local}-{n}")))
        .collect();
    let _ = writeln!(out, "        cg:conveys {} .\n", claims.join(", "));
    for (n, (claim, name)) in st.claims.iter().zip(&claims).enumerate() {
        let proposition = proposition.filter(|_| n == 0);
        out.push_str(&claim_block(
            draft,
            claim,
            name,
            speaker.as_deref(),
            (about, proposition),
        ));
    }
    out
}

/// The block of one claim a proposed statement conveys: label, act type with its CAMEO code,
/// claimant (the speaker), target, quotes and the paraphrase for the curator to reword.
fn claim_block(
    draft: &Draft,
    c: &Claim,
    name: &str,
    speaker: Option<&str>,
    (about, proposition): (&[String], Option<&str>),
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "    {name} a cg:Claim ;");
    let _ = writeln!(out, "        rdfs:label {} ;", literal(&c.label));
    let _ = writeln!(
        out,
        "        cg:actType cg:{} ; # CAMEO {}",
        c.act,
        cues::cameo(c.act)
    );
    if let Some(sp) = speaker {
        let _ = writeln!(out, "        cg:claimant {sp} ;");
    }
    if let Some(t) = c.target {
        let _ = writeln!(
            out,
            "        cg:target {} ;",
            actor_name(&draft.actors.list[t])
        );
    }
    for q in &c.quotes {
        let _ = writeln!(out, "        cg:quote {} ;", literal(q));
    }
    let _ = writeln!(out, "        cg:paraphrase {} ;", literal(&c.paraphrase));
    if !about.is_empty() {
        let _ = writeln!(out, "        cg:about {} ;", about.join(", "));
    }
    if let Some(graph) = proposition {
        let _ = writeln!(out, "        cg:propositionGraph {graph} ;");
    }
    trim_last_separator(&mut out);
    out
}

fn dating(st: &Statement) -> String {
    let mut out = String::new();
    let d = &st.dating;
    for (property, value) in [
        ("date", d.date),
        ("earliestDate", d.earliest),
        ("latestDate", d.latest),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "        cg:{property} \"{v}\"^^xsd:date ;");
        }
    }
    if let Some(w) = &d.words {
        let _ = writeln!(out, "        cg:timeNote {} ;", literal(w));
    }
    if let Some(n) = &d.note {
        let _ = writeln!(out, "        cg:curatorNote {} ;", literal(n));
    }
    out
}

/// A proposed actor, introduced in the graph of the passage that first names it.
fn introduce(a: &Actor) -> String {
    let mut out = format!(
        "    {} a cg:{} ;\n        rdfs:label {}",
        actor_name(a),
        a.class,
        literal(&a.label)
    );
    if !a.aliases.is_empty() {
        let aliases: Vec<String> = a.aliases.iter().map(|x| literal(x)).collect();
        let _ = write!(out, " ;\n        skos:altLabel {}", aliases.join(", "));
    }
    if let Some(note) = &a.note {
        let _ = write!(
            out,
            " ;\n        cg:curatorNote {}",
            literal(&format!(
                "Proposed by ingest; the text describes it as \"{note}\"."
            ))
        );
    }
    out.push_str(" .\n\n");
    out
}

/// Turns the last ` ;` of a description into ` .` and closes it with a blank line.
pub fn trim_last_separator(out: &mut String) {
    if let Some(at) = out.rfind(" ;") {
        let comment = out[at + 2..].trim_start().starts_with('#');
        if out[at + 2..].trim().is_empty() || comment {
            out.replace_range(at..at + 2, " .");
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Draft {
        crate::ingest::testing::draft("ruritania", text)
    }

    #[test]
    fn headings_are_named_by_section_and_furniture_by_its_opening() {
        // Written for this test: numbered sections, headings under them, a named section, and
        // furniture that repeats its opening.
        let d = draft(
            "I. The Talks in Strelsau\nThe Opening Day\nThe talks opened in Strelsau on Monday.\nFind out more about the talks.\nFind out more about the talks guide.\nFind out more about the border guide.\nII. The Border\nThe Closure of the Crossings\nThe crossings closed on Tuesday.\nRead more about the crossings.\nConclusion: What Comes Next\nThe talks may resume.\n",
        );
        let names: Vec<String> = excluded_locals(&d).into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            names,
            [
                "ruritania/heading-1",
                "ruritania/heading-1-1",
                "ruritania/furniture-find-out-more",
                "ruritania/furniture-find-out-more-guide",
                "ruritania/furniture-find-out-more-2",
                "ruritania/heading-2",
                "ruritania/heading-2-1",
                "ruritania/furniture-read-more",
                "ruritania/heading-conclusion",
            ]
        );
        let record = record(
            &d,
            &Activity {
                local: "run".into(),
                time: "2025-10-29T00:00:00Z".into(),
            },
        );
        assert!(record.contains("mention:ruritania\\/heading-2-1 a cg:Heading ;"));
        assert!(record.contains("dcterms:creator actor:ruritania-report-author ."));
    }

    #[test]
    fn section_marks_are_numbers_roman_numerals_or_a_word_before_a_colon() {
        assert_eq!(section_name("IV. The Border").as_deref(), Some("4"));
        assert_eq!(section_name("XII) Late").as_deref(), Some("12"));
        assert_eq!(section_name("3. Figures").as_deref(), Some("3"));
        assert_eq!(
            section_name("Conclusion: Next").as_deref(),
            Some("conclusion")
        );
        assert_eq!(section_name("IIII. Not a numeral"), None);
        assert_eq!(section_name("Talks resume: maybe"), None);
        assert_eq!(section_name("The Border"), None);
    }

    #[test]
    fn every_claim_has_a_paraphrase_after_its_claimant_and_is_about_the_events_named() {
        let d = draft(
            "Ruritania said that the talks had failed in Strelsau.\nThe failure leaves the border tense.\n",
        );
        let activity = Activity {
            local: "run".into(),
            time: "2025-10-29T00:00:00Z".into(),
        };
        let (text, _) = proposals(&d, &activity, &HashSet::new());
        assert!(
            text.contains("cg:claimant actor:ruritania ;\n        cg:paraphrase \"The talks had failed in Strelsau.\" ;\n        cg:about event:ruritania-talks ;\n        cg:propositionGraph graph:ruritania\\/claim\\/s001 .\n"),
            "{text}"
        );
        assert!(
            text.contains("cg:claimant actor:ruritania-report-author ;\n        cg:paraphrase \"The failure leaves the border tense.\" .\n"),
            "{text}"
        );
        assert!(text.contains("graph:ruritania\\/s001 {"), "{text}");
        // The event a party's words name is introduced in the claim's proposition graph.
        assert!(
            text.contains(
                "graph:ruritania\\/claim\\/s001 {\n    event:ruritania-talks a cg:Event ;"
            ),
            "{text}"
        );
    }

    #[test]
    fn blaming_someone_for_a_violent_event_is_an_accusation_of_aggression() {
        let d = draft(
            "Borduria blamed Ruritania for the explosions in Strelsau.\nBorduria blamed Ruritania for the failure of the talks.\n",
        );
        assert_eq!(
            crate::ingest::testing::first_acts(&d),
            ["AccusationOfAggression", "Accusation"]
        );
    }
}
