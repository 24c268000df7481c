#!/usr/bin/env python3
"""The gas fraud scenarios of scenarios/gas/fraud_*.lua: each passes `hjrange check`, runs
with `hjrange run --fast`, writes the truth events its fraud.X calls stage (type, start near
`at`, end near `at + duration`), and the physical effect of each fraud shows in what crossed
the wire (the 2011 minute records of hj212.log): physics, not detection.

usage: gas_fraud.py HJRANGE SCENARIOS_DIR [NAME ...]
"""
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile

VALID = "NT"  # HJ 75: N and T (over range) minutes are valid

CODE = {"so2": "a21026", "nox": "a21002", "o2": "a19001", "co": "a21005", "flow": "a00000",
        "v": "a01011", "nmhc": "a24088", "ch4": "a05002", "fan": "ea1001"}


def parse_log(path):
    """{minute datetime: {field: text}} of the CN=2011 records."""
    recs = {}
    for line in open(path, encoding="utf-8"):
        if ";CN=2011;" not in line:
            continue
        m = re.search(r"DataTime=(\d{14})", line)
        t = dt.datetime.strptime(m.group(1), "%Y%m%d%H%M%S")
        recs[t] = dict(re.findall(r"([a-z0-9]+-(?:Rtd|ZsRtd|Flag))=([^,;&]+)", line))
    return recs


def when(s):
    """truth.json's ISO time (+08:00) as a naive local datetime."""
    return dt.datetime.fromisoformat(s).replace(tzinfo=None)


class Run:
    def __init__(self, name, out):
        self.name = name
        self.truth = json.load(open(os.path.join(out, "truth.json"), encoding="utf-8"))
        self.recs = parse_log(os.path.join(out, "hj212.log"))
        self.end = when(self.truth["end"])

    def event(self, ftype):
        ev = [e for e in self.truth["events"] if e["type"] == ftype]
        if len(ev) != 1:
            raise AssertionError("%s: %d truth events of type %s" % (self.name, len(ev), ftype))
        return when(ev[0]["start"]), when(ev[0]["end"])

    def values(self, key, t0, t1, field="Rtd", flags=VALID):
        code = CODE.get(key, key)
        out = []
        for t, f in self.recs.items():
            if t0 <= t < t1 and code + "-" + field in f and f.get(code + "-Flag", "N") in flags:
                out.append(float(f[code + "-" + field]))
        return out

    def mean(self, key, t0, t1, field="Rtd", flags=VALID):
        v = self.values(key, t0, t1, field, flags)
        if len(v) < 10:
            raise AssertionError("%s: %s-%s: %d valid minutes %s..%s" % (self.name, key, field, len(v), t0, t1))
        return sum(v) / len(v)

    def flags(self, key, t0, t1):
        code = CODE.get(key, key)
        return [f.get(code + "-Flag", "?") for t, f in sorted(self.recs.items()) if t0 <= t < t1]


def ratio(run, key, ftype, field="Rtd", settle=20, before_h=3, flags=VALID):
    """mean inside the truth window (after `settle` minutes) / mean over the hours before it."""
    s, e = run.event(ftype)
    m = dt.timedelta(minutes=1)
    inside = run.mean(key, s + settle * m, e - 5 * m, field, flags)
    before = run.mean(key, s - dt.timedelta(hours=before_h), s, field, flags)
    return inside / before


def check_window(run, ftype, at, dur, lead_min=12, tail_min=12):
    """the truth event starts within lead_min minutes before `at` and ends within tail_min
    minutes after at + dur (or at the end of the run)."""
    s, e = run.event(ftype)
    at = dt.datetime.fromisoformat(at)
    m = dt.timedelta(minutes=1)
    assert at - lead_min * m <= s <= at + m, "%s: %s starts %s, staged at %s" % (run.name, ftype, s, at)
    if dur is None:
        assert e == run.end, "%s: %s ends %s, not with the run" % (run.name, ftype, e)
        return
    want = min(at + dt.timedelta(hours=dur), run.end)
    assert want <= e <= want + tail_min * m, "%s: %s ends %s, expected %s" % (run.name, ftype, e, want)


def between(name, x, lo, hi):
    assert lo <= x <= hi, "%s = %.3f, expected %g..%g" % (name, x, lo, hi)


# ---- per scenario: the windows and the physics ----

def probe_dilution(r):
    check_window(r, "probe_dilution", "2024-11-04 16:00", 6)
    between("SO2 measured in/before", ratio(r, "so2", "probe_dilution"), 0.55, 0.75)
    between("NOx measured in/before", ratio(r, "nox", "probe_dilution"), 0.55, 0.75)
    s, e = r.event("probe_dilution")
    o2 = r.mean("o2", s + dt.timedelta(minutes=20), e - dt.timedelta(minutes=5))
    between("O2 % under dilution (extractive)", o2, 9, 13)
    # the conversion undoes most of it: converted falls far less than measured
    zs = ratio(r, "so2", "probe_dilution", "ZsRtd")
    between("SO2 converted in/before", zs, 0.85, 1.1)
    between("fan current in/before", ratio(r, "fan", "probe_dilution"), 0.9, 1.1)


def probe_dilution_insitu(r):
    check_window(r, "probe_dilution", "2024-11-04 16:00", 6)
    between("SO2 measured in/before", ratio(r, "so2", "probe_dilution"), 0.55, 0.75)
    between("SO2 converted in/before", ratio(r, "so2", "probe_dilution", "ZsRtd"), 0.55, 0.75)
    between("O2 in/before (in situ)", ratio(r, "o2", "probe_dilution"), 0.95, 1.1)


def o2_tamper(r):
    check_window(r, "o2_tamper", "2024-11-04 10:00", 8)
    between("O2 in/before", ratio(r, "o2", "o2_tamper"), 0.62, 0.78)
    between("SO2 measured in/before", ratio(r, "so2", "o2_tamper"), 0.9, 1.1)
    between("SO2 converted in/before", ratio(r, "so2", "o2_tamper", "ZsRtd"), 0.8, 0.92)


def span_gas_tamper(r):
    check_window(r, "span_gas_tamper", "2024-11-04 15:00", None)
    d = dt.datetime
    before = r.mean("so2", d(2024, 11, 4, 16), d(2024, 11, 5, 2))
    after = r.mean("so2", d(2024, 11, 5, 2, 30), d(2024, 11, 5, 12))
    between("SO2 after the 02:00 calibration / before", after / before, 0.58, 0.75)
    nox = r.mean("nox", d(2024, 11, 5, 2, 30), d(2024, 11, 5, 12)) / r.mean("nox", d(2024, 11, 4, 16), d(2024, 11, 5, 2))
    between("NOx after / before", nox, 0.9, 1.1)
    assert "C" in r.flags("so2", d(2024, 11, 5, 2), d(2024, 11, 5, 2, 20)), "no calibration at 02:00"


def span_gas_tamper_vocs(r):
    check_window(r, "span_gas_tamper", "2024-06-17 09:00", 12, tail_min=25)
    s, e = r.event("span_gas_tamper")
    m = dt.timedelta(minutes=1)
    inside = r.mean("nmhc", s + 40 * m, e - 30 * m)
    before = r.mean("nmhc", s - dt.timedelta(hours=6), s)
    between("NMHC after the calibration / before", inside / before, 0.55, 0.7)


def heat_trace_off(r):
    check_window(r, "heat_trace_off", "2024-11-04 17:00", 5)
    so2 = ratio(r, "so2", "heat_trace_off", settle=60)
    nox = ratio(r, "nox", "heat_trace_off", settle=60)
    between("SO2 in/before", so2, 0, 0.3)
    between("NOx in/before", nox, 0.8, 0.98)


def calibration_flag_abuse(r):
    check_window(r, "calibration_flag_abuse", "2024-11-04 14:20", 4)
    s, e = r.event("calibration_flag_abuse")
    m = dt.timedelta(minutes=1)
    fl = r.flags("so2", s + 5 * m, e - 5 * m)
    between("share of SO2 minutes flagged C", fl.count("C") / len(fl), 0.95, 1)
    fl = r.flags("so2", e + 30 * m, e + 150 * m)
    assert fl.count("C") == 0, "C after the abuse"


def fake_shutdown(r):
    check_window(r, "fake_shutdown", "2024-11-04 16:00", 6)
    s, e = r.event("fake_shutdown")
    m = dt.timedelta(minutes=1)
    for key in ("so2", "nox", "o2", "flow"):
        fl = r.flags(key, s + 5 * m, e - 5 * m)
        between(key + ": share flagged F", fl.count("F") / len(fl), 0.99, 1)
    # the fan runs on
    between("fan current in/before", ratio(r, "fan", "fake_shutdown", flags="NTF?"), 0.85, 1.1)


def flow_param_tamper(r):
    check_window(r, "flow_param_tamper", "2024-11-04 09:00", 10)
    between("flow in/before", ratio(r, "flow", "flow_param_tamper", settle=5), 0.6, 0.72)
    between("velocity in/before", ratio(r, "v", "flow_param_tamper", settle=5), 0.6, 0.72)
    between("SO2 in/before", ratio(r, "so2", "flow_param_tamper"), 0.85, 1.15)
    between("fan current in/before", ratio(r, "fan", "flow_param_tamper"), 0.9, 1.1)


def bypass_flue(r):
    check_window(r, "bypass_flue", "2024-11-04 16:00", 6)
    between("monitored flow in/before", ratio(r, "flow", "bypass_flue"), 0.42, 0.58)
    between("fan current in/before", ratio(r, "fan", "bypass_flue"), 0.9, 1.1)


def vocs_dilution(r):
    check_window(r, "vocs_dilution", "2024-06-17 13:00", 6)
    between("NMHC in/before", ratio(r, "nmhc", "vocs_dilution"), 0.2, 0.4)
    between("CH4 in/before (near the background)", ratio(r, "ch4", "vocs_dilution"), 0.9, 1.05)


def rto_bypass(r):
    check_window(r, "rto_bypass", "2024-06-17 08:00", 10)
    between("NMHC in/before", ratio(r, "nmhc", "rto_bypass", settle=40), 3, 1e9)


def night_fgd_off(r):
    check_window(r, "camera_tampering", "2024-11-04 21:50", 8)
    check_window(r, "probe_dilution", "2024-11-04 22:00", 7.5)
    check_window(r, "treatment_stopped", "2024-11-04 22:30", 7)
    # the FGD off drives SO2 over the range even diluted; O2 (in situ) stays
    between("SO2 in/before", ratio(r, "so2", "treatment_stopped", settle=30), 5, 1e9)
    between("O2 in/before", ratio(r, "o2", "probe_dilution"), 0.9, 1.1)


def fake_shutdown_discharge(r):
    check_window(r, "fake_shutdown", "2024-11-04 23:00", 6)
    check_window(r, "treatment_stopped", "2024-11-04 23:10", 5 + 40 / 60)
    s, e = r.event("treatment_stopped")
    m = dt.timedelta(minutes=1)
    fl = r.flags("so2", s, e)
    between("SO2 share flagged F under the discharge", fl.count("F") / len(fl), 0.99, 1)
    between("fan current in/before", ratio(r, "fan", "fake_shutdown", flags="NTF?"), 0.85, 1.15)


def vocs_rto_cooled_diluted(r):
    check_window(r, "rto_bypass", "2024-06-17 08:00", 10)
    check_window(r, "vocs_dilution", "2024-06-17 08:30", 9)
    between("NMHC in/before", ratio(r, "nmhc", "vocs_dilution", settle=30), 2, 15)


def common_at_gas(r):
    check_window(r, "analyzer_param_tamper", "2024-11-04 03:00", 3)
    between("SO2 under slope 0.6", ratio(r, "so2", "analyzer_param_tamper", settle=10, before_h=1), 0.5, 0.7)
    check_window(r, "dau_tamper", "2024-11-04 07:00", 3)
    between("NOx under the DAU's x0.6", ratio(r, "nox", "dau_tamper", settle=2), 0.52, 0.68)
    check_window(r, "false_flag", "2024-11-04 11:00", 2)
    s, e = r.event("false_flag")
    fl = r.flags("nox", s + dt.timedelta(minutes=1), e - dt.timedelta(minutes=1))
    assert fl.count("M") == len(fl), "false_flag: NOx not all M"
    check_window(r, "transmission_cut", "2024-11-04 14:00", 2)
    s, e = r.event("transmission_cut")
    m = dt.timedelta(minutes=1)
    gap = [t for t in r.recs if s + 5 * m <= t < e - 5 * m]
    assert not gap, "transmission_cut (power): %d minutes recorded in the gap" % len(gap)
    check_window(r, "frozen_value", "2024-11-04 17:00", 2)
    v = r.values("so2", r.event("frozen_value")[0] + 5 * m, r.event("frozen_value")[1] - 5 * m)
    assert v and all(abs(x - 12) < 1e-6 for x in v), "frozen_value: SO2 not held at 12"
    check_window(r, "camera_tampering", "2024-11-04 20:00", 2)


def common_at_vocs(r):
    m = dt.timedelta(minutes=1)
    check_window(r, "analyzer_param_tamper", "2024-06-17 04:00", 4)
    # NMHC = THC - CH4: THC x0.6 with CH4 as before leaves less than 0.6 of the NMHC
    between("NMHC under THC slope 0.6", ratio(r, "nmhc", "analyzer_param_tamper", settle=15, before_h=2), 0.2, 0.6)
    check_window(r, "treatment_stopped", "2024-06-17 10:00", 3)
    between("NMHC with the RTO off", ratio(r, "nmhc", "treatment_stopped", settle=40, before_h=2), 3, 1e9)
    check_window(r, "false_flag", "2024-06-17 15:00", 2)
    s, e = r.event("false_flag")
    fl = r.flags("nmhc", s + m, e - m)
    assert fl and fl.count("D") == len(fl), "false_flag: NMHC not all D"
    check_window(r, "frozen_value", "2024-06-17 19:00", 3)
    s, e = r.event("frozen_value")
    v = r.values("nmhc", s + 10 * m, e - 10 * m)
    assert len(v) > 100 and len(set(v)) == 1, "frozen_value: NMHC not one value (%d distinct)" % len(set(v))


CHECKS = {
    "fraud_probe_dilution": probe_dilution,
    "fraud_probe_dilution_insitu": probe_dilution_insitu,
    "fraud_o2_tamper": o2_tamper,
    "fraud_span_gas_tamper": span_gas_tamper,
    "fraud_span_gas_tamper_vocs": span_gas_tamper_vocs,
    "fraud_heat_trace_off": heat_trace_off,
    "fraud_calibration_flag_abuse": calibration_flag_abuse,
    "fraud_fake_shutdown": fake_shutdown,
    "fraud_flow_param_tamper": flow_param_tamper,
    "fraud_bypass_flue": bypass_flue,
    "fraud_vocs_dilution": vocs_dilution,
    "fraud_rto_bypass": rto_bypass,
    "fraud_night_fgd_off": night_fgd_off,
    "fraud_fake_shutdown_discharge": fake_shutdown_discharge,
    "fraud_vocs_rto_cooled_diluted": vocs_rto_cooled_diluted,
    "fraud_common_at_gas": common_at_gas,
    "fraud_common_at_vocs": common_at_vocs,
}

GAS_TYPES = ("probe_dilution", "o2_tamper", "span_gas_tamper", "heat_trace_off", "calibration_flag_abuse",
             "fake_shutdown", "flow_param_tamper", "bypass_flue", "vocs_dilution", "rto_bypass")


def main():
    hj, scen = sys.argv[1], sys.argv[2]
    files = sorted(f[:-4] for f in os.listdir(os.path.join(scen, "gas"))
                   if f.startswith("fraud_") and f.endswith(".lua"))
    unchecked = [f for f in files if f not in CHECKS]
    if unchecked:
        sys.exit("FAIL: no check for " + ", ".join(unchecked))
    for t in GAS_TYPES:  # one scenario per gas type
        if "fraud_" + t not in files:
            sys.exit("FAIL: no scenarios/gas/fraud_%s.lua" % t)
    only = sys.argv[3:] or files
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in only:
            f = os.path.join(scen, "gas", name + ".lua")
            out = os.path.join(tmp, name)
            for args in (["check", f], ["run", f, "--fast", "--no-detect", "--out", out]):
                p = subprocess.run([hj] + args, capture_output=True, text=True)
                if p.returncode != 0:
                    print("FAIL %s: hjrange %s: %s" % (name, args[0], p.stderr[-600:]))
                    bad += 1
                    break
            else:
                try:
                    CHECKS[name](Run(name, out))
                    print("ok   %s" % name)
                except AssertionError as e:
                    print("FAIL %s" % e)
                    bad += 1
    if bad:
        sys.exit("%d of %d gas fraud scenarios failed" % (bad, len(only)))
    print("gas fraud scenarios: %d staged, windows and physics as expected" % len(only))


if __name__ == "__main__":
    main()
