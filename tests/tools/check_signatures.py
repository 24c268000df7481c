#!/usr/bin/env python3
"""check_signatures.py — runs the scenarios of scenarios/ (or $HJ_SCENARIOS) with `hjrange run --fast` and
checks that each fraud leaves the data signature FRAUD-CATALOGUE.md describes, in what
crossed the wire (hj212.log) and in the per-poll series (series.csv), inside the truth
windows; the honest scenarios must have no truth events.

usage: check_signatures.py HJRANGE [SCENARIO_NAME ...]     (default: all checked ones)
Exit 0 when every check passes, 1 otherwise. Standard library only.
"""
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta

HERE = os.environ.get("HJ_SCENARIOS") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "scenarios")


def ts(s):
    return datetime.fromisoformat(s)


class Run:
    def __init__(self, hjrange, name, out):
        self.name = name
        self.dir = os.path.join(out, name)
        r = subprocess.run([hjrange, "run", "--fast", "--no-detect", "--out", self.dir,
                            os.path.join(HERE, name + ".lua")], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("%s: hjrange run failed (%d): %s" % (name, r.returncode, r.stderr[-2000:]))
        self.truth = json.load(open(os.path.join(self.dir, "truth.json")))
        self.events = self.truth["events"]
        self.series = []
        for row in csv.DictReader(open(os.path.join(self.dir, "series.csv"))):
            row["t"] = ts(row["time"])
            row["true"] = float(row["true"]) if row["true"] not in ("", "nan") else float("nan")
            row["reported"] = float(row["reported"]) if row["reported"] not in ("", "nan") else float("nan")
            self.series.append(row)
        self.packets = []  # (cn, mn, datatime, {key: value})
        for line in open(os.path.join(self.dir, "hj212.log"), encoding="utf-8"):
            head, _, cp = line.partition("CP=&&")
            f = dict(x.split("=", 1) for x in head[6:].split(";") if "=" in x)
            kv = {}
            for part in cp.split("&&")[0].replace(",", ";").split(";"):
                if "=" in part:
                    k, v = part.split("=", 1)
                    kv[k] = v
            dt = kv.get("DataTime")
            if not dt:
                continue
            self.packets.append((f.get("CN"), f.get("MN"), datetime.strptime(dt, "%Y%m%d%H%M%S"), kv))
        self.records = [json.loads(x) for x in open(os.path.join(self.dir, "records.jsonl")) if x.strip()]

    def ev(self, i=0, typ=None):
        evs = [e for e in self.events if typ is None or e["type"] == typ]
        e = evs[i]
        return e, ts(e["start"]), ts(e["end"])

    def fresh(self, code, mn=None, a=None, b=None):
        """fresh analyzer results: (time, true, reported, flag)"""
        return [(r["t"], r["true"], r["reported"], r["flag"]) for r in self.series
                if r["code"] == code and r["fresh"] == "1" and (mn is None or r["mn"] == mn)
                and (a is None or r["t"] >= a) and (b is None or r["t"] < b)]

    def polls(self, code, mn=None, a=None, b=None):
        return [(r["t"], r["true"], r["reported"], r["flag"]) for r in self.series
                if r["code"] == code and (mn is None or r["mn"] == mn)
                and (a is None or r["t"] >= a) and (b is None or r["t"] < b)]

    def rtd(self, key, mn=None, a=None, b=None):
        """values of key (e.g. ec2001-Rtd) in 2011 packets, naive local DataTime"""
        out = []
        for cn, m, t, kv in self.packets:
            if cn != "2011" or key not in kv or (mn and m != mn):
                continue
            if (a is None or t >= a.replace(tzinfo=None)) and (b is None or t < b.replace(tzinfo=None)):
                out.append(float(kv[key]))
        return out

    def hourly(self, key, mn=None):
        return {t: kv.get(key) for cn, m, t, kv in self.packets if cn == "2061" and (mn is None or m == mn)}


def mean(xs):
    return statistics.fmean(xs) if xs else float("nan")


HOUR = 3600


def shift(t, s):
    from datetime import timedelta
    return t + timedelta(seconds=s)


# ---- the checks: each returns a list of (ok, text) ----

def cup_drops(r, code="w01018", mn=None):
    out = []
    for e in r.events:
        if e["type"] != "sample_cup_injection":
            continue
        a, b = ts(e["start"]), ts(e["end"])
        prev = r.fresh(code, e["mn"], shift(a, -2 * HOUR), a)
        inwin = r.fresh(code, e["mn"], a, b)
        low = min(x[2] for x in inwin) if inwin else float("nan")
        p = prev[-1][2] if prev else float("nan")
        out.append((low < 0.5 * p, "%s: one-cycle drop %.1f -> %.1f (%.0f %%)" % (e["start"][:16], p, low, 100 * (low / p - 1))))
    return out


def c_demo(r):
    out = cup_drops(r)
    e, a, b = r.ev(0, "camera_tampering")
    dev = r.rtd("ec2001-Rtd", None, a, b)
    out.append((dev and min(dev) >= 119, "outfall camera deviation during the event: %s" % sorted(set(dev))))
    return out


def c_jiaxing_toc(r):
    out = cup_drops(r)
    hours = r.hourly("w01018-Avg")
    n_ok = 0
    for e in r.events:
        a = ts(e["start"]).replace(tzinfo=None, minute=0, second=0)
        inhour = r.fresh("w01018", e["mn"], ts(e["start"]).replace(minute=0, second=0), shift(ts(e["start"]).replace(minute=0, second=0), HOUR))
        avg = float(hours.get(a, "nan"))
        extra = len(inhour) >= 2
        under = avg < 200 and max(x[2] for x in inhour) > 200
        n_ok += extra and under
        out.append((extra, "%s: %d results in the hour (extra manual cycle), hourly mean %.1f, max %.1f" % (a, len(inhour), avg, max(x[2] for x in inhour))))
    out.append((n_ok >= 3, "%d of %d injections pulled an over-limit hour under 200" % (n_ok, len(r.events))))
    return out


def same_factor(r, e, codes):
    a, b = ts(e["start"]), ts(e["end"])
    f = []
    for c in codes:
        before = mean([x[2] for x in r.fresh(c, e["mn"], shift(a, -12 * HOUR), a)])
        during = mean([x[2] for x in r.fresh(c, e["mn"], shift(a, 2 * HOUR), b)])
        f.append(during / before)
    spread = max(f) - min(f)
    return (spread < 0.12 and max(f) < 0.9, "ratios during/before %s: %s" % (codes, ["%.2f" % x for x in f]))


def c_dilution(r):
    e, a, b = r.ev(0)
    out = [same_factor(r, e, ["w01018", "w21003", "w21011"])]
    q0 = mean([x[2] for x in r.polls("w00000", e["mn"], shift(a, -3 * HOUR), a)])
    q1 = mean([x[2] for x in r.polls("w00000", e["mn"], shift(a, HOUR), shift(a, 4 * HOUR))])
    out.append((q1 > 1.15 * q0, "flow %.1f -> %.1f L/s (meter downstream of the pipe)" % (q0, q1)))
    c0 = mean([x[2] for x in r.polls("w01014", e["mn"], shift(a, -3 * HOUR), a)])
    c1 = mean([x[2] for x in r.polls("w01014", e["mn"], shift(a, HOUR), shift(a, 4 * HOUR))])
    out.append((c1 < c0, "conductivity %.0f -> %.0f toward tap water" % (c0, c1)))
    return out


def flat_during(r, code, ratio=0.25):
    out = []
    for e in r.events:
        a, b = ts(e["start"]), ts(e["end"])
        inside = [x[2] for x in r.fresh(code, e["mn"], shift(a, HOUR), b)]
        outside = [x[2] for x in r.fresh(code, e["mn"], shift(a, -10 * HOUR), shift(a, -HOUR))]
        sd_in = statistics.pstdev(inside) if len(inside) > 1 else 0
        sd_out = statistics.pstdev(outside) if len(outside) > 1 else 0
        out.append((sd_in < ratio * sd_out and len(inside) >= 3,
                    "%s %s: sd inside %.3f (mean %.2f) vs outside %.3f (mean %.2f): variance collapses" %
                    (e["start"][:16], code, sd_in, mean(inside), sd_out, mean(outside))))
    return out


def c_night_hose(r):
    out = flat_during(r, "w01018") + flat_during(r, "w21003")
    for e in r.events:
        a, b = ts(e["start"]), ts(e["end"])
        dev = r.rtd("ec1001-Rtd", e["mn"], shift(a, 120), shift(b, -120))
        out.append((dev and min(dev) >= 149, "%s station camera turned: %s" % (e["start"][:16], sorted(set(dev)))))
    return out


def c_hose_bucket(r):
    out = flat_during(r, "w01018") + flat_during(r, "w21003")
    e, a, b = r.ev(0)
    v = mean([x[2] for x in r.fresh("w21003", e["mn"], shift(a, HOUR), b)])
    out.append((abs(v - 5) < 0.3, "NH3-N at the bucket's level 5: %.2f" % v))
    return out


def c_night_discharge(r, mn=None):
    out = []
    for e in r.events:
        if e["type"] != "night_discharge":
            continue
        a, b = ts(e["start"]), ts(e["end"])
        cod = [x[2] for x in r.fresh("w01018", e["mn"], shift(a, HOUR), shift(b, -30 * 60))]
        out.append((cod and max(cod) <= 5, "%s COD flat low (tap) during: %s" % (e["start"][:16], sorted(set(round(x, 1) for x in cod)))))
        q0 = mean([x[2] for x in r.polls("w00000", e["mn"], shift(a, -3 * HOUR), a)])
        q1 = mean([x[2] for x in r.polls("w00000", e["mn"], shift(a, 30 * 60), shift(a, 3 * HOUR))])
        out.append((q1 > 1.2 * q0, "flow %.1f -> %.1f L/s at night" % (q0, q1)))
        c0 = mean([x[1] for x in r.polls("w01018", e["mn"], shift(a, -2 * HOUR), a)])
        c1 = max(x[1] for x in r.polls("w01018", e["mn"], a, b))
        out.append((c1 > 1.8 * c0, "true COD in the channel %.0f -> %.0f while the analyzers read tap water" % (c0, c1)))
        dev = r.rtd("ec2001-Rtd", e["mn"], shift(a, 120), shift(a, 3 * HOUR))
        out.append((dev and min(dev) >= 119, "outfall camera turned: %s" % sorted(set(dev))))
    return out


def ratio_in(r, code, lo, hi, skip=HOUR, what="reported/true"):
    e, a, b = r.ev(0)
    xs = r.fresh(code, e["mn"], shift(a, skip), b) if code != "w00000" else r.polls(code, e["mn"], shift(a, skip), b)
    q = mean([x[2] / x[1] for x in xs if x[1] > 0])
    return (lo <= q <= hi, "%s %s %s in the window: %.3f (expected %g..%g)" % (e["start"][:16], code, what, q, lo, hi))


def c_param(r):
    return [ratio_in(r, "w01018", 0.5, 0.7)]


def c_range(r):
    e, a, b = r.ev(0)
    flags = [x[3] for x in r.fresh("w21003", e["mn"], a, b)]
    return [(flags.count("T") >= 2, "NH3-N clipped at the new range (flag T) %d times" % flags.count("T"))]


def c_std(r):
    e, a, b = r.ev(0)
    out = [ratio_in(r, "w01018", 0.68, 0.86, skip=2 * HOUR)]
    labs = [x for x in r.records if x["kind"] == "lab"]
    later = [x for x in labs if ts(x["time"]) > shift(a, HOUR)]
    for lab in later:
        t = ts(lab["time"])
        near = r.fresh("w01018", e["mn"], shift(t, -HOUR), shift(t, HOUR))
        an = mean([x[2] for x in near])
        out.append((an < 0.88 * lab["value"], "lab %s COD %.0f vs analyzer %.0f: disagree" % (lab["time"][:16], lab["value"], an)))
    wo = [x for x in r.records if x["kind"] == "work_order"]
    out.append((len(wo) == 1 and wo[0]["task"] == "calibration", "calibration filed as a work order"))
    return out


def c_dau_cap(r):
    e, a, b = r.ev(0)
    xs = r.fresh("w01018", e["mn"], shift(a, HOUR), b)
    rep = [x[2] for x in xs]
    over = sum(1 for x in xs if x[1] > 200)
    return [(max(rep) <= 190 and min(rep) > 0, "reported COD max %.1f under the cap 190" % max(rep)),
            (over >= 5, "%d hours the true COD was over 200" % over)]


def c_dau_scale(r):
    return [ratio_in(r, c, 0.55, 0.66) for c in ("w01018", "w21003", "w21011")]


def c_flow(r):
    return [ratio_in(r, "w00000", 0.499, 0.501, skip=120)]


def c_treatment(r):
    e, a, b = r.ev(0)
    c0 = r.fresh("w01018", e["mn"], shift(a, -2 * HOUR), a)[-1][2]
    c1 = r.fresh("w01018", e["mn"], shift(b, -2 * HOUR), b)[-1][2]
    out = [(c1 > 3 * c0, "COD rises %.0f -> %.0f while treatment is off" % (c0, c1))]
    blower = r.rtd("ea1003-Rtd", e["mn"], shift(a, 120), b)  # line1, line2, blower, lift_pump, dosing
    line = r.rtd("ea1001-Rtd", e["mn"], shift(a, 120), b)
    out.append((max(blower) < 0.5 and mean(line) > 15, "blower current %.2f A while line1 draws %.1f A" % (max(blower), mean(line))))
    return out


def c_false_flag(r):
    e, a, b = r.ev(0)
    polls = r.polls("w01018", e["mn"], shift(a, 120), b)
    flags = set(x[3] for x in polls)
    prior = r.fresh("w01018", e["mn"], shift(a, -2 * HOUR), a)
    return [(flags == {"M"}, "COD flags in the window: %s" % flags),
            (any(x[2] > 200 for x in prior), "exceedance within 2 h before the flag: %s" % [round(x[2]) for x in prior])]


def c_transmission(r):
    e, a, b = r.ev(0)
    hours = r.hourly("w01018-Avg")
    lo, hi = shift(a, HOUR).replace(tzinfo=None), shift(b, -HOUR).replace(tzinfo=None)
    # the DAU off: hours of the cut have no record at all (or none with COD)
    span = int((hi - lo).total_seconds() // 3600)
    gap = [lo + timedelta(hours=k) for k in range(span)
           if hours.get(lo + timedelta(hours=k)) is None]
    after = r.fresh("w01018", e["mn"], b, shift(b, 3 * HOUR))
    return [(len(gap) >= 2, "%d hours of the cut without COD" % len(gap)),
            (after and after[0][2] > 80, "first COD after the cut %.1f over the limit 80" % (after[0][2] if after else float("nan")))]


def c_frozen(r):
    e, a, b = r.ev(0)
    rep = set(round(x[2], 3) for x in r.polls("w01018", e["mn"], shift(a, 300), shift(b, -300)))
    tru = [x[1] for x in r.polls("w01018", e["mn"], shift(a, 300), shift(b, -300))]
    return [(rep == {28.0}, "reported COD during the window: %s" % sorted(rep)[:5]),
            (max(tru) > 50, "while the true COD reaches %.1f" % max(tru))]


def c_frozen_dau(r):
    e, a, b = r.ev(0)
    hours = r.hourly("w01018-Avg")
    vals = [float(v) for t, v in hours.items() if v and a.replace(tzinfo=None) <= t < shift(b, -HOUR).replace(tzinfo=None)]
    return [(len(vals) >= 20 and set(vals) == {186.0}, "%d hourly COD values, all %s" % (len(vals), sorted(set(vals))))]


def c_bypass(r):
    e, a, b = r.ev(0)
    q0 = mean([x[2] for x in r.polls("w00000", e["mn"], shift(a, -4 * HOUR), a)])
    q1 = mean([x[2] for x in r.polls("w00000", e["mn"], shift(a, HOUR), b)])
    return [(0.35 < q1 / q0 < 0.65, "outfall flow %.1f -> %.1f L/s (half bypassed)" % (q0, q1))]


def c_camera(r):
    e, a, b = r.ev(0)
    cov = r.rtd("ec1004-Rtd", e["mn"], shift(a, 180), shift(b, -180))
    e2, a2, b2 = r.ev(1)
    loss = r.rtd("ec2003-Rtd", e2["mn"], shift(a2, 120), shift(b2, -120))
    return [(cov and min(cov) == 1, "station camera covered during event 1: %s" % sorted(set(cov))),
            (loss and min(loss) == 1, "outfall camera video loss during event 2: %s" % sorted(set(loss)))]


def c_honest(r):
    return [(len(r.events) == 0, "no truth events")]


def c_honest_om(r):
    out = [(len(r.events) == 0, "no truth events")]
    wos = [(ts(x["start"]), ts(x["end"])) for x in r.records if x["kind"] == "work_order"]
    doors = [t for cn, m, t, kv in r.packets if cn == "3020" and kv.get("PolId") == "ed1001" and "card" in kv.get("i31001-Info", "")]
    covered = sum(1 for t in doors if any(a.replace(tzinfo=None) <= t <= b.replace(tzinfo=None) for a, b in wos))
    out.append((doors and covered == len(doors), "%d card entries, %d inside a work order" % (len(doors), covered)))
    for lab in (x for x in r.records if x["kind"] == "lab" and x["param"] == "w01018"):
        t = ts(lab["time"])
        an = mean([x[2] for x in r.fresh("w01018", None, shift(t, -3 * HOUR), shift(t, 3 * HOUR))])
        out.append((abs(an / lab["value"] - 1) < 0.15, "lab %s COD %.1f vs analyzer %.1f: agree" % (lab["time"][:10], lab["value"], an)))
    return out


def c_honest_stop(r):
    a = ts("2024-10-01T02:00:00+08:00")
    b = ts("2024-10-01T23:00:00+08:00")
    q = max(x[2] for x in r.polls("w00000", None, a, b))
    cod = [x[2] for x in r.fresh("w01018")]
    blower = r.rtd("ea1002-Rtd", None, a, b)
    return [(len(r.events) == 0, "no truth events"), (q < 0.1, "no flow during the holiday: max %.3f L/s" % q),
            (max(cod) < 500, "COD never over the limit 500: max %.0f" % max(cod)),
            (min(blower) > 5, "aeration keeps running: blower current >= %.1f A" % min(blower))]


def c_honest_outage(r):
    hours = [v for v in r.hourly("w01018-Avg").values() if v is not None]
    cod = [x[2] for x in r.fresh("w01018")]
    return [(len(r.events) == 0, "no truth events"),
            (len(hours) == 48, "%d of 48 hourly records with COD arrived (backfilled)" % len(hours)),
            (max(cod) < 80, "COD never near the limit 80: max %.1f" % max(cod))]


def c_honest_rain(r):
    a, b = ts("2023-07-17T15:20:00+08:00"), ts("2023-07-17T20:20:00+08:00")
    q0 = mean([x[2] for x in r.polls("w00000", None, shift(a, -3 * HOUR), a)])
    q1 = mean([x[2] for x in r.polls("w00000", None, shift(a, HOUR), b)])
    return [(len(r.events) == 0, "no truth events"), (q1 > 2 * q0, "flow %.0f -> %.0f L/s in the storm" % (q0, q1))]


def c_honest_upset(r):
    cod = [x[2] for x in r.fresh("w01018")]
    return [(len(r.events) == 0, "no truth events"), (max(cod) > 200, "real exceedance reported: max COD %.0f" % max(cod))]


def c_park(r):
    out = [(len(r.events) == 4 and len(r.truth["stations"]) == 8, "8 stations, 4 truth events")]
    out += cup_drops(r)
    out += c_night_discharge(r)
    e, a, b = r.ev(0, "tap_water_dilution")
    out.append(same_factor(r, e, ["w01018", "w21003", "w21011"]))
    return out


CHECKS = {
    "demo": c_demo,
    "fraud_sample_cup_injection": lambda r: cup_drops(r),
    "jiaxing_toc_sample_cup": c_jiaxing_toc,
    "jiaxing_pvc_dilution": c_dilution,
    "fraud_tap_water_dilution": c_dilution,
    "jiaxing_night_hose_swap": c_night_hose,
    "fraud_sampling_hose_swap": c_hose_bucket,
    "fraud_night_discharge": c_night_discharge,
    "fraud_analyzer_param_tamper": c_param,
    "fraud_analyzer_range_clip": c_range,
    "fraud_standard_solution_tamper": c_std,
    "fraud_dau_tamper": c_dau_cap,
    "fraud_dau_tamper_scale": c_dau_scale,
    "fraud_flowmeter_tamper": c_flow,
    "fraud_treatment_stopped": c_treatment,
    "fraud_false_flag": c_false_flag,
    "fraud_transmission_cut": c_transmission,
    "fraud_frozen_value": c_frozen,
    "fraud_frozen_value_dau": c_frozen_dau,
    "fraud_bypass_discharge": c_bypass,
    "fraud_camera_tampering": c_camera,
    "honest_om_week": c_honest_om,
    "honest_production_stop": c_honest_stop,
    "honest_process_upset": c_honest_upset,
    "honest_network_outage": c_honest_outage,
    "honest_heavy_rain": c_honest_rain,
    "park": c_park,
}


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    hjrange = sys.argv[1]
    names = sys.argv[2:] or list(CHECKS)
    failed = total = 0
    with tempfile.TemporaryDirectory() as out:
        for n in names:
            try:
                res = CHECKS[n](Run(hjrange, n, out))
            except Exception as ex:  # a failed run or a missing value is a failed check
                res = [(False, "error: %r" % ex)]
            for ok, text in res:
                failed += not ok
                total += 1
                print("%s %-32s %s" % ("ok  " if ok else "FAIL", n, text))
    print("%d passed, %d failed" % (total - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
