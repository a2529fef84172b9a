#!/usr/bin/env python3
"""Reads partygraph's exports with a second RDF library (rdflib) and checks
the graph against schema/shapes.ttl with a SHACL validator (pyshacl).

Usage: rdf_check.py EXPORT_DIR SHAPES
EXPORT_DIR holds graph.nq, graph.trig, graph.ttl, graph.nt, graph.jsonld and
graph.rdf as `partygraph export` wrote them. Exits 1 with the reason on any
failure; also checks that the shapes do reject a graph with a broken tenure,
so that a passing run means something.
"""
import sys
from pathlib import Path

try:
    import pyshacl
    import rdflib
except ImportError as e:
    sys.exit(f"rdf_check: {e}: install with `python3 -m pip install rdflib pyshacl` (./dev does)")

d, shapes_path = Path(sys.argv[1]), sys.argv[2]
datasets = {"graph.nq": "nquads", "graph.trig": "trig", "graph.jsonld": "json-ld"}
graphs = {"graph.ttl": "turtle", "graph.nt": "nt", "graph.rdf": "xml"}

counts = {}
for name, fmt in datasets.items():
    ds = rdflib.Dataset()
    ds.parse(d / name, format=fmt)
    counts[name] = sum(1 for _ in ds.quads((None, None, None, None)))
if len(set(counts.values())) != 1 or counts["graph.nq"] < 1000:
    sys.exit(f"rdf_check: datasets disagree or are empty: {counts}")

triples = {}
for name, fmt in graphs.items():
    g = rdflib.Graph()
    g.parse(d / name, format=fmt)
    triples[name] = set(g)
ref = triples["graph.nt"]
for name, ts in triples.items():
    if len(ts) != len(ref):
        sys.exit(f"rdf_check: {name} has {len(ts)} triples, graph.nt {len(ref)}")
    # Blank-node-free graphs must hold the same triples in every syntax.
    if ts != ref:
        sys.exit(f"rdf_check: {name} differs from graph.nt: {sorted(ts ^ ref)[:3]}")

shapes = rdflib.Graph()
shapes.parse(shapes_path, format="turtle")
g = rdflib.Graph()
for t in ref:
    g.add(t)
ok, _, text = pyshacl.validate(g, shacl_graph=shapes, inference="none")
if not ok:
    sys.exit("rdf_check: the graph does not conform to the shapes:\n" + text[:4000])

# The shapes must notice a tenure without its person.
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
broken = rdflib.Graph()
for t in ref:
    broken.add(t)
tenure, _, person = next(iter(broken.triples((None, ORG.member, None))))
broken.remove((tenure, ORG.member, person))
ok, _, _ = pyshacl.validate(broken, shacl_graph=shapes, inference="none")
if ok:
    sys.exit("rdf_check: the shapes accept a tenure without org:member")
print(f"rdf_check: {counts['graph.nq']} quads, {len(ref)} triples read back from 6 syntaxes by rdflib {rdflib.__version__}; "
      f"SHACL (pyshacl {pyshacl.__version__}) conforms")
