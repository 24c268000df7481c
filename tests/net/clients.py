#!/usr/bin/python3
"""Independent Modbus clients from Debian against the test station (mbtestd).

usage: /usr/bin/python3 clients.py PATH/TO/mbtestd [PATH/TO/mbpoll]

mbpoll (libmodbus-based CLI) and pymodbus (Debian 12's python3-pymodbus, a separate
implementation) read every register of every test device, write with FC06/FC16 and provoke
exceptions. Each value is checked twice: against the map of tests/net/testdev.h and against
what the model holds, asked from mbtestd's stdin (not over Modbus). Exits 1 on any mismatch.
"""
import re
import subprocess
import sys

from pymodbus.client import ModbusTcpClient

MBTESTD = sys.argv[1]
MBPOLL = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else "mbpoll"
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


class Station:
    def __init__(self):
        self.p = subprocess.Popen([MBTESTD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, bufsize=1)
        line = self.p.stdout.readline()
        m = re.match(r"port (\d+)", line)
        if not m:
            raise SystemExit("mbtestd did not print its port: %r" % line)
        self.port = int(m.group(1))
        self.writes = []

    def ask(self, line, answer):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        while True:
            out = self.p.stdout.readline()
            if not out:
                raise SystemExit("mbtestd exited")
            out = out.strip()
            if out.startswith("write "):
                self.writes.append(out)
            elif out.startswith(answer):
                return out

    def get(self, unit, table, addr):
        return int(self.ask("get %d %s %d" % (unit, table, addr), "value").split()[1])

    def stats(self):
        line = self.ask("stats", "stats")
        return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}

    def take_writes(self):
        self.ask("stats", "stats")  # any write line printed so far comes before the answer
        w, self.writes = self.writes, []
        return [re.sub(r" client=\S+", "", x) for x in w]

    def stop(self):
        self.p.stdin.close()
        return self.p.wait(timeout=10)


# The map of testdev.h, before any write.
def initial(unit, table, addr):
    if table == "input":
        return unit * 1000 + 7 * (addr - 0x1000) if 0x1000 <= addr < 0x100A else None
    if 0 <= addr < 16:
        return unit * 100 + addr
    if 0x20 <= addr < 0x28:
        return unit * 256 + addr
    return None


WINDOWS = [("holding", 0x0000, 16), ("holding", 0x0020, 8), ("input", 0x1000, 10)]
UNITS = [1, 2, 3, 5]  # 4 is powered off
exceptions_expected = 0


def mbpoll(unit, ref, table, count=1, values=()):
    t = "3" if table == "input" else "4"
    cmd = [MBPOLL, "-m", "tcp", "-a", str(unit), "-r", str(ref), "-0", "-t", t, "-1", "-o",
           "2", "-p", str(st.port), "127.0.0.1"]
    if values:  # mbpoll writes with FC06 for one value, FC16 for several; no -c then
        cmd += ["--"] + [str(v) for v in values]
    else:
        cmd[7:7] = ["-c", str(count)]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    regs = {int(a): int(v) for a, v in re.findall(r"^\[(\d+)\]:\s+(-?\d+)", r.stdout, re.M)}
    return r.returncode, regs, r.stderr


def mbpoll_exception(unit, ref, table, text, count=1, values=(), tflag=None):
    global exceptions_expected
    exceptions_expected += 1
    if tflag is not None:
        r = subprocess.run([MBPOLL, "-m", "tcp", "-a", str(unit), "-r", str(ref), "-0", "-c",
                            str(count), "-t", tflag, "-1", "-o", "2", "-p", str(st.port),
                            "127.0.0.1"], capture_output=True, text=True, timeout=20)
        rc, err = r.returncode, r.stderr
    else:
        rc, _, err = mbpoll(unit, ref, table, count, values)
    check(rc != 0 and text in err,
          "mbpoll unit %d ref %#x: want '%s', got rc %d %r" % (unit, ref, text, rc, err))


st = Station()
print("mbtestd on port", st.port, flush=True)

# ---- mbpoll: every register of every device ----
for unit in UNITS:
    for table, start, n in WINDOWS:
        rc, regs, err = mbpoll(unit, start, table, n)
        check(rc == 0, "mbpoll read unit %d %s %#x: rc %d %s" % (unit, table, start, rc, err))
        for a in range(start, start + n):
            model = st.get(unit, table, a)
            check(regs.get(a) == model == initial(unit, table, a),
                  "mbpoll unit %d %s %#x: client %s model %s map %s"
                  % (unit, table, a, regs.get(a), model, initial(unit, table, a)))

# ---- mbpoll: writes reach the model (06 for one value, 16 for several) ----
rc, _, err = mbpoll(1, 0x21, "holding", 1, [4321])
check(rc == 0, "mbpoll FC06: %s" % err)
rc, _, err = mbpoll(2, 0x22, "holding", 3, [11, 22, 33])
check(rc == 0, "mbpoll FC16: %s" % err)
check(st.take_writes() == ["write unit=1 fc=6 addr=33 n=1 values=4321",
                           "write unit=2 fc=16 addr=34 n=3 values=11,22,33"],
      "write log after mbpoll: %r" % st.writes)
check(st.get(1, "holding", 0x21) == 4321, "model unit 1 0x21 after FC06")
check([st.get(2, "holding", a) for a in (0x22, 0x23, 0x24)] == [11, 22, 33],
      "model unit 2 0x22.. after FC16")
rc, regs, _ = mbpoll(2, 0x20, "holding", 8)
check(rc == 0 and [regs.get(a) for a in range(0x20, 0x28)] ==
      [2 * 256 + 0x20, 2 * 256 + 0x21, 11, 22, 33, 2 * 256 + 0x25, 2 * 256 + 0x26,
       2 * 256 + 0x27], "mbpoll read-back unit 2: %r" % regs)

# ---- mbpoll: exceptions ----
mbpoll_exception(1, 0x10, "holding", "Illegal data address")           # the hole
mbpoll_exception(1, 0x0E, "holding", "Illegal data address", count=4)  # crossing into it
mbpoll_exception(3, 0x100A, "input", "Illegal data address")           # after the inputs
mbpoll_exception(1, 0x00, "holding", "Illegal data address", values=[5])  # read-only
mbpoll_exception(1, 0x20, "holding", "Illegal data value", values=[20000])
mbpoll_exception(1, 0, None, "Illegal function", tflag="0")            # FC01 coils
mbpoll_exception(1, 0, None, "Illegal function", tflag="1")            # FC02 inputs
mbpoll_exception(5, 0x20, "holding", "Illegal function", values=[1])   # read-only device
mbpoll_exception(4, 0, "holding", "Slave device or server failure")    # powered off
mbpoll_exception(9, 0, "holding", "Target device failed to respond")   # no such unit
check(st.take_writes() == [], "refused writes were logged: %r" % st.writes)
check(st.get(1, "holding", 0x20) == 256 + 0x20, "refused value reached the model")

# ---- pymodbus: every register, writes, exceptions ----
c = ModbusTcpClient("127.0.0.1", port=st.port, timeout=3)
check(c.connect(), "pymodbus connect")
for unit in UNITS:
    for table, start, n in WINDOWS:
        if table == "input":
            r = c.read_input_registers(start, n, slave=unit)
        else:
            r = c.read_holding_registers(start, n, slave=unit)
        check(not r.isError(), "pymodbus read unit %d %s %#x: %s" % (unit, table, start, r))
        got = [] if r.isError() else r.registers
        want = [st.get(unit, table, a) for a in range(start, start + n)]
        check(got == want, "pymodbus unit %d %s %#x: client %s model %s"
              % (unit, table, start, got, want))

r = c.write_register(0x25, 777, slave=3)
check(not r.isError() and r.address == 0x25 and r.value == 777, "pymodbus FC06: %s" % r)
r = c.write_registers(0x20, [9, 8, 7], slave=3)
check(not r.isError() and r.address == 0x20 and r.count == 3, "pymodbus FC16: %s" % r)
check(st.take_writes() == ["write unit=3 fc=6 addr=37 n=1 values=777",
                           "write unit=3 fc=16 addr=32 n=3 values=9,8,7"],
      "write log after pymodbus: %r" % st.writes)
check([st.get(3, "holding", a) for a in range(0x20, 0x28)] ==
      [9, 8, 7, 3 * 256 + 0x23, 3 * 256 + 0x24, 777, 3 * 256 + 0x26, 3 * 256 + 0x27],
      "model unit 3 after pymodbus writes")
r = c.read_holding_registers(0x20, 8, slave=3)
check(not r.isError() and r.registers[:3] == [9, 8, 7] and r.registers[5] == 777,
      "pymodbus read-back: %s" % r)


def py_exception(what, r, code):
    global exceptions_expected
    exceptions_expected += 1
    check(r.isError() and getattr(r, "exception_code", None) == code,
          "pymodbus %s: want exception %d, got %s" % (what, code, r))


py_exception("hole", c.read_holding_registers(0x10, 1, slave=1), 2)
py_exception("unmapped input", c.read_input_registers(0, 1, slave=2), 2)
py_exception("coils", c.read_coils(0, 1, slave=1), 1)
py_exception("write coil", c.write_coil(0, True, slave=1), 1)
py_exception("126 registers", c.read_holding_registers(0, 126, slave=1), 3)
py_exception("value 20000", c.write_register(0x20, 20000, slave=2), 3)
py_exception("write read-only", c.write_registers(0x0, [1, 2], slave=2), 2)
py_exception("powered off", c.read_input_registers(0x1000, 1, slave=4), 4)
py_exception("unit 200", c.read_holding_registers(0, 1, slave=200), 0x0B)
c.close()
check(st.take_writes() == [], "refused pymodbus writes were logged: %r" % st.writes)

s = st.stats()
check(s["exceptions"] == exceptions_expected,
      "server counted %d exceptions, clients provoked %d" % (s["exceptions"], exceptions_expected))
check(s["writes"] == 4, "server counted %d writes, want 4" % s["writes"])
check(s["bad_frames"] == 0, "bad frames from well-behaved clients: %d" % s["bad_frames"])
rc = st.stop()
check(rc == 0, "mbtestd exit status %d" % rc)
print("%d checks, %d failures; server: %s" % (checks, len(failures), s))
sys.exit(1 if failures else 0)
