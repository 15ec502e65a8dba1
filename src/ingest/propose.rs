//! From a sentence to proposed statements: each cue gives a speaker (or joins the cue before it),
//! statements of one speaker merge, and each gets an attribution mode, a hedge, a channel, a
//! date, claims typed by their cues, and candidate response links to acts already known.

use super::actors::Actors;
use super::acts;
use super::cues::{self, CueKind, Hit, Token};
use super::dates::{self, Date, When};
use super::speaker::{self, Speaker};
use super::text::{self, Quoted};

/// An act already in the graph (or proposed earlier in this draft) that a reply may answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAct {
    pub iri: String,
    /// IRIs of its speakers or claimants.
    pub by: Vec<String>,
    /// Its label, paraphrase and quotes: what a reply's words are compared with.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Local name of a concept of `cg:ActTypeScheme`.
    pub act: &'static str,
    pub label: String,
    /// What is claimed, in full: the words the cue reports (or the sentence), for the curator to
    /// reword; the corpus gives every claim a `cg:paraphrase`.
    pub paraphrase: String,
    pub quotes: Vec<String>,
    /// Who an act aimed at someone is aimed at (`cg:target`): the first known actor its words
    /// name, other than its speaker.
    pub target: Option<usize>,
    /// The first known actor its words name other than its speaker, aimed or not.
    pub(super) named: Option<usize>,
    /// Byte offsets of the cue that proposed it, in the sentence.
    cue: (usize, usize),
}

/// When a statement was made, as far as the text says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dating {
    pub date: Option<Date>,
    pub earliest: Option<Date>,
    pub latest: Option<Date>,
    /// The text's own words for the time.
    pub words: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Local name of a sub-property of `cg:respondsTo`.
    pub property: &'static str,
    pub target: String,
    /// Why: the words the reply shares with the act it answers.
    pub why: String,
}

/// A proposed statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Index in the actor table; `None` when no speaker could be read (check will say so).
    pub speaker: Option<usize>,
    pub reported_by: Option<usize>,
    pub attribution: Vec<&'static str>,
    pub channel: Option<&'static str>,
    pub hedge: Option<String>,
    pub dating: Dating,
    pub claims: Vec<Claim>,
    /// Each cue and what kind it is: "accused (reporting verb)".
    pub cues: Vec<String>,
    pub confidence: f64,
    pub links: Vec<Link>,
    /// The author's own analysis: no cue attributes the sentence.
    pub author: bool,
    /// Its speaker is named by a pronoun, a title or a surname: the one spoken of before.
    pub refers_back: bool,
    /// Byte offsets in the sentence: where its speaker phrase (or cue) starts and its cue ends.
    clause: (usize, usize),
}

/// Proposes statements sentence by sentence, remembering the last speaker for coreference.
pub struct Proposer<'a> {
    pub actors: &'a mut Actors,
    pub published: Date,
    /// The source's author, speaker of its own analysis.
    pub author: usize,
    /// The document's "unnamed reports" actor, once a hedge needs it.
    pub reports: Option<usize>,
    /// The document's key (`Metadata::key`): its "unnamed reports" actor is `actor:KEY-unnamed-reports`.
    pub doc: String,
    pub acts: Vec<KnownAct>,
    last_speaker: Option<usize>,
}

const NAMING: &[&str] = &["call", "term", "deem", "describe"];

fn cue_kind(kind: CueKind) -> &'static str {
    match kind {
        CueKind::Verb => "reporting verb",
        CueKind::Participle => "reporting verb, same speaker",
        CueKind::Noun => "reporting noun",
        CueKind::Passive => "passive report",
        CueKind::Hedge => "hedge",
        CueKind::According => "according to",
    }
}

impl<'a> Proposer<'a> {
    pub fn new(
        actors: &'a mut Actors,
        published: Date,
        author: usize,
        doc: &str,
        acts: Vec<KnownAct>,
    ) -> Self {
        Proposer {
            actors,
            published,
            author,
            reports: None,
            doc: doc.to_owned(),
            acts,
            last_speaker: None,
        }
    }

    /// The statements a content sentence reports; the author's analysis when no cue fits.
    pub fn sentence(&mut self, text: &str) -> Vec<Statement> {
        let toks = cues::tokens(text);
        let hits = cues::find(text, &toks);
        let subjects: Vec<(usize, usize)> = hits
            .iter()
            .filter(|h| h.kind == CueKind::Verb)
            .filter_map(|h| speaker::subject_span(&toks, h.first))
            .collect();
        let inside = |h: &Hit| subjects.iter().any(|&(f, l)| h.first >= f && h.last <= l);
        let mut found: Vec<Statement> = Vec::new();
        for (n, hit) in hits.iter().enumerate() {
            if matches!(hit.kind, CueKind::Noun | CueKind::Hedge) && inside(hit) {
                continue;
            }
            self.cue(&toks, &hits, n, &mut found);
        }
        relay(&toks, &mut found, self);
        let mut merged = merge(found);
        if merged.is_empty() {
            merged.push(self.author_statement(text));
        }
        let quotes = text::quoted(text);
        let dates = dates::find(text, self.published);
        let count = merged.len();
        for i in 0..count {
            let next = merged.get(i + 1).map_or(text.len(), |s| s.clause.0);
            self.finish(text, &toks, &quotes, &dates, next, &mut merged[i]);
        }
        super::sides::aim_at_other_side(&mut merged, self.actors);
        if let Some(s) = merged
            .iter()
            .rev()
            .find_map(|s| s.speaker.filter(|_| !s.author))
        {
            self.last_speaker = Some(s);
        }
        merged
    }

    fn reports_actor(&mut self) -> usize {
        if let Some(r) = self.reports {
            return r;
        }
        let r = self.actors.propose_with_iri(
            &format!("{}-unnamed-reports", self.doc),
            "unnamed reports",
            "AnonymousSource",
        );
        self.reports = Some(r);
        r
    }

    /// Reads one cue: a new statement, or more for the one before.
    fn cue(&mut self, toks: &[Token], hits: &[Hit], n: usize, found: &mut Vec<Statement>) {
        let hit = &hits[n];
        let act = super::sides::rejecting(cues::refine(hit.lexeme.act, toks), toks, hit.last);
        let cue = format!("{} ({})", hit.words, cue_kind(hit.kind));
        let cue_end = toks[hit.last].end;
        let cue_span = (toks[hit.first].start, cue_end);
        let context = found.last().and_then(|s| s.speaker).or(self.last_speaker);
        let (speakers, start): (Vec<Speaker>, usize) = match hit.kind {
            CueKind::Participle => {
                if let Some(last) = found.last_mut() {
                    add_claim(last, act, cue, cue_span);
                }
                return;
            }
            CueKind::Passive | CueKind::Hedge => {
                let r = self.reports_actor();
                let hedge = Some(hit.words.clone());
                // "X reportedly said": the hedge qualifies X's statement (see `relay`).
                let mut s = statement(Some(r), act, cue, cue_span, 0.55);
                s.hedge = hedge;
                found.push(s);
                return;
            }
            CueKind::According => (
                self.agent(toks, hit.last + 1, context),
                toks[hit.first].start,
            ),
            CueKind::Noun => (self.noun_speaker(toks, hit, context), toks[hit.first].start),
            CueKind::Verb => match self.verb_speaker(toks, hit, context) {
                Some(found_speakers) => found_speakers,
                None => {
                    // "insisted on X and denied Y": the same speaker goes on.
                    if coordinated(toks, hit.first) {
                        if let Some(last) = found.last_mut() {
                            add_claim(last, act, cue, cue_span);
                        }
                    }
                    return;
                }
            },
        };
        let base = match (hit.kind, hit.lexeme.weak) {
            (CueKind::Verb | CueKind::According, false) => 0.85,
            (CueKind::Verb, true) => 0.6,
            _ => 0.6,
        };
        for sp in speakers {
            let known = !self.actors.list[sp.actor].new;
            let confidence =
                base + if known { 0.05 } else { 0.0 } - if sp.coreferent { 0.1 } else { 0.0 };
            let mut s = statement(
                Some(sp.actor),
                act,
                cue.clone(),
                (start.min(toks[sp.span.0].start), cue_end),
                confidence,
            );
            s.claims[0].cue = cue_span;
            let actor = &self.actors.list[sp.actor];
            let named = toks[sp.span.0..=sp.span.1]
                .iter()
                .filter(|t| t.is_word())
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            s.refers_back = sp.coreferent || (actor.class == "Person" && named != actor.label);
            if hit.lexeme.hedging {
                s.hedge = Some(hit.words.clone());
            }
            found.push(s);
        }
    }

    /// A verb's speaker: its agent after "by", its subject, or the "For X," of a passive
    /// judgement ("For Pakistan, any arrangement is deemed untenable"). Also where it starts.
    fn verb_speaker(
        &mut self,
        toks: &[Token],
        hit: &Hit,
        context: Option<usize>,
    ) -> Option<(Vec<Speaker>, usize)> {
        if toks.get(hit.last + 1).is_some_and(|t| t.lower == "by") {
            let found = self.agent(toks, hit.last + 2, context);
            return (!found.is_empty()).then(|| (found, toks[hit.first].start));
        }
        let passive = (hit.first.saturating_sub(2)..hit.first)
            .any(|i| ["is", "are", "was", "were", "been"].contains(&toks[i].lower.as_str()));
        let span = speaker::subject_span(toks, hit.first);
        let found = span
            .map(|s| self.resolve(toks, s, context))
            .unwrap_or_default();
        if !found.is_empty() {
            return Some((found, toks[span?.0].start));
        }
        if passive && toks.first().is_some_and(|t| t.lower == "for") {
            let comma = toks.iter().position(|t| t.text == ",")?;
            let found = self.resolve(toks, (1, comma - 1), context);
            return (!found.is_empty()).then_some((found, 0));
        }
        None
    }

    fn agent(&mut self, toks: &[Token], from: usize, context: Option<usize>) -> Vec<Speaker> {
        speaker::right_span(toks, from)
            .map(|span| self.resolve(toks, span, context))
            .unwrap_or_default()
    }

    /// The actor a phrase names; bare "reports" are the document's unnamed reports.
    fn resolve(
        &mut self,
        toks: &[Token],
        span: (usize, usize),
        context: Option<usize>,
    ) -> Vec<Speaker> {
        let words: Vec<&str> = toks[span.0..=span.1]
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.lower.as_str())
            .collect();
        if matches!(
            words.as_slice(),
            ["reports"] | ["media" | "news" | "the" | "some" | "other", "reports"]
        ) {
            return vec![Speaker {
                actor: self.reports_actor(),
                coreferent: false,
                span,
            }];
        }
        speaker::resolve(self.actors, toks, span, context)
    }

    /// A noun's speaker: its possessor ("Kabul’s denial"), a demonym before it ("the Pakistani
    /// assertion"), or an agent after it ("the call from X", "a warning delivered by X").
    fn noun_speaker(&mut self, toks: &[Token], hit: &Hit, context: Option<usize>) -> Vec<Speaker> {
        let noun = hit.first;
        if let Some(span) = speaker::possessor_span(toks, noun) {
            let found = self.resolve(toks, span, context);
            if !found.is_empty() {
                return found;
            }
            if let Some(c) = toks[span.0..=span.1]
                .iter()
                .find_map(|t| self.actors.country_of(&t.text))
            {
                return vec![Speaker {
                    actor: c,
                    coreferent: false,
                    span,
                }];
            }
        }
        if let Some(c) = noun
            .checked_sub(1)
            .and_then(|i| self.actors.country_of(&toks[i].text))
        {
            return vec![Speaker {
                actor: c,
                coreferent: false,
                span: (noun - 1, noun - 1),
            }];
        }
        let next = toks.get(noun + 1).map(|t| t.lower.as_str());
        let after = toks.get(noun + 2).map(|t| t.lower.as_str());
        let agent_at = match (next, after) {
            (Some("from" | "by" | "among"), _) => Some(noun + 2),
            (Some(p), Some("by")) if cues::AGENT_PARTICIPLES.contains(&p) => Some(noun + 3),
            _ => None,
        };
        if let Some(at) = agent_at {
            return self.agent(toks, at, context);
        }
        if toks[noun].lower.starts_with("report") {
            let r = self.reports_actor();
            return vec![Speaker {
                actor: r,
                coreferent: false,
                span: (noun, noun),
            }];
        }
        Vec::new()
    }

    fn author_statement(&mut self, text: &str) -> Statement {
        let act = acts::of_author(text);
        let mut s = statement(
            Some(self.author),
            act,
            "no attribution cue: the author's own voice".into(),
            (0, 0),
            0.4,
        );
        s.author = true;
        s.attribution = vec!["AuthorAnalysis"];
        s.channel = Some("PublishedText");
        s.dating = Dating {
            date: Some(self.published),
            ..Dating::default()
        };
        s.claims[0].label = clip(text, 140);
        s.claims[0].paraphrase = text.trim().to_owned();
        s
    }

    /// Attribution, quotes, date, channel, labels and links of a statement.
    fn finish(
        &mut self,
        text: &str,
        toks: &[Token],
        quotes: &[Quoted],
        found_dates: &[dates::Found],
        next: usize,
        s: &mut Statement,
    ) {
        if s.author {
            return;
        }
        let (from, cue_end) = s.clause;
        let in_clause: Vec<&Quoted> = quotes
            .iter()
            .filter(|q| q.start >= from && q.start < next.max(cue_end + 1))
            .collect();
        let anonymous = s
            .speaker
            .is_some_and(|a| self.actors.list[a].class == "AnonymousSource");
        s.attribution = match (s.reported_by, anonymous, in_clause.is_empty()) {
            // "reports indicated that X said": relayed; by sources, anonymously too.
            (Some(r), _, _)
                if Some(r) == self.reports || self.actors.list[r].class != "AnonymousSource" =>
            {
                vec!["ReportedViaThirdParty"]
            }
            (Some(_), _, _) => vec!["AnonymousSourcing", "ReportedViaThirdParty"],
            (None, true, true) => vec!["AnonymousSourcing"],
            (None, true, false) => vec!["AnonymousSourcing", "DirectQuote"],
            (None, false, true) => vec!["Paraphrase"],
            (None, false, false) if naming_quote(toks, s, &in_clause) => vec!["DirectQuote"],
            (None, false, false) => vec!["DirectQuote", "Paraphrase"],
        };
        let region_end = next.max(cue_end);
        let starts: Vec<usize> = s.claims.iter().map(|c| c.cue.0).collect();
        let speakers = [s.speaker, s.reported_by];
        for (k, c) in s.claims.iter_mut().enumerate() {
            let to = starts
                .iter()
                .copied()
                .filter(|&x| x > c.cue.0)
                .min()
                .unwrap_or(region_end)
                .clamp(c.cue.1, region_end.max(c.cue.1));
            let lower = if k == 0 { from } else { c.cue.0 };
            c.quotes = quotes
                .iter()
                .filter(|q| q.start >= lower && q.start < to)
                .map(|q| q.text.clone())
                .collect();
            let at = |byte: usize| toks.iter().position(|t| t.start >= byte);
            let from = at(c.cue.1).unwrap_or(toks.len());
            let until = at(to).unwrap_or(toks.len()).max(from);
            c.named = self
                .actors
                .names_in(toks, from, until)
                .into_iter()
                // "a warning delivered by Ruritania's minister": the agent's side, not a target.
                .filter(|&(first, _, _)| first == 0 || toks[first - 1].lower != "by")
                .map(|(_, _, a)| a)
                .find(|&a| Some(a) != s.speaker && Some(a) != s.reported_by);
            if acts::is_aimed(c.act) {
                c.target = c
                    .named
                    .or_else(|| self.demonym_target(toks, from, until, speakers));
            }
            let complement = complement_of(&text[c.cue.1..to]);
            (c.label, c.paraphrase) = if complement.split_whitespace().count() >= 3 {
                let whole = capitalise(&clip(&complement, usize::MAX));
                (capitalise(&clip(&complement, 140)), format!("{whole}."))
            } else {
                (clip(text, 140), text.trim().to_owned())
            };
        }
        s.dating = self.dating(found_dates, from, cue_end, quotes);
        s.channel = cues::channel(text);
        s.links = self.links(s, &text[cue_end..next.max(cue_end)]);
    }

    /// "the Pakistani side", "unilateral Pakistani cross-border strikes": when no actor is
    /// named, a country's adjective names its state as the target.
    fn demonym_target(
        &mut self,
        toks: &[Token],
        from: usize,
        until: usize,
        speakers: [Option<usize>; 2],
    ) -> Option<usize> {
        let word = toks
            .get(from..until)?
            .iter()
            .find(|t| t.is_capitalised() && super::actors::country_of(&t.text).is_some())?;
        let a = self.actors.country_of(&word.text)?;
        (!speakers.contains(&Some(a))).then_some(a)
    }

    fn dating(
        &self,
        found: &[dates::Found],
        from: usize,
        cue_end: usize,
        quotes: &[Quoted],
    ) -> Dating {
        let quoted = |at: usize| quotes.iter().any(|q| at >= q.start && at < q.end);
        let near = found
            .iter()
            .find(|d| d.start + 1 >= from && d.start <= cue_end + 60 && !quoted(d.start));
        let mut dating = Dating {
            latest: Some(self.published),
            ..Dating::default()
        };
        let Some(d) = near else { return dating };
        match (&d.when, d.as_of) {
            (When::Day(day), true) if *day <= self.published => dating.earliest = Some(*day),
            (When::Day(day), false) if *day <= self.published => {
                dating = Dating {
                    date: Some(*day),
                    ..Dating::default()
                };
            }
            (When::Between(a, b), _) if *a <= self.published => {
                dating.earliest = Some(*a);
                dating.latest = Some((*b).min(self.published));
            }
            _ => return dating,
        }
        dating.words = Some(d.words.clone());
        if d.year_inferred {
            dating.note = Some(format!(
                "\"{}\": the year is read from the publication date.",
                d.words
            ));
        }
        dating
    }

    /// Response links the words support: a denial, rejection or counter-accusation (or "in
    /// response to") answers the known act whose words it shares most, by someone else.
    fn links(&self, s: &Statement, object: &str) -> Vec<Link> {
        let lower = object.to_lowercase();
        let property = s
            .claims
            .iter()
            .find_map(|c| cues::response_of(c.act))
            .or_else(|| {
                cues::RESPONSES
                    .iter()
                    .find(|(w, _)| lower.contains(w))
                    .map(|(_, p)| *p)
            });
        let Some(property) = property else {
            return Vec::new();
        };
        let ours = s.speaker.map(|a| self.actors.list[a].iri.clone());
        let words = content_words(object);
        // Rare words weigh more: "facilitating" tells acts apart, "Pakistan" does not.
        let texts: Vec<Vec<String>> = self.acts.iter().map(|a| content_words(&a.text)).collect();
        let count = |w: &String| texts.iter().filter(|t| t.contains(w)).count();
        let total = texts.len();
        let weight = |w: &String| ((total + 1) as f64 / (count(w) + 1) as f64).ln() + 1.0;
        let rare = |w: &String| count(w) <= (total / 20).max(1);
        let best = self
            .acts
            .iter()
            .zip(&texts)
            .filter(|(a, _)| ours.as_ref().is_none_or(|o| !a.by.contains(o)))
            .map(|(a, theirs)| {
                let shared: Vec<&String> = words.iter().filter(|w| theirs.contains(w)).collect();
                let score: f64 = shared.iter().map(|w| weight(w)).sum();
                (score, a, shared)
            })
            .filter(|(_, _, shared)| shared.len() >= 2 && shared.iter().any(|w| rare(w)))
            .max_by(|x, y| x.0.total_cmp(&y.0).then_with(|| y.1.iri.cmp(&x.1.iri)));
        best.map(|(_, a, shared)| Link {
            property,
            target: a.iri.clone(),
            why: format!(
                "shares {}",
                shared
                    .iter()
                    .map(|w| w.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .into_iter()
        .collect()
    }
}

impl Statement {
    /// Takes in the statement of the next sentence of the same passage, by the same speaker.
    pub fn absorb(&mut self, next: Statement) {
        if !super::sides::spell_out(&mut self.claims, &next.claims) {
            self.claims.extend(next.claims);
        }
        self.cues.extend(next.cues);
        for mode in next.attribution {
            if !self.attribution.contains(&mode) {
                self.attribution.push(mode);
            }
        }
        const ORDER: [&str; 5] = [
            "AnonymousSourcing",
            "DirectQuote",
            "Paraphrase",
            "ReportedViaThirdParty",
            "AuthorAnalysis",
        ];
        self.attribution
            .sort_by_key(|m| ORDER.iter().position(|o| o == m));
        self.hedge = self.hedge.take().or(next.hedge);
        self.channel = self.channel.or(next.channel);
        self.links.extend(next.links);
        self.confidence = self.confidence.min(next.confidence);
    }
}

fn statement(
    speaker: Option<usize>,
    act: &'static str,
    cue: String,
    clause: (usize, usize),
    confidence: f64,
) -> Statement {
    Statement {
        speaker,
        reported_by: None,
        attribution: Vec::new(),
        channel: None,
        hedge: None,
        dating: Dating::default(),
        claims: vec![Claim {
            act,
            label: String::new(),
            paraphrase: String::new(),
            quotes: Vec::new(),
            target: None,
            named: None,
            cue: clause,
        }],
        cues: vec![cue],
        confidence: (confidence * 100.0).round() / 100.0,
        links: Vec::new(),
        author: false,
        refers_back: false,
        clause,
    }
}

fn add_claim(
    s: &mut Statement,
    act: &'static str,
    cue: String,
    (cue_start, cue_end): (usize, usize),
) {
    // "noted that ..., suggesting ...": a plain cue adds nothing to a report.
    let plain = |c: &Claim| act == "MakeStatement" && c.act == "Report";
    if !s.claims.iter().any(|c| c.act == act || plain(c)) {
        s.claims.push(Claim {
            act,
            label: String::new(),
            paraphrase: String::new(),
            quotes: Vec::new(),
            target: None,
            named: None,
            cue: (cue_start, cue_end),
        });
    }
    s.cues.push(cue);
    s.clause.1 = s.clause.1.max(cue_end);
}

/// "and denied": a verb whose subject is the one before it.
fn coordinated(toks: &[Token], verb: usize) -> bool {
    (verb.saturating_sub(3)..verb)
        .rev()
        .any(|i| toks[i].lower == "and")
}

/// "what its officials called “actionable evidence”": the quote is the whole report.
fn naming_quote(toks: &[Token], s: &Statement, quotes: &[&Quoted]) -> bool {
    let cue = s
        .cues
        .first()
        .map(|c| c.split(' ').next().unwrap_or("").to_lowercase())
        .unwrap_or_default();
    let naming = cues::VERBS.iter().any(|(_, forms)| {
        NAMING.contains(&forms.split(' ').next().unwrap_or(""))
            && forms.split(' ').any(|f| f == cue)
    });
    let right_after = quotes.first().is_some_and(|q| {
        toks.iter()
            .any(|t| t.end <= q.start && t.end + 4 >= q.start && t.lower == cue)
    });
    naming && right_after
}

/// "SOURCES indicated that X said ...": X speaks, relayed by the sources; "X reportedly said":
/// X speaks, relayed by unnamed reports.
fn relay(toks: &[Token], found: &mut Vec<Statement>, p: &Proposer<'_>) {
    let mut i = 0;
    while i + 1 < found.len() {
        let (outer, inner) = (&found[i], &found[i + 1]);
        let relaying = outer.speaker.is_some_and(|a| {
            let class = p.actors.list[a].class.as_str();
            class == "AnonymousSource" || class == "Collective"
        }) && outer
            .claims
            .iter()
            .all(|c| ["MakeStatement", "Report", "Confirmation"].contains(&c.act));
        let that = toks
            .iter()
            .position(|t| t.start >= outer.clause.1)
            .filter(|&k| toks[k].lower == "that");
        let inner_named = inner
            .speaker
            .is_some_and(|a| p.actors.list[a].class != "AnonymousSource");
        let adjacent =
            that.is_some_and(|k| toks.get(k + 1).is_some_and(|t| t.start == inner.clause.0));
        let hedge_between = outer.hedge.is_some()
            && outer.clause.0 > inner.clause.0
            && outer.clause.1 < inner.clause.1;
        if relaying && inner_named && (adjacent || hedge_between) {
            let outer = found.remove(i);
            let inner = &mut found[i];
            inner.reported_by = outer.speaker;
            inner.hedge = Some(
                outer
                    .hedge
                    .clone()
                    .unwrap_or_else(|| outer.cues[0].split(" (").next().unwrap_or("").to_owned()),
            );
            inner.cues.splice(0..0, outer.cues);
        } else {
            i += 1;
        }
    }
}

/// One statement per speaker and sentence: later cues of the same speaker add claims.
fn merge(found: Vec<Statement>) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for s in found {
        match out.iter_mut().find(|o| o.speaker == s.speaker) {
            Some(o) => {
                for c in s.claims {
                    if !o.claims.iter().any(|x| x.act == c.act) {
                        o.claims.push(c);
                    }
                }
                o.cues.extend(s.cues);
                o.hedge = o.hedge.take().or(s.hedge);
                o.reported_by = o.reported_by.or(s.reported_by);
                o.confidence = o.confidence.max(s.confidence);
                o.clause = (o.clause.0.min(s.clause.0), o.clause.1.max(s.clause.1));
            }
            None => out.push(s),
        }
    }
    out.sort_by_key(|s| s.clause.0);
    out
}

const STOP: &[&str] = &[
    "that", "this", "with", "from", "have", "their", "they", "which", "were", "been", "into",
    "about", "would", "could", "against", "other", "there", "these", "those", "side", "said",
];

fn content_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 4 && !STOP.contains(&w.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What a cue reports: the words after it, from after its "that" when one comes soon
/// ("announced on Wednesday that X" → "X").
fn complement_of(after: &str) -> String {
    let after = after.trim_start_matches([',', ' ']);
    let words: Vec<&str> = after.split(' ').collect();
    match words.iter().take(8).position(|w| *w == "that") {
        Some(i) => words[i + 1..].join(" "),
        None => after.trim_start_matches("of ").to_owned(),
    }
}

/// At most `max` characters, cut at a word, with "…" when cut; no closing full stop.
pub fn clip(text: &str, max: usize) -> String {
    let text = text.trim().trim_end_matches(['.', ',', ';', ':']);
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':']))
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

#[cfg(test)]
mod tests;
