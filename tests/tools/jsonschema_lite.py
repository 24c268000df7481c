#!/usr/bin/env python3
"""jsonschema_lite.py — validates JSON documents against the schemas of docs/schemas/ with the
Python standard library only.

It implements the subset of JSON Schema (draft 2020-12) that those schemas use: type, enum,
const, properties, required, additionalProperties, items, minItems, maxItems, minLength,
maxLength, pattern, minimum, maximum, allOf, anyOf, oneOf, if/then/else and local $ref
("#/$defs/..."). A keyword outside that subset is an error, not silently ignored, so a
schema cannot claim more than this checks. When the `jsonschema` package is installed, every
document is validated by it as well.

  jsonschema_lite.py SCHEMA FILE          FILE is one JSON document
  jsonschema_lite.py --lines SCHEMA FILE  every non-blank line of FILE is one document
Exit status 0 when every document is valid, 1 otherwise (each error on stderr: where, why).
"""
import json
import re
import sys

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default",
               "format", "$defs", "deprecated", "readOnly"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool)
    or isinstance(v, float) and v.is_integer(),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class SchemaError(Exception):
    pass


def _equal(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def validate(inst, schema, root, path="$"):
    """Returns a list of "path: message" strings; empty when inst is valid."""
    if schema is True:
        return []
    if schema is False:
        return [f"{path}: not allowed"]
    if not isinstance(schema, dict):
        raise SchemaError(f"schema at {path} is not an object")
    unknown = set(schema) - ANNOTATIONS - set(KEYWORDS)
    if unknown:
        raise SchemaError(f"unsupported keyword(s) {sorted(unknown)} (schema for {path})")
    errs = []
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise SchemaError(f"only local $ref is supported: {ref}")
        target = root
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        errs += validate(inst, target, root, path)
    for key in schema:
        if key in KEYWORDS and key != "$ref":
            errs += KEYWORDS[key](inst, schema, root, path)
    return errs


def k_type(inst, s, root, path):
    types = s["type"] if isinstance(s["type"], list) else [s["type"]]
    if any(TYPES[t](inst) for t in types):
        return []
    return [f"{path}: {json.dumps(inst, ensure_ascii=False)[:60]} is not of type {'/'.join(types)}"]


def k_enum(inst, s, root, path):
    if any(_equal(inst, e) for e in s["enum"]):
        return []
    return [f"{path}: {json.dumps(inst, ensure_ascii=False)[:60]} is not one of {s['enum'][:8]}"]


def k_const(inst, s, root, path):
    return [] if _equal(inst, s["const"]) else [f"{path}: must be {json.dumps(s['const'])}"]


def k_properties(inst, s, root, path):
    if not isinstance(inst, dict):
        return []
    errs = []
    for k, sub in s["properties"].items():
        if k in inst:
            errs += validate(inst[k], sub, root, f"{path}.{k}")
    return errs


def k_required(inst, s, root, path):
    if not isinstance(inst, dict):
        return []
    return [f"{path}: missing \"{k}\"" for k in s["required"] if k not in inst]


def k_additional(inst, s, root, path):
    if not isinstance(inst, dict):
        return []
    extra = [k for k in inst if k not in s.get("properties", {})]
    errs = []
    for k in extra:
        errs += validate(inst[k], s["additionalProperties"], root, f"{path}.{k}")
    return errs


def k_items(inst, s, root, path):
    if not isinstance(inst, list):
        return []
    errs = []
    for i, v in enumerate(inst):
        errs += validate(v, s["items"], root, f"{path}[{i}]")
    return errs


def _bound(key, test, what):
    def check(inst, s, root, path):
        kinds = {"minItems": list, "maxItems": list, "minLength": str, "maxLength": str}
        if key in kinds:
            if not isinstance(inst, kinds[key]):
                return []
            n = len(inst)
        else:
            if not TYPES["number"](inst):
                return []
            n = inst
        return [] if test(n, s[key]) else [f"{path}: {what} {s[key]} ({n})"]
    return check


def k_pattern(inst, s, root, path):
    if not isinstance(inst, str) or re.search(s["pattern"], inst):
        return []
    return [f"{path}: \"{inst[:60]}\" does not match {s['pattern']}"]


def k_allof(inst, s, root, path):
    errs = []
    for sub in s["allOf"]:
        errs += validate(inst, sub, root, path)
    return errs


def k_anyof(inst, s, root, path):
    results = [validate(inst, sub, root, path) for sub in s["anyOf"]]
    if any(not r for r in results):
        return []
    return [f"{path}: matches none of anyOf: " + " | ".join(r[0] for r in results)]


def k_oneof(inst, s, root, path):
    results = [validate(inst, sub, root, path) for sub in s["oneOf"]]
    ok = sum(1 for r in results if not r)
    if ok == 1:
        return []
    if ok == 0:
        return [f"{path}: matches none of oneOf: " + " | ".join(r[0] for r in results)]
    return [f"{path}: matches {ok} of oneOf, want exactly one"]


def k_if(inst, s, root, path):
    if not validate(inst, s["if"], root, path):
        return validate(inst, s["then"], root, path) if "then" in s else []
    return validate(inst, s["else"], root, path) if "else" in s else []


KEYWORDS = {
    "$ref": None,
    "type": k_type,
    "enum": k_enum,
    "const": k_const,
    "properties": k_properties,
    "required": k_required,
    "additionalProperties": k_additional,
    "items": k_items,
    "minItems": _bound("minItems", lambda n, b: n >= b, "fewer items than"),
    "maxItems": _bound("maxItems", lambda n, b: n <= b, "more items than"),
    "minLength": _bound("minLength", lambda n, b: n >= b, "shorter than"),
    "maxLength": _bound("maxLength", lambda n, b: n <= b, "longer than"),
    "minimum": _bound("minimum", lambda n, b: n >= b, "less than"),
    "maximum": _bound("maximum", lambda n, b: n <= b, "more than"),
    "pattern": k_pattern,
    "allOf": k_allof,
    "anyOf": k_anyof,
    "oneOf": k_oneof,
    "if": k_if,
    "then": lambda *a: [],  # evaluated by "if"
    "else": lambda *a: [],
}


def check(schema, doc):
    """Errors of doc against schema: ours, then the jsonschema package's when installed."""
    errs = validate(doc, schema, schema)
    try:
        import jsonschema  # optional cross-check
    except ImportError:
        return errs
    cls = jsonschema.validators.validator_for(schema)
    for e in cls(schema).iter_errors(doc):
        errs.append("jsonschema: " + e.message)
    return sorted(set(errs), key=errs.index)


def main(argv):
    lines = argv[1:2] == ["--lines"]
    args = argv[2:] if lines else argv[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema = json.load(open(args[0], encoding="utf-8"))
    docs = []
    with open(args[1], encoding="utf-8") as f:
        if lines:
            for no, text in enumerate(f, 1):
                if text.strip():
                    docs.append((f"{args[1]}:{no}", text))
        else:
            docs.append((args[1], f.read()))
    bad = 0
    for where, text in docs:
        try:
            doc = json.loads(text)
        except ValueError as e:
            print(f"{where}: not JSON: {e}", file=sys.stderr)
            bad += 1
            continue
        errs = check(schema, doc)
        for e in errs:
            print(f"{where}: {e}", file=sys.stderr)
        bad += bool(errs)
    print(f"{len(docs) - bad} valid, {bad} invalid ({args[1]} against {args[0]})")
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except SchemaError as e:
        print(f"schema error: {e}", file=sys.stderr)
        sys.exit(2)
