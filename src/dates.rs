//! Dates that are ranges: how two acts known only by bounds ("by October 19", "between October 19
//! and 26") are put in time order, with what they answer always before the answer, and how their
//! precision is said. The span itself is [`DateSpan`], read with the chain graph.

pub use crate::chain::DateSpan;
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeSet, BinaryHeap};

/// Orders two spans by what is known: by the first known day (the earliest, else the latest);
/// at the same day, a span known only by its latest day ("by October 19": it may be earlier)
/// before one that starts then, and a narrower span before a wider one. Undated spans come last.
pub fn compare(a: &DateSpan, b: &DateSpan) -> Ordering {
    let key = |s: &DateSpan| {
        (
            s.from.or(s.to).unwrap_or(u32::MAX),
            s.from.is_some(),
            s.to.unwrap_or(u32::MAX),
        )
    };
    key(a).cmp(&key(b))
}

/// How much the span tells: "day", "range", "by" (only the latest day), "from" (only the
/// earliest) or "undated".
pub fn precision(span: &DateSpan) -> &'static str {
    match (span.from, span.to) {
        (Some(a), Some(b)) if a == b => "day",
        (Some(_), Some(_)) => "range",
        (None, Some(_)) => "by",
        (Some(_), None) => "from",
        (None, None) => "undated",
    }
}

/// The order in which to show items with these spans: by [`compare`] (ties kept in the order
/// given), except that an item never comes before one it answers. `answers` holds (reply,
/// answered) pairs of indices. Items caught in a circle of answers keep the order of their
/// spans among themselves.
pub fn time_order(spans: &[DateSpan], answers: &[(usize, usize)]) -> Vec<usize> {
    let mut by_time: Vec<usize> = (0..spans.len()).collect();
    by_time.sort_by(|&a, &b| compare(&spans[a], &spans[b]).then(a.cmp(&b)));
    let mut rank = vec![0; spans.len()];
    for (r, &i) in by_time.iter().enumerate() {
        rank[i] = r;
    }
    let edges: BTreeSet<(usize, usize)> = answers
        .iter()
        .copied()
        .filter(|(reply, answered)| {
            reply != answered && *reply < spans.len() && *answered < spans.len()
        })
        .collect();
    let mut waiting = vec![0usize; spans.len()];
    let mut replies: Vec<Vec<usize>> = vec![Vec::new(); spans.len()];
    for &(reply, answered) in &edges {
        waiting[reply] += 1;
        replies[answered].push(reply);
    }
    // Kahn's algorithm, always taking the earliest item whose answered items are all out.
    let mut ready: BinaryHeap<Reverse<usize>> = (0..spans.len())
        .filter(|&i| waiting[i] == 0)
        .map(|i| Reverse(rank[i]))
        .collect();
    let mut out = Vec::with_capacity(spans.len());
    let mut placed = vec![false; spans.len()];
    while let Some(Reverse(r)) = ready.pop() {
        let i = by_time[r];
        placed[i] = true;
        out.push(i);
        for &reply in &replies[i] {
            waiting[reply] -= 1;
            if waiting[reply] == 0 {
                ready.push(Reverse(rank[reply]));
            }
        }
    }
    out.extend(by_time.iter().copied().filter(|&i| !placed[i]));
    out
}

/// "2025-10-29" as a day number (days since 1970-01-01); None for anything else.
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// A day number back as "YYYY-MM-DD".
pub fn day_text(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a year, month (1 to 12) and day (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year, month and day of a day number: the inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_count() {
        let d = day_number("2025-10-29").unwrap();
        assert_eq!(day_text(d), "2025-10-29");
        assert_eq!(d - day_number("2025-10-19").unwrap(), 10);
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    fn span(from: Option<u32>, to: Option<u32>) -> DateSpan {
        DateSpan {
            from,
            to,
            exact: from.is_some() && from == to,
        }
    }

    #[test]
    fn spans_order_by_what_is_known_and_say_their_precision() {
        let by = span(None, Some(20251019));
        let day = span(Some(20251019), Some(20251019));
        let range = span(Some(20251019), Some(20251026));
        let undated = span(None, None);
        let mut spans = vec![undated, range, day, by];
        spans.sort_by(compare);
        assert_eq!(spans, vec![by, day, range, undated]);
        assert_eq!(
            [by, day, range, undated].map(|s| precision(&s)),
            ["by", "day", "range", "undated"]
        );
        assert_eq!(range.to_string(), "2025-10-19…2025-10-26");
        assert_eq!(by.to_string(), "by 2025-10-19");
    }

    #[test]
    fn a_reply_never_comes_before_what_it_answers() {
        // The reply is known only by a bound earlier than the day of what it answers.
        let spans = [
            span(None, Some(20251029)),
            span(Some(20251029), Some(20251029)),
            span(Some(20251001), Some(20251001)),
        ];
        assert_eq!(time_order(&spans, &[]), vec![2, 0, 1]);
        assert_eq!(time_order(&spans, &[(0, 1)]), vec![2, 1, 0]);
        // A circle of answers keeps the order of the spans.
        assert_eq!(time_order(&spans, &[(0, 1), (1, 0)]), vec![2, 0, 1]);
    }
}
