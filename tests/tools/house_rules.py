#!/usr/bin/env python3
"""house_rules.py ROOT — the rules that keep the house clean (DESIGN.md "Layout",
docs/architecture.md), checked on the sources of the range (proto, hw-models, sim, detect,
score, the fraud library scenarios/lib). Each rule names the files that break it; exit 1 if
any does. Scenarios written by users, tests and scripts are not the range and are not read.

  calendar     one calendar: no days_from_civil / civil_from_days of its own and no UTC+8
               literal outside proto/hjtime
  fraud table  one fraud-type table: no list of fraud-type keys outside
               proto/hjfraud-tab.h (a line naming two keys, or a C file naming three)
  code table   one code table: no HJ 212 code literal ("w01018", "ea1001", "i13008") in C
               outside proto/hjcode.c, nor in the fraud library
  registers    no register address outside hw-models: sim/ names fields of the register
               maps, never 0x1000-style addresses
  tap water    no tap-water constant in detect/: the detector reads tap water from its
               thresholds file
  length       no function over 150 lines
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
RANGE = ["proto", "hw-models", "sim", "detect", "score"]
MAX_LINES = 150


def files(dirs, exts):
    for d in dirs:
        for dp, _, fn in os.walk(os.path.join(ROOT, d)):
            for f in sorted(fn):
                if f.endswith(exts):
                    p = os.path.join(dp, f)
                    yield os.path.relpath(p, ROOT), open(p, encoding="utf-8", errors="replace").read()


def code_only(text, lua=False):
    """The text without comments (C block and line comments, or Lua -- comments), strings kept."""
    if lua:
        text = re.sub(r"--\[\[.*?\]\]", "", text, flags=re.S)
        return re.sub(r"--[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def fraud_keys():
    tab = open(os.path.join(ROOT, "proto", "hjfraud-tab.h"), encoding="utf-8").read()
    return re.findall(r'X\(\w+, "([a-z_]+)"', tab)


problems = []


def bad(rule, where, what):
    problems.append(f"{rule}: {where}: {what}")


C = (".c", ".h")
sources = list(files(RANGE, C))
lua_lib = list(files(["scenarios/lib"], (".lua",)))

# calendar
for path, text in sources + lua_lib:
    if path.startswith("proto/hjtime."):
        continue
    body = code_only(text, path.endswith(".lua"))
    for n, line in enumerate(body.split("\n"), 1):
        if re.search(r"(?<!hjtime_)\b(days_from_civil|civil_from_days)\b", line):
            bad("calendar", f"{path}:{n}", "a calendar of its own")
        if re.search(r"\b8\s*\*\s*3600\b|\b28800\b|8LL\s*\*\s*3600", line):
            bad("calendar", f"{path}:{n}", "the UTC+8 offset written again")

# fraud table
keys = fraud_keys()
key_re = re.compile(r'"(' + "|".join(keys) + r')"')
for path, text in sources + lua_lib:
    if path == "proto/hjfraud-tab.h":
        continue
    body = code_only(text, path.endswith(".lua"))
    for n, line in enumerate(body.split("\n"), 1):
        if len(set(key_re.findall(line))) >= 2:
            bad("fraud table", f"{path}:{n}", "a list of fraud types")
    if not path.endswith(".lua") and len(set(key_re.findall(body))) >= 3:
        bad("fraud table", path, "fraud types named in C: take them from proto/hjfraud.h")

# code table
code_re = re.compile(r'"([wa][0-9]{5}|e[a-z][0-9]{4}|i[0-9]{5})"')
for path, text in sources + lua_lib:
    if path == "proto/hjcode.c":
        continue
    body = code_only(text, path.endswith(".lua"))
    for n, line in enumerate(body.split("\n"), 1):
        m = code_re.search(line)
        if m:
            bad("code table", f"{path}:{n}", f"code {m.group(1)} written out of the table")

# registers: 4-hex-digit literals in sim/ outside hash constants (rng.c) and the Modbus
# protocol's own bounds
for path, text in sources:
    if not path.startswith("sim/") or path.startswith("sim/world/rng."):
        continue
    for n, line in enumerate(code_only(text).split("\n"), 1):
        for lit in re.findall(r"\b0x([0-9A-Fa-f]{4})\b", line):
            if lit.upper() not in ("FFFF", "8000"):
                bad("registers", f"{path}:{n}", f"address 0x{lit}: name the register map's field")

# tap water
for path, text in sources:
    if not path.startswith("detect/"):
        continue
    for n, line in enumerate(code_only(text).split("\n"), 1):
        if re.search(r"\btap\w*\s*(\[[^\]]*\])?\s*=\s*-?(\d+\.\d*|\.\d+|[2-9]|\d{2,})", line, re.I) or re.search(
                r"[A-Z_]*TAP[A-Z_]*\s*\[\s*\]\s*=", line):
            bad("tap water", f"{path}:{n}", "a tap-water value: it belongs in detect/thresholds.json")

# SDL outside sim/view/: ctest layout_no_sdl (tests/layout/no_sdl.sh), sources and CMake

# length: a function is a line that opens its body with '{' at column 0 up to the '}' at
# column 0 that closes it (the project's clang-format style), counted from its signature
for path, text in sources:
    if not path.endswith(".c"):
        continue
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i] == "{" and i > 0:
            j = i - 1
            while j > 0 and "(" not in lines[j]:
                j -= 1
            m = re.search(r"(\w+)\s*\(", lines[j])
            k = i + 1
            while k < len(lines) and lines[k] != "}":
                k += 1
            if k - j + 1 > MAX_LINES:
                bad("length", f"{path}:{j + 1}", f"{m.group(1) if m else '?'} has {k - j + 1} lines")
            i = k
        i += 1

for p in problems:
    print(p)
if problems:
    print(f"house_rules: {len(problems)} problem(s)", file=sys.stderr)
    sys.exit(1)
print(f"house_rules: ok ({len(sources)} C files, {len(lua_lib)} library files, {len(keys)} fraud types)")
