#!/usr/bin/env python3
"""gas_series.py — series.csv holds gas rows in the water rows' columns.

usage: gas_series.py PATH/TO/hjrange PATH/TO/gas_series.lua

Runs the scenario (tests/dau/gas_series.lua) with `hjrange run --fast` and checks
series.csv (`time,mn,code,true,reported,flag,fresh`, docs/dau.md):
  - a gas or VOCs station has one row per poll for every code its DAU sends (the coal
    boiler: SO2, NOx, NO, NO2, O2, CO, particulate, the flue's flow, velocity, temperature,
    pressure and moisture; the VOCs outlet: NMHC, THC, CH4 and the flue's), and only gas
    codes; the reported values are what went into its 2011 records (Rtd, rounded);
  - the truth is the stack before the probe: while the probe draws 40 % air, reported SO2
    is about 0.6 of the true value and the reported O2 (extractive) several points above
    the true O2;
    outside that hour, reported and true agree within the analyzers' drift and lag;
  - the water station's rows are the water codes, as before.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

HJ, SCEN = sys.argv[1:3]
fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL:", msg)


out = tempfile.mkdtemp(prefix="gas-series-")
r = subprocess.run([HJ, "run", SCEN, "--fast", "--no-detect", "--out", out], capture_output=True,
                   text=True, timeout=600)
if r.returncode != 0:
    print(r.stdout, r.stderr)
    sys.exit(1)
rows = defaultdict(list)  # mn -> rows
with open(os.path.join(out, "series.csv"), newline="") as f:
    rd = csv.reader(f)
    if next(rd) != ["time", "mn", "code", "true", "reported", "flag", "fresh"]:
        fail("series.csv header changed")
    for t, mn, code, tv, rv, flag, fresh in rd:
        rows[mn].append((t, code, float(tv), float(rv), flag, int(fresh)))

BOILER, VOCS, WATER = "33040001SER0031", "33040001SER0032", "33040001SER0033"
want = {
    BOILER: {"a21026", "a21002", "a21003", "a21004", "a19001", "a21005", "a34013", "a00000",
             "a01011", "a01012", "a01013", "a01014"},
    VOCS: {"a24088", "a24087", "a05002", "a00000", "a01011", "a01012", "a01013", "a01014"},
}
for mn, codes in want.items():
    got = defaultdict(int)
    for row in rows[mn]:
        got[row[1]] += 1
    if set(got) != codes:
        fail("%s: codes %s, expected %s" % (mn, sorted(got), sorted(codes)))
    if any(n < 180 for n in got.values()):
        fail("%s: fewer rows than polls: %s" % (mn, dict(got)))
water_codes = {row[1] for row in rows[WATER]}
if not water_codes or any(not c.startswith("w") for c in water_codes):
    fail("water station's codes: %s" % sorted(water_codes))

# reported values = the 2011 records' Rtd (rounded as sent)
rtd = {}
for line in open(os.path.join(out, "hj212.log"), "rb").read().decode().split("\r\n"):
    if "CN=2011" not in line or BOILER not in line:
        continue
    dt = re.search(r"DataTime=(\d{14})", line).group(1)
    for code, v in re.findall(r"(a\d{5})-Rtd=([-0-9.]+)", line):
        rtd[(dt, code)] = (float(v), 0.5 * 10 ** -len(v.partition(".")[2]))
matched = 0
for t, code, tv, rv, flag, fresh in rows[BOILER]:
    key = (t[0:4] + t[5:7] + t[8:10] + t[11:13] + t[14:16] + "00", code)
    if key in rtd:
        matched += 1
        v, half = rtd[key]
        if abs(v - rv) > half * 1.001 + 1e-9 * abs(rv):
            fail("%s %s: reported %.6f, 2011 Rtd %s" % (t, code, rv, v))
if matched < 12 * 170:
    fail("only %d boiler rows matched to 2011 records" % matched)


def minute(t):
    return int(t[11:13]) * 60 + int(t[14:16])


leak, clean = [], []
o2 = {}
for t, code, tv, rv, flag, fresh in rows[BOILER]:
    if code == "a19001":
        o2[t] = (tv, rv)
for t, code, tv, rv, flag, fresh in rows[BOILER]:
    if code != "a21026" or flag != "N" or not fresh or tv <= 0:
        continue
    m = minute(t)
    if 65 <= m < 120:  # the leak, past the analyzers' response
        leak.append((rv / tv, o2[t][1] - o2[t][0]))
    elif 20 <= m < 60 or 130 <= m < 180:
        clean.append((rv / tv, o2[t][1] - o2[t][0]))
if len(leak) < 40 or len(clean) < 60:
    fail("too few minutes: %d in the leak, %d clean" % (len(leak), len(clean)))
else:
    lr = sum(x[0] for x in leak) / len(leak)
    cr = sum(x[0] for x in clean) / len(clean)
    lo2 = sum(x[1] for x in leak) / len(leak)
    co2 = sum(x[1] for x in clean) / len(clean)
    print("SO2 reported/true: %.3f in the leak, %.3f outside; O2 reported - true: %+.2f, %+.2f"
          % (lr, cr, lo2, co2))
    if not 0.5 < lr < 0.7:
        fail("SO2 reported/true %.3f during a 40 %% leak (about 0.6 expected)" % lr)
    if not 0.93 < cr < 1.07:
        fail("SO2 reported/true %.3f without a leak" % cr)
    if not lo2 > 4:
        fail("O2 reported - true %.2f during the leak (several points expected)" % lo2)
    if not abs(co2) < 0.5:
        fail("O2 reported - true %.2f without a leak" % co2)
print("%d boiler, %d VOCs, %d water rows; %d failures" % (len(rows[BOILER]), len(rows[VOCS]),
                                                          len(rows[WATER]), len(fails)))
if not fails:
    shutil.rmtree(out, ignore_errors=True)
sys.exit(1 if fails else 0)
