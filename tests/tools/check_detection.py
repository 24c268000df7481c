#!/usr/bin/env python3
"""check_detection.py HJRANGE — the detection goals on the scenario suites.

Runs `hjrange suite` on the project's own scenarios (scenarios/*.lua without the
768-station city, which has its own benchmark), on scenarios/variations/ and on
scenarios/holdout/, and checks each suite's totals against the goals of the detection
engine: recall >= 0.95 of fraud events at yellow or red, the type right for >= 0.90 of
them, no red alert on an honest station, at most 0.1 yellow alerts per honest
station-day, a median time to detect of 60 minutes or less. Runs are deterministic (seeded
virtual time), so the figures are the same on every machine.

With HJ_SUITE_RUNS=DIR the runs are kept in DIR (one folder per suite) and DIR/SUITE.sha256
holds the hashes of their outputs (tests/tools/golden.py): ctest golden_outputs compares
them with tests/golden/outputs.sha256.
"""
import json
import os
import subprocess
import sys
import tempfile

import golden

GOALS = (("recall", ">=", 0.95), ("type_accuracy", ">=", 0.90), ("red_false_alarms", "==", 0),
         ("false_alarms_per_station_day", "<=", 0.1), ("median_ttd_minutes", "<=", 60))


def run_suite(hj, folder, work, name):
    out = os.path.join(work, name)
    js = os.path.join(work, name + ".json")
    cmd = [hj, "suite", folder, "--jobs", str(os.cpu_count() or 2), "--out", out, "--no-report",
           "--json", js]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(p.stdout)
    if p.returncode != 0:
        raise SystemExit("%s: hjrange suite exited %d" % (name, p.returncode))
    with open(js, encoding="utf-8") as f:
        return json.load(f)["totals"]


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: check_detection.py HJRANGE")
    hj = sys.argv[1]
    scen = os.environ.get("HJ_SCENARIOS") or os.path.join(os.path.dirname(__file__), "..", "..",
                                                           "scenarios")
    scen = os.path.abspath(scen)
    failed = []
    keep = os.environ.get("HJ_SUITE_RUNS")
    if keep:
        os.makedirs(keep, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hjdetect-", dir=keep) as work:
        own = os.path.join(work, "own")
        os.mkdir(own)
        for n in sorted(os.listdir(scen)):
            if n.endswith(".lua") and n != "city.lua":
                os.symlink(os.path.join(scen, n), os.path.join(own, n))
        os.symlink(os.path.join(scen, "lib"), os.path.join(own, "lib"))
        suites = (("own", own), ("variations", os.path.join(scen, "variations")),
                  ("holdout", os.path.join(scen, "holdout")))
        for name, folder in suites:
            t = run_suite(hj, folder, work, name)
            if keep:
                with open(os.path.join(keep, name + ".sha256"), "w", encoding="utf-8") as f:
                    f.write("\n".join(golden.hash_runs(os.path.join(work, name), name)) + "\n")
            for key, op, goal in GOALS:
                v = t.get(key)
                if v is None:
                    ok = key == "median_ttd_minutes" and t.get("events", 0) == 0
                else:
                    ok = v >= goal if op == ">=" else v <= goal if op == "<=" else v == goal
                print("%-11s %-30s %10s  goal %s %s  %s" %
                      (name, key, "-" if v is None else "%.3f" % v, op, goal,
                       "ok" if ok else "NOT MET"))
                if not ok:
                    failed.append("%s %s" % (name, key))
    if failed:
        raise SystemExit("detection goals not met: " + ", ".join(failed))
    print("detection goals met on every suite")


if __name__ == "__main__":
    main()
