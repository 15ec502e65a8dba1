//! Ingest: a new report becomes a grounded draft for a curator. The text is segmented
//! ([`text`]), its cues found ([`cues`]) and act types chosen ([`acts`]), speakers read and
//! resolved ([`speaker`], [`actors`]), dates resolved ([`dates`]) and statements proposed
//! ([`propose`]), with the events ([`events`], [`status`]) and figures ([`figures`]) the text
//! names; [`draft`] (with [`facts`] for events and figures) writes them as TriG in the
//! corpus's conventions, each graph marked proposed; [`workspace`] keeps the user's corpus;
//! [`review`] accepts, rejects and lists proposals; [`score`] measures the rules against a hand
//! encoding. [`graph`] is the one place that reads the graph.
//!
//! ```text
//! FILE ──> text::segment ──> propose (cues, speaker, actors, dates) ──> draft ──> workspace
//!                                      ▲ graph: actors, acts                      │
//!   review / accept / reject <─────────┴──── drafts/ID.trig, data/ID.trig <───────┘
//! ```

pub mod actors;
pub mod acts;
pub mod args;
pub mod cues;
pub mod dates;
pub mod draft;
pub mod events;
pub mod facts;
pub mod figures;
pub mod graph;
pub mod propose;
pub mod register;
pub mod review;
pub mod run;
pub mod score;
pub mod sides;
pub mod speaker;
pub mod status;
pub mod text;
pub mod workspace;

use actors::{Actor, Actors};
use dates::Date;
use propose::{KnownAct, Proposer, Statement};
use text::{Kind, Segment};

/// The version of the rules: recorded with every ingest, so that a proposal says which rules
/// made it.
pub const RULE_SET: &str = "claimgraph-ingest-rules/4";

/// What the command line says about a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The slug of `source:ID`.
    pub id: String,
    /// The short name of the document's mentions and graphs (`mention:KEY/s012`) and of its
    /// unnamed author (`actor:KEY-report-author`), as ontology/README.md names them per document:
    /// the id unless `--key` gives a shorter one.
    pub key: String,
    pub title: String,
    pub published: Date,
    pub publisher: String,
    pub url: Option<String>,
    pub language: String,
    pub author: Option<String>,
}

/// What the graph already holds that a draft builds on.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub actors: Vec<Actor>,
    /// Every IRI in use, so that new ones do not collide.
    pub taken: Vec<String>,
    pub acts: Vec<KnownAct>,
}

/// A quoted span worth its own mention: three words or more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Code point offset in the text.
    pub start: usize,
    pub text: String,
}

/// A segment of the text with what is proposed for it.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// 1-based, over all segments (headings and furniture too): stable names for mentions.
    pub number: usize,
    pub segment: Segment,
    pub statements: Vec<Statement>,
    pub quotes: Vec<QuoteSpan>,
    /// The number of the sentence whose proposal this one continues ("He added ...").
    pub continues: Option<usize>,
    /// The figures it reports.
    pub figures: Vec<figures::Figure>,
    /// When what it narrates began, as its words loosely say ("since late 2023").
    pub began: Option<dates::Period>,
    /// The events it names: indices in [`Draft::events`], in the order named.
    pub events: Vec<usize>,
    /// The status reports it gives of them: (index in [`Draft::events`], status).
    pub statuses: Vec<(usize, status::Status)>,
    /// The event its statements were made during (index in [`Draft::events`]).
    pub during: Option<usize>,
}

/// Everything ingest proposes for one text.
#[derive(Debug, Clone)]
pub struct Draft {
    pub meta: Metadata,
    pub text: String,
    pub sha256: String,
    pub sentences: Vec<Sentence>,
    pub actors: Actors,
    pub author: usize,
    pub publisher: usize,
    /// The events the text names, each introduced in the first passage that names it.
    pub events: Vec<events::Event>,
}

/// Reads a text into a draft: segments, quotes and proposed statements, against what is known.
pub fn propose(text: &str, meta: &Metadata, known: Known) -> Draft {
    let taken: std::collections::HashSet<String> = known.taken.iter().cloned().collect();
    let mut actors = Actors::new(known.actors, known.taken);
    let publisher = actors.find_or_propose(&meta.publisher, "MediaOutlet", None);
    let author = match &meta.author {
        Some(name) => actors.find_or_propose(name, "Person", None),
        None => actors.propose_with_iri(
            &format!("{}-report-author", meta.key),
            &format!("author of source:{}", meta.id),
            "Author",
        ),
    };
    let mut proposer = Proposer::new(&mut actors, meta.published, author, &meta.key, known.acts);
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut list_period = None;
    for (i, segment) in text::segment(text).into_iter().enumerate() {
        let mut sentence = read_segment(i + 1, segment, &mut proposer, &mut list_period);
        continue_passage(&mut sentences, &mut sentence);
        sentences.push(sentence);
    }
    let pair = sides::across(&mut sentences, &mut actors);
    let content: Vec<(usize, &str)> = sentences
        .iter()
        .filter(|s| s.segment.kind == Kind::Content)
        .map(|s| (s.number, s.segment.text.as_str()))
        .collect();
    let mut named = events::read(&content, &meta.key, &taken);
    for e in &mut named.events {
        e.agent = e
            .agent_demonym
            .as_deref()
            .and_then(|d| actors.country_of(d));
    }
    for s in &mut sentences {
        s.events = named.by_sentence.remove(&s.number).unwrap_or_default();
        let events: Vec<(String, &str)> = s
            .events
            .iter()
            .map(|&e| {
                let iri = format!("{}event/{}", crate::vocab::ID, named.events[e].local);
                (iri, named.events[e].kind)
            })
            .collect();
        sides::within(&mut s.statements, &events, pair, &actors);
        s.statuses = named.statuses.remove(&s.number).unwrap_or_default();
        s.during = named.during.remove(&s.number);
    }
    Draft {
        events: named.events,
        meta: meta.clone(),
        text: text.to_owned(),
        sha256: crate::provenance::sha256_hex(text.as_bytes()),
        sentences,
        actors,
        author,
        publisher,
    }
}

/// One segment read on its own: statements, long quotes, figures and when they held, and when
/// what it narrates began. Headings and furniture get nothing. `list_period` carries the
/// period a list's lead names to its items.
fn read_segment(
    number: usize,
    segment: Segment,
    proposer: &mut Proposer,
    list_period: &mut Option<dates::Period>,
) -> Sentence {
    let mut sentence = Sentence {
        number,
        statements: Vec::new(),
        quotes: Vec::new(),
        continues: None,
        figures: Vec::new(),
        began: None,
        events: Vec::new(),
        statuses: Vec::new(),
        during: None,
        segment,
    };
    if sentence.segment.kind != Kind::Content {
        return sentence;
    }
    let text = sentence.segment.text.as_str();
    let published = proposer.published;
    let held = figures::held_in(text, list_period).filter(|p| p.from <= published);
    sentence.figures = figures::figures(text);
    for f in &mut sentence.figures {
        f.held = held.clone();
    }
    sentence.began = dates::periods(text)
        .into_iter()
        .find(|p| p.since && p.from <= published);
    sentence.statements = proposer.sentence(text);
    sentence.quotes = long_quotes(&sentence.segment);
    sentence
}

/// "Tarar announced ... . Tarar accused ...", "Asif warned ... . The minister said ...": a
/// sentence whose one statement is by the person of the sentence before, named again by a
/// surname, a title or a pronoun, in the same paragraph, continues that statement.
fn continue_passage(before: &mut [Sentence], sentence: &mut Sentence) {
    let Some(head) = before
        .iter()
        .rposition(|s| s.segment.kind == Kind::Content && s.continues.is_none())
    else {
        return;
    };
    let last = before.last().expect("a head was found");
    let adjacent = last.segment.kind == Kind::Content && last.segment.line == sentence.segment.line;
    let prev = &before[head];
    let fits = match (prev.statements.as_slice(), sentence.statements.as_slice()) {
        ([p], [s]) => !p.author && !s.author && s.refers_back && p.speaker == s.speaker,
        _ => false,
    };
    if adjacent && fits {
        let next = sentence.statements.pop().expect("one statement");
        before[head].statements[0].absorb(next);
        sentence.continues = Some(before[head].number);
    }
}

fn long_quotes(segment: &Segment) -> Vec<QuoteSpan> {
    text::quoted(&segment.text)
        .into_iter()
        .filter(|q| q.words() >= 3)
        .map(|q| QuoteSpan {
            start: segment.start + text::code_points(&segment.text, q.start),
            text: q.text,
        })
        .collect()
}

/// What the tests of the rules share: drafts of texts written for them.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Draft, Known, Metadata, dates::Date};

    /// The draft of a text written for a test, published on 2025-10-29, with an empty actor
    /// table; `key` names its mentions and graphs.
    pub fn draft(key: &str, text: &str) -> Draft {
        let meta = Metadata {
            id: format!("{key}-2025-10-29"),
            key: key.into(),
            title: "A constructed report".into(),
            published: Date::parse("2025-10-29").unwrap(),
            publisher: "A constructed outlet".into(),
            url: None,
            language: "en".into(),
            author: None,
        };
        super::propose(text, &meta, Known::default())
    }

    /// The act type of each statement's first claim, in the order of the text.
    pub fn first_acts(d: &Draft) -> Vec<&'static str> {
        d.sentences
            .iter()
            .flat_map(|s| &s.statements)
            .map(|s| s.claims[0].act)
            .collect()
    }
}
