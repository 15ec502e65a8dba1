//! Bad-input cases for `check`, `chain` and `mutual`: chains too deep to walk by recursion,
//! parties whose circles are past counting, and data those commands cannot use.

use super::*;

/// Statements s0 ... s(n-1), each answering the one before.
fn deep_chain(n: usize) -> String {
    let mut ttl = String::from("@prefix cg: <https://claimgraph.org/ns#> .\n");
    for i in 0..n {
        ttl.push_str(&format!("<http://a/s{i}> a cg:Statement"));
        if i > 0 {
            ttl.push_str(&format!(" ; cg:respondsTo <http://a/s{}>", i - 1));
        }
        ttl.push_str(" .\n");
    }
    ttl
}

/// n parties, each accusing every other: circles of every length, in numbers past counting
/// (and one reply, as `mutual` wants data with links).
fn all_accuse(n: usize) -> String {
    let mut ttl = String::from(
        "@prefix cg: <https://claimgraph.org/ns#> .\n<http://a/c1-0> cg:respondsTo <http://a/c0-1> .\n",
    );
    for x in 0..n {
        for y in (0..n).filter(|&y| y != x) {
            ttl.push_str(&format!(
                "<http://a/c{x}-{y}> a cg:Claim ; cg:actType cg:Accusation ; \
                 cg:claimant <http://a/p{x}> ; cg:target <http://a/p{y}> .\n"
            ));
        }
    }
    ttl
}

pub(super) fn check_and_chain_cases() -> Vec<Case> {
    vec![
        Case::new(
            "check an act answering itself",
            &["--data", "self.trig", "check"],
            Expect::Exit(
                3,
                "[3] <http://a/s>: response link cg:counterAccuses points back at the act itself",
            ),
        )
        .setup(|d| put(d, "self.trig", CHAIN_DATA)),
        Case::new(
            "check a link to no act",
            &["--data", "self.trig", "check"],
            Expect::Exit(3, "joins something that is not an act"),
        )
        .setup(|d| put(d, "self.trig", CHAIN_DATA)),
        Case::new(
            "chain from an unknown act",
            &["chain", "--from", "stmt:no-such-act"],
            Expect::Error(1, "no act is called"),
        ),
        Case::new(
            "chain on data without links",
            &["--data", "plain.nt", "chain", "--all"],
            Expect::Error(1, "the data has no response or causal links"),
        )
        .setup(|d| put(d, "plain.nt", NT)),
        Case::new(
            "mutual on data without links",
            &["--data", "plain.nt", "mutual"],
            Expect::Error(1, "the data has no response or causal links"),
        )
        .setup(|d| put(d, "plain.nt", NT)),
        Case::new(
            "chain along ten thousand acts",
            &["--data", "deep.ttl", "chain", "--from", "<http://a/s0>"],
            Expect::Output("(stopped 100 steps away: 1 act goes further; walk on with claimgraph chain --from ACT: <http://a/s100>)"),
        )
        .setup(|d| put(d, "deep.ttl", deep_chain(10_000)))
        .timeout(60),
        Case::new(
            "chain between one party twice",
            &["chain", "--between", "Pakistan", "pakistan"],
            Expect::Error(2, "--between needs two different parties: Pakistan and pakistan name the same party"),
        ),
        Case::new(
            "mutual circles among 13 parties who all accuse each other",
            &["--data", "thirteen.ttl", "mutual", "--actors", "--max-cycle", "1000"],
            Expect::Output("Each of these 13 parties is led back to itself through accusations"),
        )
        .setup(|d| put(d, "thirteen.ttl", all_accuse(13)))
        .timeout(60),
        Case::new(
            "chain with control characters in the data",
            &["--data", "escapes.ttl", "chain", "--from", "<http://a/s0>"],
            Expect::Output("· \\u{1b}]0;owned\\u{7}X · "),
        )
        .setup(|d| {
            put(
                d,
                "escapes.ttl",
                "@prefix cg: <https://claimgraph.org/ns#> .\n\
                 @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
                 <http://a/x> rdfs:label \"\\u001B]0;owned\\u0007X\" .\n\
                 <http://a/s0> a cg:Statement ; cg:speaker <http://a/x> .\n\
                 <http://a/s1> a cg:Statement ; cg:respondsTo <http://a/s0> .\n",
            )
        }),
        Case::new(
            "chain with control characters in a name",
            &["chain", "--from", "tarar\u{1b}]0;owned\u{7}"],
            Expect::Error(1, "no act is called \"tarar\\u{1b}]0;owned\\u{7}\""),
        ),
    ]
}
