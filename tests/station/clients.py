#!/usr/bin/python3
"""Independent Modbus clients from Debian against a running `hjrange station`.

usage: /usr/bin/python3 clients.py PATH/TO/hjrange [PATH/TO/mbpoll]

Starts `hjrange station` held at a virtual time (--hold-at, --snapshot), then mbpoll
(libmodbus-based CLI) and pymodbus (Debian 12's python3-pymodbus 3.0, a separate
implementation) read every device of every station. The registers, decoded here (CDAB
floats, F64, U32, BCD dates in China time), must agree with the values the models held,
as the process wrote them to the snapshot. Exceptions (unmapped address: 2, absent
device: 0x0B, read-only: 2) and a write that reaches the model and is logged are checked
too. Exits 1 on any disagreement.
"""
import datetime
import json
import math
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile

from pymodbus.client import ModbusTcpClient

HJRANGE = sys.argv[1]
MBPOLL = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else "mbpoll"
TZ = datetime.timezone(datetime.timedelta(hours=8))
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


def close(a, b, rel):
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


# ---- register decoding (docs/registers.md) ----

def f32(r, i):
    return struct.unpack(">f", struct.pack(">HH", r[i + 1], r[i]))[0]


def f64(r, i):
    return struct.unpack(">d", struct.pack(">HHHH", r[i + 3], r[i + 2], r[i + 1], r[i]))[0]


def u32(r, i):
    return r[i + 1] << 16 | r[i]


def bcd(r, i):
    """UTC seconds of a BCD date, None for 'never' (all zero); raises on bad BCD."""
    w = r[i:i + 3]
    if w == [0, 0, 0]:
        return None
    digits = "%04x%04x%04x" % tuple(w)
    if not digits.isdigit():
        raise ValueError("not BCD: %r" % w)
    yy, mo, dd, hh, mi, ss = (int(digits[k:k + 2]) for k in range(0, 12, 2))
    return datetime.datetime(2000 + yy, mo, dd, hh, mi, ss, tzinfo=TZ).timestamp()


def want_time(t):
    return None if t is None else math.floor(t)


# ---- the process under test ----

class StartError(Exception):
    pass


class Station:
    def __init__(self, args):
        self.snap_path = os.path.join(tempfile.mkdtemp(prefix="hjst-"), "snap.json")
        self.p = subprocess.Popen([HJRANGE, "station"] + args + ["--snapshot", self.snap_path],
                                  stdout=subprocess.PIPE, text=True, bufsize=1)
        self.endpoints = []
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise StartError("hjrange station exited early (rc %s)" % self.p.wait())
            line = line.strip()
            m = re.match(r"^(\S+) (\S+):(\d+)$", line)
            if m:
                self.endpoints.append((m.group(1), m.group(2), int(m.group(3))))
            elif line.startswith("held "):
                self.held = line[5:]
                break
        with open(self.snap_path) as f:
            self.snap = json.load(f)

    def next_line(self):
        return self.p.stdout.readline().strip()

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        rc = self.p.wait(timeout=20)
        shutil.rmtree(os.path.dirname(self.snap_path), ignore_errors=True)
        return rc


def mbpoll(port, unit, ref, count, fmt="4", values=()):
    cmd = [MBPOLL, "-m", "tcp", "-a", str(unit), "-r", str(ref), "-0", "-t", fmt, "-1",
           "-o", "2", "-p", str(port), "127.0.0.1"]
    if values:
        cmd += ["--"] + [str(v) for v in values]
    else:
        cmd[7:7] = ["-c", str(count)]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    regs = {int(a): v for a, v in re.findall(r"^\[(\d+)\]:\s+(\S+)", r.stdout, re.M)}
    return r.returncode, regs, r.stderr


def mbpoll_u16(port, unit, ref, count):
    rc, regs, err = mbpoll(port, unit, ref, count)
    check(rc == 0, "mbpoll unit %d %#x+%d: rc %d %s" % (unit, ref, count, rc, err))
    return [int(regs.get(a, -1)) for a in range(ref, ref + count)]


def mbpoll_f32(port, unit, ref, count):
    """count floats at ref, decoded by mbpoll itself (little-endian word order = CDAB)."""
    rc, regs, err = mbpoll(port, unit, ref, count, fmt="4:float")
    check(rc == 0, "mbpoll float unit %d %#x: rc %d %s" % (unit, ref, rc, err))
    return [float(regs.get(ref + 2 * k, "nan")) for k in range(count)]


# ---- what each device must show, from the snapshot ----
# (block start, count) read in one request each; fields: (offset, type, expected)

def analyzer_fields(u):
    p = u["params"]
    return {
        0x1000: (11, [(0, "f32", u["value"]), (2, "bcd", want_time(u["value_time"])),
                      (5, "u16", ord(u["flag"])), (8, "f32", u["toc"]),
                      (10, "u16", u["count"] % 65536)]),
        0x1080: (21, [(0, "u16", u["state"]), (1, "u16", u["i12001"]), (3, "u16", u["alarm"]),
                      (4, "u16", u["fault"]), (5, "u16", u["phase"]),
                      (7, "bcd", want_time(u["clock"])),
                      (0x0A, "u16", u["change_counter"] % 65536), (0x14, "u16", u["manual"])]),
        0x10A0: (31, [(0x00, "f32", p["cycle"] / 60), (0x02, "f32", p["digestion_temp"]),
                      (0x04, "f32", p["digestion_time"] / 60), (0x06, "f32", p["range_low"]),
                      (0x08, "f32", p["range"]), (0x0A, "f32", p["slope"]),
                      (0x0C, "f32", p["intercept"]), (0x0E, "f32", p["standard_label"]),
                      (0x12, "f32", p["detection_limit"]), (0x14, "f32", p["dilution"]),
                      (0x16, "f32", p["toc_factor"]), (0x18, "f32", p["toc_offset"]),
                      (0x1A, "f32", p["span_label"])]),
    }


def probe_fields(u):
    return {0x0000: (11, [(0, "f32", u["ph"]), (2, "f32", u["temp"]), (4, "f32", u["cond"]),
                          (6, "u16", 2 if u["fault"] else 0), (7, "u16", u["fault"]),
                          (8, "bcd", want_time(u["clock"]))])}


def flow_fields(u):
    whole = math.floor(u["total"])
    return {
        0x0000: (18, [(0, "f32", u["flow_m3h"]), (2, "f32", u["flow_ls"]),
                      (4, "f64", u["total"]), (8, "u32", whole),
                      (0x0A, "f32", u["total"] - whole), (0x0C, "u16", u["status"]),
                      (0x0E, "bcd", want_time(u["clock"])), (0x11, "u16", u["changes"])]),
        0x0020: (4, [(0, "f32", u["factor"]), (2, "f32", 500.0)]),
    }


def sampler_fields(u):
    b = u["bottles"]
    filled = [i for i, x in enumerate(b) if x["state"]]
    retained = [i for i, x in enumerate(b) if x["state"] == 2]
    last = max(filled, key=lambda i: b[i]["time"]) if filled else None
    head = [(1, "f32", u["fridge_temp"]), (3, "u16", last + 1 if last is not None else 0),
            (8, "u16", len(filled)), (9, "u16", len(retained)), (0x0A, "u16", u["count"] % 65536),
            (0x0B, "bcd", want_time(u["clock"])), (0x0E, "f32", 60.0), (0x10, "u16", 0),
            (0, "u16", 1 if len(retained) == 24 else 0)]
    if last is not None:
        head += [(4, "bcd", want_time(b[last]["time"])), (7, "u16", b[last]["reason"])]
    bottles = []
    for i, x in enumerate(b):
        bottles += [(4 * i, "u16", x["state"] + 256 * (x["reason"] if x["state"] else 0)),
                    (4 * i + 1, "bcd", want_time(x["time"]) if x["state"] else None)]
    return {0x0000: (17, head), 0x0040: (96, bottles)}


def door_fields(u):
    ev = []
    for i in range(8):
        if i < len(u["events"]):
            e = u["events"][i]
            card = int(e["card"]) if e["card"] else 0
            ev += [(8 * i, "u16", e["seq"] % 65536), (8 * i + 1, "u16", e["type"]),
                   (8 * i + 2, "bcd", want_time(e["time"])), (8 * i + 5, "u32", card),
                   (8 * i + 7, "u16", 1 if e["card"] else 0)]
        else:
            ev += [(8 * i, "u16", 0)]
    return {0x0000: (6, [(0, "u16", u["open"]), (1, "u16", u["alarm"]),
                         (2, "u16", u["counter"] % 65536), (3, "bcd", want_time(u["clock"]))]),
            0x0010: (64, ev)}


def camera_fields(u):
    return {0x0000: (25, [(0, "u16", u["powered"]), (1, "u16", u["video_loss"]),
                          (2, "u16", u["covered"]), (3, "u16", u["preset"]), (4, "f32", u["pan"]),
                          (6, "f32", u["tilt"]), (8, "f32", u["deviation"]),
                          (0x0A, "u16", u["people"]), (0x0B, "f32", u["score"]),
                          (0x0D, "u16", u["visible"]), (0x0E, "u16", u["hose"]),
                          (0x0F, "u16", u["pipe"]), (0x10, "f32", u["colour"]),
                          (0x12, "f32", u["turbidity"]), (0x14, "bcd", want_time(u["clock"])),
                          (0x17, "u16", u["alarm"]), (0x18, "u16", u["events"] % 65536)])}


def meter_fields(u):
    return {0x0000: (22, [(0, "f32", u["current"]), (2, "f32", u["power_kw"]),
                          (4, "f64", u["kwh"]), (8, "u16", u["state"]), (9, "u16", u["on"]),
                          (0x0A, "f32", u["load"]), (0x0C, "f32", u["nominal"]),
                          (0x0E, "f64", u["run_hours"]), (0x12, "bcd", want_time(u["clock"])),
                          (0x15, "u16", 0)])}


FIELDS = {"analyzer": analyzer_fields, "probe": probe_fields, "flowmeter": flow_fields,
          "sampler": sampler_fields, "door": door_fields, "camera": camera_fields,
          "meter": meter_fields}


def compare(who, regs, fields):
    for off, typ, want in fields:
        try:
            if typ == "u16":
                got = regs[off]
            elif typ == "u32":
                got = u32(regs, off)
            elif typ == "f32":
                got = f32(regs, off)
            elif typ == "f64":
                got = f64(regs, off)
            else:
                got = bcd(regs, off)
        except (ValueError, IndexError) as e:
            check(False, "%s +%#x: %s" % (who, off, e))
            continue
        if typ == "f32":
            ok = close(got, want, 1e-6)
        elif typ == "f64":
            ok = close(got, want, 1e-12)
        else:
            ok = got == want
        check(ok, "%s +%#x %s: registers %r, snapshot %r" % (who, off, typ, got, want))


def py_exception(what, r, code):
    check(r.isError() and getattr(r, "exception_code", None) == code,
          "pymodbus %s: want exception %d, got %s" % (what, code, r))


def mbpoll_exception(port, unit, ref, count, text):
    rc, _, err = mbpoll(port, unit, ref, count)
    check(rc != 0 and text in err, "mbpoll unit %d %#x: want '%s', got rc %d %r"
          % (unit, ref, text, rc, err))


def read_every_device(st):
    """Reads every unit of every station with both clients; returns units seen."""
    seen = 0
    for entry, (mn, addr, port) in zip(st.snap["stations"], st.endpoints):
        check(entry["mn"] == mn and entry["port"] == port,
              "snapshot station %s:%s vs endpoint %s:%s" % (entry["mn"], entry["port"], mn, port))
        c = ModbusTcpClient(addr, port=port, timeout=3)
        check(c.connect(), "pymodbus connect %s:%d" % (addr, port))
        for unit_s, u in sorted(entry["units"].items(), key=lambda x: int(x[0])):
            unit = int(unit_s)
            check(want_time(u["clock"]) == want_time(st.snap["t_ms"] / 1000),
                  "%s unit %d clock %s is not the hold time" % (mn, unit, u["clock"]))
            for start, (n, fields) in FIELDS[u["kind"]](u).items():
                who = "%s unit %d (%s) %#x" % (mn, unit, u["kind"], start)
                r = c.read_holding_registers(start, n, slave=unit)
                check(not r.isError(), "pymodbus %s: %s" % (who, r))
                if not r.isError():
                    compare("pymodbus " + who, r.registers, fields)
                    m = mbpoll_u16(port, unit, start, n)
                    check(m == r.registers, "mbpoll %s: %r != pymodbus %r" % (who, m, r.registers))
                    compare("mbpoll " + who, m, fields)
                # mbpoll's own float decoding of every F32 field
                for off, typ, want in fields:
                    if typ == "f32":
                        got = mbpoll_f32(port, unit, start + off, 1)[0]
                        check(close(got, want, 1e-5), "mbpoll float %s +%#x: %r, snapshot %r"
                              % (who, off, got, want))
            seen += 1
        c.close()
    return seen


# ---- run 1: two dyeing stations on consecutive ports, held mid-morning ----

def free_port_pair():
    for _ in range(50):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        p = s.getsockname()[1]
        s.close()
        if p >= 65535:
            continue
        t = socket.socket()
        try:
            t.bind(("127.0.0.1", p + 1))
            t.close()
            return p
        except OSError:
            t.close()
    raise SystemExit("no two consecutive free ports")


for attempt in range(5):  # another process may take a port between the probe and the bind
    base = free_port_pair()
    try:
        st = Station(["--profile", "dyeing", "--mn", "33040001DYE0001", "--count", "2",
                      "--modbus-port", str(base), "--listen", "127.0.0.1",
                      "--start", "2022-02-08 00:00", "--seed", "7", "--hold-at", "10:37"])
        break
    except StartError as e:
        print("attempt %d: %s" % (attempt + 1, e), flush=True)
else:
    raise SystemExit("hjrange station did not start")
print("run 1: endpoints", st.endpoints, "held", st.held, flush=True)
check([e[0] for e in st.endpoints] == ["33040001DYE0001", "33040001DYE0002"],
      "MNs: %r" % st.endpoints)
check([e[2] for e in st.endpoints] == [base, base + 1], "ports: %r" % st.endpoints)
check(st.held == "2022-02-08 10:37:00", "held at %r" % st.held)
check(st.snap["time"] == "2022-02-08T10:37:00+08:00", "snapshot time %r" % st.snap["time"])
s0 = st.snap["stations"][0]["units"]
check(sorted(s0, key=int) == ["1", "2", "3", "5", "6", "7", "8", "9", "10", "11", "12", "13"],
      "dyeing units: %r" % sorted(s0, key=int))
# the numbers are the plant's, not zeros: COD near 150, flow near 80, line1 drawing current
check(100 < s0["1"]["value"] < 220 and s0["1"]["count"] == 11, "COD %r" % s0["1"]["value"])
check(40 < s0["6"]["flow_m3h"] < 130 and s0["6"]["total"] > 300, "flow %r" % s0["6"])
check(s0["11"]["facility"] == "line1" and s0["11"]["current"] > 10, "line1 %r" % s0["11"])
check(s0["7"]["count"] >= 10, "sampler count %r" % s0["7"]["count"])
check(st.snap["stations"][1]["units"]["1"]["value"] != s0["1"]["value"],
      "two stations, the same COD: streams not per MN")
n = read_every_device(st)
check(n == 24, "units read: %d" % n)

port = st.endpoints[0][2]
c = ModbusTcpClient("127.0.0.1", port=port, timeout=3)
check(c.connect(), "pymodbus connect")
# exceptions
# reserved words inside a block read 0: the analyzer's data block as a DAU reads it
r11 = c.read_holding_registers(0x1000, 11, slave=1)
r = c.read_holding_registers(0x1000, 16, slave=1)
check(not r.isError() and not r11.isError() and r.registers[:11] == r11.registers
      and r.registers[11:] == [0] * 5,
      "16 registers from 0x1000: %s" % (r if r.isError() else r.registers))
regs = mbpoll_u16(port, 1, 0x100B, 5)
check(regs == [0] * 5, "mbpoll reserved 0x100B..0x100F: %r" % regs)
py_exception("past the data block", c.read_holding_registers(0x102D, 1, slave=1), 2)
py_exception("range out of the data block", c.read_holding_registers(0x1000, 46, slave=1), 2)
py_exception("flow meter 0x0012", c.read_holding_registers(0x0012, 1, slave=6), 2)
py_exception("write read-only probe", c.write_registers(0x0000, [1, 2], slave=5), 2)
py_exception("TN not fitted", c.read_holding_registers(0x1000, 2, slave=4), 0x0B)
py_exception("unit 14", c.read_holding_registers(0, 1, slave=14), 0x0B)
py_exception("unit 200", c.read_holding_registers(0, 1, slave=200), 0x0B)
mbpoll_exception(port, 1, 0x102D, 1, "Illegal data address")
mbpoll_exception(port, 8, 0x0006, 1, "Illegal data address")
mbpoll_exception(port, 4, 0x1000, 1, "Target device failed to respond")
mbpoll_exception(port, 14, 0, 1, "Target device failed to respond")

# a write reaches the model and is logged: flow factor 0.5 (FC16), COD measure (FC06)
half = struct.unpack(">HH", struct.pack(">f", 0.5))
r = c.write_registers(0x0020, [half[1], half[0]], slave=6)
check(not r.isError(), "pymodbus write factor: %s" % r)
line = st.next_line()
check(line.startswith("write 33040001DYE0001 unit=6 fc=16 addr=32 n=2 values=0,16128 client=")
      and line.endswith('time="2022-02-08 10:37:00"'), "write log: %r" % line)
r = c.read_holding_registers(0x0020, 2, slave=6)
check(not r.isError() and f32(r.registers, 0) == 0.5, "factor read back: %s" % r)
r = c.read_holding_registers(0x0011, 1, slave=6)
check(not r.isError() and r.registers[0] == s0["6"]["changes"] + 1, "factor changes: %s" % r)
rc, _, err = mbpoll(port, 1, 0x1200, 1, values=[1])
check(rc == 0, "mbpoll FC06 measure: %s" % err)
line = st.next_line()
check(line.startswith("write 33040001DYE0001 unit=1 fc=6 addr=4608 n=1 values=1 client="),
      "write log: %r" % line)
r = c.read_holding_registers(0x1080, 1, slave=1)
check(not r.isError() and r.registers[0] == 1, "COD measuring after the command: %s" % r)
r = c.read_holding_registers(0x1094, 1, slave=1)
check(not r.isError() and r.registers[0] == 1, "manual cycle flag: %s" % r)
py_exception("busy", c.write_register(0x1200, 1, slave=1), 6)
c.close()
check(st.stop() == 0, "hjrange station exit status")

# ---- run 2: a municipal station (TN fitted) held after a day ----
st = Station(["--profile", "municipal", "--mn", "MUNI0001", "--modbus-port", "0",
              "--start", "2022-07-01 06:00", "--seed", "3", "--hold-at", "+1d3h20m"])
print("run 2: endpoints", st.endpoints, "held", st.held, flush=True)
check(st.held == "2022-07-02 09:20:00", "held at %r" % st.held)
check(len(st.endpoints) == 1 and st.endpoints[0][0] == "MUNI0001", "MN %r" % st.endpoints)
u = st.snap["stations"][0]["units"]
check("4" in u and u["4"]["type"] == "tn", "municipal: TN on unit 4")
check(10 < u["1"]["value"] < 60 and u["1"]["count"] == 27, "municipal COD %r" % u["1"])
n = read_every_device(st)
check(n == 13, "units read: %d" % n)
check(st.stop() == 0, "hjrange station exit status")

# ---- run 3: paced, 600x real time for 10 virtual minutes, snapshot at the end ----
d = tempfile.mkdtemp(prefix="hjst-")
snap = os.path.join(d, "paced.json")
t0 = datetime.datetime.now().timestamp()
r = subprocess.run([HJRANGE, "station", "--modbus-port", "0", "--start", "2022-02-08 00:00",
                    "--speed", "600", "--duration", "10m", "--snapshot", snap],
                   capture_output=True, text=True, timeout=60)
took = datetime.datetime.now().timestamp() - t0
check(r.returncode == 0 and re.match(r"^HJRANGE00000001 127\.0\.0\.1:\d+$", r.stdout.strip()),
      "paced run: rc %d out %r err %r" % (r.returncode, r.stdout, r.stderr))
check(0.8 < took < 10, "10 virtual minutes at 600x took %.2f s" % took)
with open(snap) as f:
    paced = json.load(f)
check(paced["time"] == "2022-02-08T00:10:00+08:00", "paced snapshot time %r" % paced["time"])
check(paced["stations"][0]["units"]["6"]["clock"] == 1644250200, "paced flow meter clock")
shutil.rmtree(d, ignore_errors=True)

# ---- the help, in both languages ----
r = subprocess.run([HJRANGE, "--lang", "zh", "station", "--help"], capture_output=True,
                   text=True, timeout=10)
check(r.returncode == 0 and "站房" in r.stdout and "--hold-at" in r.stdout, "zh help")
r = subprocess.run([HJRANGE, "station", "--count", "0"], capture_output=True, text=True,
                   timeout=10)
check(r.returncode == 2 and "--count" in r.stderr, "bad --count: %r" % r.stderr)

print("%d checks, %d failures" % (checks, len(failures)))
sys.exit(1 if failures else 0)
