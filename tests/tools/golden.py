#!/usr/bin/env python3
"""golden.py — the outputs of every bundled scenario, kept as hashes, so that a change meant
to change no behaviour (a move of code, a refactor) can show it changed none.

A run writes truth.json, hj212.log and alerts.jsonl; for the same scenario and seed they
are byte-identical on every machine (DESIGN.md, "Time, determinism, speed"). This file
keeps one line per output file: "<sha256>  <suite>/<scenario>/<file>".

  golden.py hash DIR SUITE          hash lines of the run folders under DIR (one per scenario)
  golden.py check GOLDEN LINES...   compare hash files (made by `hash`) with GOLDEN
  golden.py city HJRANGE GOLDEN [--shard I/N] [--record]
                                    run scenarios/city.lua (or one shard of it) and compare
                                    (or record) its hashes

Recording: scripts/golden record (every suite and the whole city, about 10 minutes).
"""
import hashlib
import os
import subprocess
import sys
import tempfile

FILES = ("truth.json", "hj212.log", "alerts.jsonl")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def hash_runs(folder, suite):
    """Hash lines of every scenario folder under folder that holds the output files."""
    lines = []
    for name in sorted(os.listdir(folder)):
        d = os.path.join(folder, name)
        if not os.path.isdir(d) or not os.path.isfile(os.path.join(d, "truth.json")):
            continue
        for f in FILES:
            p = os.path.join(d, f)
            digest = sha256(p) if os.path.isfile(p) else "missing"
            lines.append("%s  %s/%s/%s" % (digest, suite, name, f))
    return lines


def read(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def compare(golden_lines, lines):
    """Differences as readable lines: changed, missing and new files."""
    want = {l.split("  ", 1)[1]: l.split("  ", 1)[0] for l in golden_lines}
    got = {l.split("  ", 1)[1]: l.split("  ", 1)[0] for l in lines}
    out = []
    for k in sorted(set(want) | set(got)):
        if k not in got:
            out.append("not produced: " + k)
        elif k not in want:
            out.append("not recorded: " + k)
        elif want[k] != got[k]:
            out.append("changed: " + k)
    return out


def city(hj, golden, shard, record):
    scen = os.environ.get("HJ_SCENARIOS") or os.path.join(os.path.dirname(__file__), "..", "..",
                                                           "scenarios")
    scen = os.path.abspath(scen)
    with tempfile.TemporaryDirectory(prefix="hjgolden-") as work:
        out = os.path.join(work, "city")
        cmd = [hj, "run", os.path.join(scen, "city.lua"), "--fast", "--out", out]
        if shard:
            cmd += ["--shard", shard]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            raise SystemExit("city: hjrange run exited %d:\n%s" % (p.returncode, p.stdout[-3000:]))
        suite = "city" + ("-shard-" + shard.replace("/", "-of-") if shard else "")
        lines = ["%s  %s/city.lua/%s" % (sha256(os.path.join(out, f)), suite, f) for f in FILES]
    if record:
        with open(golden, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print("recorded %d hashes in %s" % (len(lines), golden))
        return
    diff = compare(read(golden), lines)
    if diff:
        raise SystemExit("city outputs differ from %s:\n  %s" % (golden, "\n  ".join(diff)))
    print("city outputs byte-identical to %s (%d files)" % (golden, len(lines)))


def main(argv):
    if len(argv) >= 4 and argv[1] == "hash":
        print("\n".join(hash_runs(argv[2], argv[3])))
    elif len(argv) >= 4 and argv[1] == "check":
        lines = []
        for p in argv[3:]:
            lines += read(p)
        diff = compare(read(argv[2]), lines)
        if diff:
            raise SystemExit("outputs differ from %s (%d of %d files):\n  %s" %
                             (argv[2], len(diff), len(lines), "\n  ".join(diff)))
        print("outputs byte-identical to %s: %d files" % (argv[2], len(lines)))
    elif len(argv) >= 4 and argv[1] == "city":
        shard = argv[argv.index("--shard") + 1] if "--shard" in argv else None
        city(argv[2], argv[3], shard, "--record" in argv)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
