#!/usr/bin/python3
"""Independent Modbus clients against the gas and VOCs stations of `hjrange station`.

usage: /usr/bin/python3 gas_clients.py PATH/TO/hjrange [PATH/TO/mbpoll]

Starts `hjrange station --profile coal_boiler` and `--profile coating_vocs` held at a
virtual time (--hold-at, --snapshot); pymodbus (Debian 12's python3-pymodbus, a separate
implementation) reads every gas device by the addresses of docs/registers.md "Gas and VOCs
stations", and mbpoll (libmodbus) the analyzers' values. The decoded registers (CDAB
floats) must agree with the models' values in the snapshot; an absent unit answers with an
exception. Exits 1 on any disagreement.
"""
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

from pymodbus.client import ModbusTcpClient

HJRANGE = sys.argv[1]
MBPOLL = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


def close(a, b, rel=1e-5, abs_=1e-4):
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))


def f32(r, i):
    return struct.unpack(">f", struct.pack(">HH", r[i + 1], r[i]))[0]


def start(profile):
    d = tempfile.mkdtemp(prefix="hjgas-")
    snap = os.path.join(d, "snap.json")
    p = subprocess.Popen([HJRANGE, "station", "--profile", profile, "--modbus-port", "0",
                          "--start", "2022-02-08 00:00", "--hold-at", "+3h30m",
                          "--snapshot", snap], stdout=subprocess.PIPE, text=True, bufsize=1)
    port = None
    while True:
        line = p.stdout.readline()
        if not line:
            raise SystemExit("hjrange station exited early (rc %s)" % p.wait())
        m = re.match(r"^(\S+) (\S+):(\d+)$", line.strip())
        if m:
            port = int(m.group(3))
        elif line.startswith("held "):
            break
    with open(snap) as f:
        return p, d, port, json.load(f)["stations"][0]


def stop(p, d):
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=20)
    shutil.rmtree(d, ignore_errors=True)


def read(c, unit, addr, n):
    r = c.read_holding_registers(addr, n, slave=unit)
    check(not r.isError(), "unit %d %#x+%d: %s" % (unit, addr, n, r))
    return r.registers if not r.isError() else [0] * n


# unit kind -> [(address, count, [(offset, snapshot key, scale)])]
MAPS = {
    "gasan": [(0x0000, 23, [(0x00, "value", 1), (0x08, "value2", 1)]),
              (0x0040, 1, []), (0x0060, 14, [(0x00, "range", 1), (0x02, "slope", 1),
                                             (0x08, "span_label", 1)])],
    "pmmon": [(0x0000, 16, [(0x00, "value", 1)]), (0x0020, 14, [(0x00, "k", 1)])],
    "flue": [(0x0000, 26, [(0x00, "v", 1), (0x02, "t", 1), (0x0C, "qsn", 1)]),
             (0x0020, 8, [(0x00, "kv", 1), (0x04, "area", 1)])],
    "sampling": [(0x0000, 28, [(0x00, "probe_t", 1), (0x02, "line_t", 1),
                               (0x04, "chiller_t", 1)])],
    "damper": [(0x0000, 17, [(0x00, "opening", 1)])],
    "gcfid": [(0x0000, 16, [(0x00, "nmhc", 1), (0x02, "thc", 1), (0x04, "ch4", 1)])],
    "meter": [(0x0000, 10, [(0x00, "current", 1)])],
    "door": [(0x0000, 6, [])],
    "camera": [(0x0000, 25, [])],
}
U16 = {"gasan": (0x0040, "state"), "sampling": (0x000C, "state"), "damper": (0x0004, "state")}


def check_station(profile, want_units):
    p, d, port, snap = start(profile)
    try:
        units = snap["units"]
        check(sorted(int(u) for u in units) == want_units,
              "%s: units %s" % (profile, sorted(units)))
        c = ModbusTcpClient("127.0.0.1", port=port)
        check(c.connect(), "%s: connect" % profile)
        for key, u in sorted(units.items(), key=lambda kv: int(kv[0])):
            unit, kind = int(key), u["kind"]
            for addr, n, fields in MAPS[kind]:
                regs = read(c, unit, addr, n)
                for off, name, scale in fields:
                    got, want = f32(regs, off), u[name] * scale
                    # the sampling system's snapshot holds the true temperatures; its
                    # registers the readings (noise sd 0.2 degC)
                    tol = 1.5 if kind == "sampling" else 1e-4
                    check(close(got, want, abs_=tol), "%s unit %d %s: %r != %r" % (profile, unit, name,
                                                                          got, want))
                if kind in U16 and U16[kind][0] == addr:
                    check(regs[0] == u[U16[kind][1]], "%s unit %d state" % (profile, unit))
        r = c.read_holding_registers(0, 2, slave=5 if profile == "coal_boiler" else 1)
        check(r.isError(), "%s: an absent analyzer answers with an exception" % profile)
        c.close()
        if MBPOLL and "1" in units and units["1"]["kind"] == "gasan":
            out = subprocess.run([MBPOLL, "-m", "tcp", "-a", "1", "-r", "0", "-0", "-t", "4:float",
                                  "-c", "1", "-1", "-o", "2", "-p", str(port), "127.0.0.1"],
                                 capture_output=True, text=True, timeout=20)
            m = re.search(r"^\[0\]:\s+(\S+)", out.stdout, re.M)
            check(out.returncode == 0 and m and close(float(m.group(1)), units["1"]["value"]),
                  "mbpoll SO2: %s %s" % (out.stdout[-200:], out.stderr[-200:]))
    finally:
        stop(p, d)


check_station("coal_boiler", [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24])
check_station("coating_vocs", [7, 8, 9, 10, 11, 13, 21, 22])
print("%d checks, %d failures" % (checks, len(failures)))
sys.exit(1 if failures else 0)
