#!/usr/bin/python3
"""merge-shards.py — merges the outputs of `hjrange run --shard I/N` (N folders) into one.

usage: merge-shards.py OUT SHARD_DIR...      (the N shard folders, any order)

Each shard folder holds truth.json, hj212.log, records.jsonl and report.json of the
stations it ran (station k of the scenario, 0-based in declaration order, is run by shard
k mod N + 1). OUT gets:
  truth.json     the scenario's stations in declaration order, the events of every
                 shard sorted by id (ids are those of the whole file, the same in every
                 shard), start/end/seed/name checked equal across shards
  hj212.log      every shard's lines, merged by (second of QN, station index) with each
                 shard's own order kept: per station, the stream is exactly the shard's
  records.jsonl  every shard's O&M records, merged by time (stable)
  stations.tsv   MN, declaration index, shard, lines in hj212.log
Exit status 0, 1 on inconsistent shards (missing shard, same station twice, different
scenario or seed), 2 on usage errors.
"""
import json
import os
import re
import sys

MN_RE = re.compile(rb"MN=([A-Za-z0-9_-]+);")
QN_RE = re.compile(rb"QN=(\d{14})")


def fail(msg):
    print("merge-shards: " + msg, file=sys.stderr)
    sys.exit(1)


def main(argv):
    if len(argv) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out, dirs = argv[1], argv[2:]
    shards = {}
    for d in dirs:
        with open(os.path.join(d, "report.json"), encoding="utf-8") as f:
            rep = json.load(f)
        sh = rep.get("shard", {"index": 1, "count": 1})
        with open(os.path.join(d, "truth.json"), encoding="utf-8") as f:
            truth = json.load(f)
        if sh["index"] in shards:
            fail("%s: shard %d given twice" % (d, sh["index"]))
        shards[sh["index"]] = (d, sh, rep, truth)
    counts = {s[1]["count"] for s in shards.values()}
    if len(counts) != 1:
        fail("shards of different counts: %s" % sorted(counts))
    n = counts.pop()
    if sorted(shards) != list(range(1, n + 1)):
        fail("shards %s given, 1..%d needed" % (sorted(shards), n))
    first = shards[1][3]
    for i, (d, _, rep, truth) in shards.items():
        for k in ("scenario", "seed", "start", "end"):
            if truth[k] != first[k]:
                fail("%s: %s differs from shard 1's" % (d, k))
        if rep.get("status") != "ok":
            print("merge-shards: warning: %s: status %s" % (d, rep.get("status")), file=sys.stderr)
    # the declaration order: station k is shard (k mod n) + 1's (k div n)-th
    total = shards[1][1].get("stations_total", sum(len(s[3]["stations"]) for s in shards.values()))
    stations, index, owner = [], {}, {}
    for k in range(total):
        i = k % n + 1
        lst = shards[i][3]["stations"]
        if k // n >= len(lst):
            fail("shard %d has %d stations, %d expected" % (i, len(lst), (total - i) // n + 1))
        st = lst[k // n]
        if st["mn"] in index:
            fail("station %s in two shards" % st["mn"])
        stations.append(st)
        index[st["mn"]] = k
        owner[st["mn"]] = i
    events = sorted((e for s in shards.values() for e in s[3]["events"]), key=lambda e: e["id"])
    ids = [e["id"] for e in events]
    if len(ids) != len(set(ids)):
        fail("an event id in two shards")
    os.makedirs(out, exist_ok=True)
    merged = dict(first)
    merged["stations"] = stations
    merged["events"] = events
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(merged, f, ensure_ascii=False, indent="\t")
        f.write("\n")
    # hj212.log: (second of QN, station index, position in its shard's log)
    lines, per_mn = [], {}
    for i, (d, _, _, _) in shards.items():
        with open(os.path.join(d, "hj212.log"), "rb") as f:
            for pos, line in enumerate(f.read().split(b"\r\n")[:-1]):
                m, q = MN_RE.search(line), QN_RE.search(line)
                if not m or not q:
                    fail("%s/hj212.log: line %d has no MN or QN" % (d, pos + 1))
                mn = m.group(1).decode()
                if owner.get(mn) != i:
                    fail("%s/hj212.log: line %d: station %s is not this shard's" % (d, pos + 1, mn))
                per_mn[mn] = per_mn.get(mn, 0) + 1
                lines.append((q.group(1), index[mn], i, pos, line))
    lines.sort(key=lambda x: (x[0], x[1], x[2], x[3]))
    with open(os.path.join(out, "hj212.log"), "wb") as f:
        for x in lines:
            f.write(x[4] + b"\r\n")
    recs = []
    for i, (d, _, _, _) in sorted(shards.items()):
        p = os.path.join(d, "records.jsonl")
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                for pos, line in enumerate(f):
                    o = json.loads(line)
                    recs.append((o.get("time", o.get("start", "")), i, pos, line))
    recs.sort(key=lambda x: (x[0], x[1], x[2]))
    with open(os.path.join(out, "records.jsonl"), "w", encoding="utf-8") as f:
        for x in recs:
            f.write(x[3])
    with open(os.path.join(out, "stations.tsv"), "w", encoding="utf-8") as f:
        for k, st in enumerate(stations):
            f.write("%s\t%d\t%d\t%d\n" % (st["mn"], k, owner[st["mn"]], per_mn.get(st["mn"], 0)))
    print("merged %d shards: %d stations, %d events, %d hj212 lines, %d records -> %s"
          % (n, len(stations), len(events), len(lines), len(recs), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
