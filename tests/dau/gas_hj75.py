#!/usr/bin/env python3
"""gas_hj75.py — the independent HJ 75 check of a gas station's data (issue 17).

usage: gas_hj75.py PATH/TO/hjrange PATH/TO/gas_hj75.lua PATH/TO/hj212check.py

Runs the scenario with `hjrange run --fast`, then reads what the platform stored (its SQLite
file: the readings of 2011 and 2061) and recomputes, for every hour of every station:
  - the valid minutes: 2011 minutes whose a21026-Flag is N or T;
  - with at least 45 of them: ZsAvg = mean over them of Rtd (21 - 6)/(21 - O2), O2 the
    minute's a19001-Rtd; Avg = mean Rtd; Cou = sum Rtd Qsn / 60 1e-6 kg, Qsn the minute's
    a00000-Rtd (m3/h); all within the rounding of the printed values;
  - with fewer: the hour carries a flag and no Avg, ZsAvg or Cou.
It also needs hj212check.py and `hjrange hj212 decode` to accept every packet sent.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict

HJ, SCEN, CHECKER = sys.argv[1:4]
O2_REF = 6.0
fails = []


def fail(msg):
    fails.append(msg)
    print("FAIL:", msg)


out = tempfile.mkdtemp(prefix="hj75-")
r = subprocess.run([HJ, "run", SCEN, "--fast", "--out", out], capture_output=True, text=True,
                   timeout=600)
if r.returncode != 0:
    print(r.stdout, r.stderr)
    sys.exit(1)
db = sqlite3.connect(os.path.join(out, "platform.db"))
rows = db.execute("SELECT mn, cn, datatime, code, field, value, flag FROM readings "
                  "WHERE cn IN (2011, 2061)").fetchall()
data = defaultdict(dict)  # (mn, cn, datatime) -> {code-field: value}, code-Flag: the flag
for mn, cn, dt, code, field, value, flag in rows:
    data[(mn, cn, dt)]["%s-%s" % (code, field)] = value
    if flag:
        data[(mn, cn, dt)]["%s-Flag" % code] = flag
stations = sorted({k[0] for k in data})
if len(stations) != 2:
    fail("two stations expected, got %s" % stations)
checked_valid = checked_invalid = 0
for mn in stations:
    hours = sorted(k[2] for k in data if k[0] == mn and k[1] == 2061)
    for h in hours:
        rec = data[(mn, 2061, h)]
        minutes = [data[k] for k in sorted(data) if k[0] == mn and k[1] == 2011 and k[2][:10] == h[:10]]
        if len(minutes) != 60:
            continue  # only whole hours are checked
        valid = [m for m in minutes if m.get("a21026-Flag") in ("N", "T")]
        if len(valid) >= 45:
            checked_valid += 1
            if "a21026-ZsAvg" not in rec:
                fail("%s %s: %d valid minutes but no ZsAvg: %s" % (mn, h, len(valid), rec))
                continue
            zs = [float(m["a21026-Rtd"]) * (21 - O2_REF) / (21 - float(m["a19001-Rtd"])) for m in valid]
            avg = [float(m["a21026-Rtd"]) for m in valid]
            cou = sum(float(m["a21026-Rtd"]) * float(m["a00000-Rtd"]) / 60 * 1e-6 for m in valid)
            want_zs, want_avg = sum(zs) / len(zs), sum(avg) / len(avg)
            got_zs, got_avg = float(rec["a21026-ZsAvg"]), float(rec["a21026-Avg"])
            got_cou = float(rec["a21026-Cou"])
            # rounding: Rtd to 0.001 mg/m3, O2 to 0.01 %, Qsn to 0.01 m3/h
            if abs(got_zs - want_zs) > 0.002 + 4e-4 * want_zs:
                fail("%s %s: ZsAvg %.4f, minutes give %.4f" % (mn, h, got_zs, want_zs))
            if abs(got_avg - want_avg) > 0.0011:
                fail("%s %s: Avg %.4f, minutes give %.4f" % (mn, h, got_avg, want_avg))
            if abs(got_cou - cou) > 1e-4 + 1e-4 * cou:
                fail("%s %s: Cou %.5f kg, minutes give %.5f" % (mn, h, got_cou, cou))
            if rec.get("a21026-Flag") != "N":
                fail("%s %s: a valid hour flagged %s" % (mn, h, rec.get("a21026-Flag")))
        else:
            checked_invalid += 1
            extra = [k for k in ("a21026-Avg", "a21026-ZsAvg", "a21026-Cou") if k in rec]
            if extra or rec.get("a21026-Flag") in (None, "N"):
                fail("%s %s: %d valid minutes, yet %s (flag %s)" % (mn, h, len(valid), extra,
                                                                 rec.get("a21026-Flag")))
# the flags of HJ 75's excluded minutes: the 02:00 calibration (C, 15 minutes), the 04:00
# blowback (M for the extracted SO2; the in-situ O2 is not held), the 04:10 maintenance (M)
for mn in stations:
    def minute(hhmm):
        return data.get((mn, 2011, "20241104%s00" % hhmm), {})
    for hhmm, code, want in (("0200", "a21026", "C"), ("0214", "a19001", "C"), ("0216", "a21026", "N"),
                             ("0401", "a21026", "M"), ("0401", "a19001", "N"),
                             ("0420", "a21026", "M"), ("0420", "a21002", "N")):
        got = minute(hhmm).get(code + "-Flag")
        if got != want:
            fail("%s %s %s: flag %s, expected %s" % (mn, hhmm, code, got, want))
polids = {r[0] for r in db.execute(
    "SELECT DISTINCT polid FROM readings WHERE cn = 3020 AND code = 'i13008'")}
for code in ("a21026", "a21002", "a19001", "a21005"):
    if code not in polids:
        fail("no 3020 with the parameters of the %s analyzer (%s)" % (code, sorted(polids)))
if not db.execute("SELECT 1 FROM readings WHERE cn = 3020 AND code IN ('i33001', 'i33002')").fetchone():
    fail("no 3020 with i33001/i33002")
if checked_valid < 8 or checked_invalid < 2:
    fail("too little checked: %d valid hours, %d invalid" % (checked_valid, checked_invalid))
log = os.path.join(out, "hj212.log")
r = subprocess.run([sys.executable, CHECKER, log], capture_output=True, text=True)
if r.returncode != 0:
    fail("hj212check.py: " + r.stdout[-500:])
with open(log, "rb") as f:
    r = subprocess.run([HJ, "hj212", "decode"], stdin=f, capture_output=True, text=True)
if r.returncode != 0:
    fail("hjrange hj212 decode: " + r.stderr[-500:])
# the CEMS is polled as the water devices are: every device block of a poll in one
# pipelined Modbus/TCP exchange, plus the few lone reads a poll's findings ask for (an
# analyzer's parameters when its change counter moved, the door's new events)
import json
with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
    pk = json.load(f)["packets"]
polls, exch = pk["polls"], pk.get("modbus_exchanges", -1)
print("polls %d, Modbus exchanges %d, Modbus errors %d" % (polls, exch, pk["modbus_errors"]))
if polls < 2 * 6 * 60 or not polls <= exch <= polls + polls // 20 + 20:
    fail("%d Modbus exchanges for %d polls: not one exchange per poll" % (exch, polls))
if pk["modbus_errors"] != 0:
    fail("%d Modbus errors" % pk["modbus_errors"])
with open(os.path.join(out, "alerts.jsonl")) as f:
    alerts = f.read().strip()
if alerts:
    fail("the detector raised alerts on gas stations: " + alerts[:300])
print("%d valid hours, %d invalid hours checked; %d failures" % (checked_valid, checked_invalid,
                                                               len(fails)))
sys.exit(1 if fails else 0)
