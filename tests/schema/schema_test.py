#!/usr/bin/python3
"""Keeps docs/*.schema.json in step with `divboard check`: the generated sample and the
good corpus must pass the schema, and the schema-level cases of the bad corpus must fail it.
Usage: schema_test.py SOURCE_DIR DIVBOARD_BINARY WORK_DIR"""
import json
import pathlib
import subprocess
import sys

import jsonschema

source, divboard, work = map(pathlib.Path, sys.argv[1:4])
schemas = {
    "divboard.snapshot": json.loads((source / "docs/snapshot.schema.json").read_text()),
    "divboard.manifest": json.loads((source / "docs/manifest.schema.json").read_text()),
}
for schema in schemas.values():
    jsonschema.Draft202012Validator.check_schema(schema)


def errors(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    kind = doc.get("schema") if isinstance(doc, dict) else None
    schema = schemas.get(kind, schemas["divboard.snapshot"])
    return list(jsonschema.Draft202012Validator(schema).iter_errors(doc))


failures = []
sample = work / "schema_sample"
subprocess.run([str(divboard), "gen", "--seed", "7", "--out", str(sample)], check=True, capture_output=True)
good = sorted(sample.glob("*.json")) + sorted((source / "tests/corpus/good").glob("*.json"))
for path in good:
    for e in errors(path)[:3]:
        failures.append(f"{path}: should pass the schema: /{'/'.join(map(str, e.path))}: {e.message}")

# Cases the schema alone can see (others need cross-references or parse-level checks).
schema_level = ["wrong-version", "version-string", "wrong-schema", "metrics-not-array", "missing-currency",
                "bad-time", "unknown-rollup", "negative-fans", "host-name-number", "value-string", "value-bool",
                "bad-id", "manifest-bad-path", "manifest-dotdot", "manifest-empty", "host-monthly-not-object",
                "host-monthly-not-first", "host-monthly-null", "host-monthly-negative", "host-monthly-missing-orders",
                "manifest-bad-hash", "manifest-parts-and-path", "manifest-part-dotdot"]
for name in schema_level:
    path = source / "tests/corpus/bad" / f"{name}.json"
    if not errors(path):
        failures.append(f"{path}: the schema accepts it, but divboard check refuses it")

print("\n".join(failures) if failures else f"schema: {len(good)} valid and {len(schema_level)} invalid files as expected")
sys.exit(1 if failures else 0)
