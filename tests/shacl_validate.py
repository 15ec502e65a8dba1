"""Validates an exported claimgraph dataset against ontology/shapes.ttl with pySHACL.

Usage: shacl_validate.py DUMP.nq SHAPES.ttl ONTOLOGY.ttl...
The graphs of the dump are flattened into one data graph (SHACL sees no graph names;
`claimgraph check` checks where each triple stands). Prints the report; exits 0 when the data
conforms, 1 when it does not.
"""
import sys

import pyshacl
import rdflib


def main() -> int:
    dump, shapes, *ontology = sys.argv[1:]
    dataset = rdflib.Dataset()
    dataset.parse(dump, format="nquads")
    data = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    ont = rdflib.Graph()
    for path in ontology:
        ont.parse(path, format="turtle")
    shacl = rdflib.Graph().parse(shapes, format="turtle")
    # The dump carries the ontology and the shapes in its default graph. pySHACL mixes the
    # ontology back in itself (ont_graph); RDFS inference over a second copy of it, and over the
    # shapes, only costs minutes.
    data -= ont
    data -= shacl
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=shacl, ont_graph=ont, inference="rdfs", advanced=True
    )
    print(text)
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main())
