#!/usr/bin/env python3
"""Writes a generated corpus of N sources for the corroboration benchmark (benches/corroborate.sh).

Usage: python3 benches/corroborate_gen.py N OUTDIR [SEED]

Each source is a short report of five statements, grounded as ingest grounds them: the source
record with its text file and SHA-256, one mention per sentence, one graph per sentence holding a
statement (speaker, date, attribution) and the claim it conveys (act type, claimant). Speakers are
200 people affiliated with 10 states; dates fall over a year; sentences are words drawn from a
vocabulary of 3,000 made-up words. A fifth of the sources are reprints of an earlier source (the
same sentences under another dateline), and three statements in ten restate an earlier statement
of another source: the same speaker, a date one day off at most, half of its words kept. That
gives the scorer real work: copies, restatements and a great many near misses (same speaker,
another day or other words). Deterministic for a given N and SEED.
"""

import hashlib
import random
import sys
from pathlib import Path

PREFIXES = """@prefix cg: <https://claimgraph.org/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix actor: <https://claimgraph.org/id/actor/> .
@prefix stmt: <https://claimgraph.org/id/statement/> .
@prefix claim: <https://claimgraph.org/id/claim/> .
@prefix source: <https://claimgraph.org/id/source/> .
@prefix mention: <https://claimgraph.org/id/mention/> .
@prefix graph: <https://claimgraph.org/id/graph/> .
"""
TYPES = ["Accusation", "Denial", "Demand", "Threat", "Appeal", "Justification", "Assessment"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def date_of(day: int) -> tuple[str, str]:
    """Day 0..364 of 2025 as (xsd:date, words)."""
    m = 0
    while day >= DAYS[m]:
        day -= DAYS[m]
        m += 1
    return f"2025-{m + 1:02d}-{day + 1:02d}", f"{MONTHS[m]} {day + 1}"


def lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    syllables = ["ka", "lo", "mi", "ter", "san", "vo", "rid", "pu", "nex", "dal", "qui", "bor", "fen", "shi", "tam"]
    vocab = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(4000)})[:3000]
    people = [(f"gen-person-{i}", f"Person {i:03d}") for i in range(200)]
    (out / "sources").mkdir(parents=True, exist_ok=True)
    ttl = [PREFIXES]
    for s in range(10):
        ttl.append(f'graph:gen-actors {{ actor:gen-state-{s} a cg:State ; rdfs:label "State {s}" . }}\n')
    for i, (slug, label) in enumerate(people):
        ttl.append(f'graph:gen-actors {{ actor:{slug} a cg:Person ; rdfs:label "{label}" ; cg:affiliatedWith actor:gen-state-{i % 10} . }}\n')
    statements = []  # (speaker index, day, words) of every statement so far
    stories = []  # sentence lists of earlier sources
    for k in range(n):
        sid = f"gen-{k:05d}"
        if stories and rng.random() < 0.2:
            sentences = list(rng.choice(stories))
        else:
            sentences = []
            for _ in range(5):
                if statements and rng.random() < 0.3:
                    who, day, words = rng.choice(statements)
                    day = min(364, max(0, day + rng.randint(-1, 1)))
                    words = [w if rng.random() < 0.5 else rng.choice(vocab) for w in words]
                else:
                    who, day, words = rng.randrange(len(people)), rng.randrange(365), rng.sample(vocab, 12)
                statements.append((who, day, words))
                sentences.append((who, day, words, rng.choice(TYPES)))
            stories.append(sentences)
        text = f"Generated report {sid}\n" + "".join(
            f"{people[who][1]} said on {date_of(day)[1]} that {' '.join(words)} (item {j} of {sid}).\n"
            for j, (who, day, words, _) in enumerate(sentences)
        )
        data = text.encode("utf-8")
        (out / "sources" / f"{sid}.txt").write_bytes(data)
        ttl.append(f"""source:{sid} a cg:Source ; rdfs:label "Generated report {sid}" ; cg:textFile "sources/{sid}.txt" ;
    cg:sha256 "{hashlib.sha256(data).hexdigest()}" ; dcterms:date "2025-12-31"^^xsd:date .
""")
        for j, (who, day, words, act) in enumerate(sentences):
            exact = f"{people[who][1]} said on {date_of(day)[1]} that {' '.join(words)} (item {j} of {sid})."
            m, g = f"mention:{sid}\\/s{j}", f"graph:{sid}\\/s{j}"
            ttl.append(f"""{m} a cg:Mention ; oa:hasSource source:{sid} ;
    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact {lit(exact)} ] .
{g} prov:wasDerivedFrom {m} .
{g} {{
    stmt:{sid}-s{j} a cg:Statement ; rdfs:label {lit(' '.join(words[:4]))} ; cg:speaker actor:{people[who][0]} ;
        cg:attribution cg:Paraphrase ; cg:date "{date_of(day)[0]}"^^xsd:date ; cg:conveys claim:{sid}-s{j} .
    claim:{sid}-s{j} a cg:Claim ; rdfs:label {lit(' '.join(words[:6]))} ; cg:actType cg:{act} ; cg:claimant actor:{people[who][0]} .
}}
""")
    (out / "generated.trig").write_text("".join(ttl), encoding="utf-8")


if __name__ == "__main__":
    main()
