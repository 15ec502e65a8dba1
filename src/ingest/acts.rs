//! The act types that take more than a cue: the kind of the author's own analysis (a
//! prediction, a recommendation, a pessimistic comment or an assessment), and which act types
//! are aimed at someone, so that their claims get a proposed `cg:target`.

/// Act types aimed at someone: accusations, criticism, denials, rejections, demands, appeals,
/// threats, rebuttals. Their claims get a proposed `cg:target`.
const AIMED: &[&str] = &[
    "Accusation",
    "CounterAccusation",
    "AccusationOfAggression",
    "Criticism",
    "Denial",
    "Rejection",
    "Demand",
    "Appeal",
    "Threat",
    "MilitaryThreat",
    "Ultimatum",
    "Rebuttal",
];

/// Words that make the author's own analysis a pessimistic comment (CAMEO 012) rather than a
/// neutral assessment: loss, decline, danger and doubt.
const PESSIMISTIC: &[&str] = &[
    " tragically ",
    " tragic ",
    " in tatters",
    " setback",
    " grim ",
    " bleak",
    " deteriorat",
    " eroded",
    " erosion ",
    " insurmountable",
    " in limbo",
    " precarious",
    " precarity",
    " uncertain ",
    " hangs by a thread",
    " fraught ",
    " dire ",
    " perilous",
];

/// Whether claims of this act type are aimed at someone (and so get a target).
pub fn is_aimed(act: &str) -> bool {
    AIMED.contains(&act)
}

/// The act type of a sentence of the author's own analysis, from its words.
pub fn of_author(text: &str) -> &'static str {
    let lower = format!(" {} ", text.to_lowercase());
    if [" will ", " likely ", " poised to ", " probability "]
        .iter()
        .any(|w| lower.contains(w))
    {
        "Prediction"
    } else if [" must ", " should ", " need to ", " needs to "]
        .iter()
        .any(|w| lower.contains(w))
    {
        "Recommendation"
    } else if PESSIMISTIC.iter().any(|w| lower.contains(w)) {
        "PessimisticComment"
    } else {
        "Assessment"
    }
}
