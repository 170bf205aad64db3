#!/usr/bin/env python3
"""Writes the malformed inputs too large to commit into DIR (tests/cli/check_corpus.cmake
and tests/browser/corpus.test.mjs run them; expected.tsv names them like committed files).
Each is built from tests/corpus/good/minimal.json so only the one fault differs."""
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
here = pathlib.Path(__file__).resolve().parent
base = json.loads((here / "good/minimal.json").read_text(encoding="utf-8"))


def write(name, text):
    (out / name).write_text(text, encoding="utf-8")


def variant(name, change):
    doc = json.loads(json.dumps(base))
    change(doc)
    write(name, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))


# A series of 100,000 days (~270 years): over the 36,600-day cap.
variant("huge-values.json", lambda d: d["series"][0].__setitem__("values", [1] * 100000))
# A million-element array where an object belongs.
write("huge-array-document.json", "[" + ",".join(["0"] * 1000000) + "]")
# 200,000 series that are not objects: the report stops at the problem cap.
variant("huge-series-list.json", lambda d: d.__setitem__("series", [0] * 200000))
# 16 MiB in one string.
variant("huge-string.json", lambda d: d.__setitem__("currency", "C" * (16 << 20)))
# 100,000 members in one object, the last one a duplicate key.
members = ",".join('"k%d":0' % i for i in range(100000))
write("many-keys.json", '{"schema":"divboard.snapshot","version":1,"dims":{' + members + ',"k0":1}}')
# Nesting 100,000 deep through objects, and through mixed arrays and objects.
write("deep-object.json", '{"a":' * 100000)
write("deep-mixed.json", '[{"a":' * 50000)

# Valid inputs that must load, kept out of tests/corpus/good because other tools (the schema
# test reads good/ with Python's json) do not skip a byte-order mark the way divboard does.
(out / "good").mkdir(exist_ok=True)
(out / "good/bom-utf8.json").write_bytes(b"\xef\xbb\xbf" + (here / "good/minimal.json").read_bytes())
