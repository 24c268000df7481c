#!/usr/bin/env python3
"""readme.py HJRANGE README SCENARIOS -- runs README.md's usage commands as written.

Takes every command line of the ```sh block under "## Usage" (the lines that start with
`hjrange`; the `# ...` comments dropped), the `$ echo ... | hjrange hj212 decode` example
with the output shown under it, and the Lua example, and runs them in a temporary folder
with `hjrange` standing for the binary under test. Changes to the commands are only those
in SUBST below (fixed ports -> ephemeral ones, a display for `view`); each must match the
README's text exactly, or the test fails. A README command this file has no runner for
also fails the test: a new command in the README needs its check here.

What the commands expect to find is made first, from the README itself where it can be:
my-drill.lua is the README's Lua example; team-a.jsonl / team-b.jsonl are the demo run's
alerts and an empty findings file; stations.json registers the demo station; packets.txt
holds the first packets of the demo run; packets.jsonl is what `hj212 decode` printed.
`scenarios/` is the source tree's, without city.lua (the 768-station benchmark alone takes
about 8 minutes; docs/BENCHMARKS.md measures it).

With HJ_HEADLESS=1 (a build without the view) the commands are the same; what they must do
differs where the view would be: `hjrange view` exits 3 saying the build has no view, and a
run writes report.html without report.png.
"""
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time

HJRANGE, README, SCENARIOS = sys.argv[1:4]
HEADLESS = os.environ.get("HJ_HEADLESS") == "1"

# The only changes to README commands: (README text, what runs instead).
SUBST = {
    "station": [("--modbus-port 1502", "--modbus-port 0")],  # ephemeral ports (printed)
    "detect": [("--listen 0.0.0.0:9000", "--listen 127.0.0.1:0")],  # loopback, any port
    "view": [("--lang zh", "--lang zh --at 12:00 --screenshot view.png")],  # no one to click
}

failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what, flush=True)


def blocks(text):
    """(info, body, heading) of every fenced block."""
    out, heading = [], ""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("## "):
            heading = lines[i][3:].strip()
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if m:
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            out.append((m.group(1), "\n".join(lines[i + 1:j]), heading))
            i = j
        i += 1
    return out


text = open(README, encoding="utf-8").read()
bl = blocks(text)
usage = [b for info, b, h in bl if info == "sh" and h == "Usage"]
if len(usage) < 2:
    sys.exit("README: no ```sh blocks under ## Usage")
commands = []
for line in usage[0].split("\n"):
    if line.startswith("hjrange "):
        commands.append(re.sub(r"\s+#.*$", "", line).strip())
example = usage[1].split("\n")
lua = [b for info, b, h in bl if info == "lua"]
print("README: %d usage commands, %d example lines, %d Lua blocks" % (len(commands), len(example), len(lua)))

tmp = tempfile.mkdtemp(prefix="hjreadme-")
os.chdir(tmp)
os.mkdir("scenarios")
for e in sorted(os.listdir(SCENARIOS)):
    if e != "city.lua":
        os.symlink(os.path.join(SCENARIOS, e), os.path.join("scenarios", e))
env = dict(os.environ, HJRANGE_LANG="en")
env.pop("LANG", None)


def argv(cmd):
    a = shlex.split(cmd)
    assert a[0] == "hjrange"
    return [HJRANGE] + a[1:]


def substitute(cmd, key):
    for old, new in SUBST.get(key, []):
        if old not in cmd:
            fail("README command %r no longer has %r (update SUBST)" % (cmd, old))
        cmd = cmd.replace(old, new)
    return cmd


def run(cmd, stdin=None, want_rc=0, timeout=600, wrap=None):
    """Runs one README command line (with < FILE handled); returns (rc, stdout, stderr)."""
    redir = None
    m = re.match(r"^(.*?)\s*<\s*(\S+)$", cmd)
    if m:
        cmd, redir = m.group(1), m.group(2)
    a = argv(cmd)
    if wrap:
        a = wrap + a
    t0 = time.time()
    with open(redir, "rb") if redir else open(os.devnull, "rb") as f:
        if stdin is None:
            r = subprocess.run(a, stdin=f, capture_output=True, timeout=timeout, env=env)
        else:
            r = subprocess.run(a, input=stdin, capture_output=True, timeout=timeout, env=env)
    out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    print("$ %s%s   -> exit %d, %.1f s" % (cmd, " < " + redir if redir else "", r.returncode,
                                           time.time() - t0), flush=True)
    if want_rc is not None and r.returncode != want_rc:
        fail("%s: exit %d (want %d)\n%s\n%s" % (cmd, r.returncode, want_rc, out[-2000:], err[-2000:]))
    return r.returncode, out, err


def wait_line(p, pattern, seconds):
    """Reads p.stdout until a line matches; returns the match or None."""
    end = time.time() + seconds
    buf = b""
    os.set_blocking(p.stdout.fileno(), False)
    while time.time() < end:
        chunk = p.stdout.read()
        if chunk:
            buf += chunk
            m = re.search(pattern, buf.decode("utf-8", "replace"))
            if m:
                return m
        elif p.poll() is not None:
            return None
        time.sleep(0.05)
    return None


def stop(p, name):
    p.send_signal(signal.SIGTERM)
    try:
        rc = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
    err = p.stderr.read().decode("utf-8", "replace")
    if rc != 0:
        fail("%s: exit %d after SIGTERM: %s" % (name, rc, err[-2000:]))
    return err


def on_help(cmd):
    _, out, _ = run(cmd)
    if "commands:" not in out and "命令" not in out:
        fail("%s: no command list: %s" % (cmd, out[:300]))
    if "--lang zh" in cmd and not re.search(r"[\u4e00-\u9fff]", out):
        fail("%s: no Chinese text" % cmd)


def on_run(cmd):
    run(cmd)
    out = cmd.split("--out", 1)[1].split()[0]
    # the files the README's comment promises
    for f in ("truth.json", "alerts.jsonl", "hj212.log", "series.csv", "records.jsonl",
              "report.json", "report.png", "report.html"):
        if HEADLESS and f == "report.png":
            if os.path.exists(os.path.join(out, f)):
                fail("%s: %s/%s without the view" % (cmd, out, f))
            continue
        if not os.path.isfile(os.path.join(out, f)):
            fail("%s: no %s/%s" % (cmd, out, f))


def on_check(cmd):
    _, out, _ = run(cmd)
    if ": ok: " not in out:
        fail("%s: %s" % (cmd, out))


def on_score(cmd):
    _, out, _ = run(cmd)
    for team in ("team-a", "team-b"):
        if team not in out:
            fail("%s: %s not in the leaderboard: %s" % (cmd, team, out[:500]))


def on_suite(cmd):
    run(cmd, timeout=900)


def on_generate(cmd):
    run(cmd)
    files = sorted(os.listdir("generated"))
    if len(files) != 20 or files[0] != "gen-0001.lua":
        fail("%s: %d files in generated/: %s" % (cmd, len(files), files[:3]))
    run("hjrange check generated/" + files[0])


def on_view(cmd):
    cmd = substitute(cmd, "view")
    if HEADLESS:
        _, _, err = run(cmd, want_rc=3)
        if "HJ_HEADLESS" not in err:
            fail("%s: does not say that the build has no view: %s" % (cmd, err))
        return
    run(cmd, wrap=["xvfb-run", "-a"])
    with open("view.png", "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            fail("%s: view.png is not a PNG" % cmd)


def on_list(cmd):
    _, out, _ = run(cmd)
    for key in ("sample_cup_injection", "dyeing", "demo.lua"):
        if key not in out:
            fail("%s: %s not listed: %s" % (cmd, key, out[:500]))


def on_registry(cmd):
    run(cmd)
    out = cmd.split("--out", 1)[1].split()[0]
    reg = json.load(open(out))
    mn = re.search(r'mn = "([^"]+)"', open("my-drill.lua").read()).group(1)
    if [r["mn"] for r in reg] != [mn] or not reg[0].get("pw"):
        fail("%s: %s is not the registry of my-drill.lua's station %s" % (cmd, reg, mn))


def on_station(cmd):
    cmd = substitute(cmd, "station")
    print("$ %s   (in the background)" % cmd, flush=True)
    p = subprocess.Popen(argv(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    m = wait_line(p, r"(?s)(\S+ 127\.0\.0\.1:\d+\n.*){3}", 60)
    if not m:
        p.kill()
        fail("%s: no 3 endpoints printed: %s" % (cmd, p.stderr.read()[-2000:]))
        return
    ports = [int(x) for x in re.findall(r"127\.0\.0\.1:(\d+)", m.group(0))]
    for port in ports:
        # one Modbus/TCP read of the flow meter (unit 6, FC 03, 2 registers at 0x0002)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(bytes([0, 1, 0, 0, 0, 6, 6, 3, 0, 2, 0, 2]))
            reply = s.recv(64)
        if len(reply) != 13 or reply[7] != 3:
            fail("%s: port %d: Modbus reply %r" % (cmd, port, reply))
    stop(p, cmd)


def registry_and_packets():
    """stations.json for the demo station and packets.txt (the demo's first packets)."""
    truth = json.load(open("out/demo/truth.json"))
    lines = open("out/demo/hj212.log", "rb").read().split(b"\r\n")
    lines = [l for l in lines if l.startswith(b"##")][:120]
    pw = re.search(rb";PW=([^;]*);", lines[0]).group(1).decode()
    mn = truth["stations"][0]["mn"]
    json.dump([{"mn": mn, "pw": pw, "protocol": 2017}], open("stations.json", "w"))
    open("packets.txt", "wb").write(b"".join(l + b"\r\n" for l in lines))
    return mn, lines


def on_detect(cmd):
    cmd = substitute(cmd, "detect")
    mn, lines = registry_and_packets()
    print("$ %s   (in the background)" % cmd, flush=True)
    p = subprocess.Popen(argv(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    m = wait_line(p, r"port (\d+)", 60)
    if not m:
        p.kill()
        fail("%s: not listening: %s" % (cmd, p.stderr.read().decode()[-2000:]))
        return
    port = int(m.group(1))
    # the demo's first packets, one at a time, each acknowledged (9014 echoing its QN)
    acked = 0
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        f = s.makefile("rb")
        for l in lines:
            s.sendall(l + b"\r\n")
            qn = re.search(rb"QN=(\d+)", l).group(1)
            reply = f.readline()
            if b"CN=9014" in reply and b"QN=" + qn in reply:
                acked += 1
            else:
                fail("%s: reply to %s: %r" % (cmd, qn.decode(), reply))
                break
    err = stop(p, cmd)
    if acked != len(lines):
        fail("%s: %d of %d packets acknowledged" % (cmd, acked, len(lines)))
    if "stopped" not in err:
        fail("%s: %s" % (cmd, err[-2000:]))
    print("  %d packets of %s sent and acknowledged" % (acked, mn))


def on_db(cmd):
    _, out, _ = run(cmd)
    rows = out.strip().split("\n")
    if rows[0] != "mn,cn,datatime,code,field,value,flag" or len(rows) < 2:
        fail("%s: %s" % (cmd, out[:500]))


def on_decode(cmd):
    _, out, _ = run(cmd)
    objs = [json.loads(l) for l in out.strip().split("\n")]
    n = len(open("packets.txt", "rb").read().split(b"\r\n")) - 1
    if len(objs) != n or any("error" in o for o in objs):
        fail("%s: %d objects for %d packets" % (cmd, len(objs), n))
    open("packets.jsonl", "w").write(out)


def on_encode(cmd):
    _, out, _ = run(cmd)
    want = open("packets.txt", "rb").read().decode().replace("\r\n", "\n")
    if out.replace("\r\n", "\n") != want:
        fail("%s: the packets encoded from packets.jsonl differ from packets.txt" % cmd)


RUNNERS = [  # (prefix, runner), first match wins; the order is the README's
    ("hjrange help", on_help), ("hjrange --lang zh help", on_help),
    ("hjrange run ", on_run), ("hjrange check ", on_check), ("hjrange score ", on_score),
    ("hjrange suite ", on_suite), ("hjrange generate ", on_generate), ("hjrange list", on_list), ("hjrange view ", on_view),
    ("hjrange registry ", on_registry),
    ("hjrange station ", on_station), ("hjrange detect ", on_detect),
    ("hjrange db dump ", on_db), ("hjrange hj212 decode", on_decode),
    ("hjrange hj212 encode", on_encode),
]

# what the commands read: the README's Lua example, the teams' files
if len(lua) != 1:
    fail("README: %d Lua blocks, want the one scenario example" % len(lua))
else:
    open("my-drill.lua", "w").write(lua[0] + "\n")
open("team-b.jsonl", "w").close()

bad_cmds = 0
for cmd in commands:
    runner = next((r for pre, r in RUNNERS if cmd.startswith(pre)), None)
    if runner is None:
        fail("no runner for README command %r (add one to tests/readme/readme.py)" % cmd)
        bad_cmds += 1
        continue
    if cmd.startswith("hjrange score "):
        # team-a.jsonl: the alerts of the demo run just before
        open("team-a.jsonl", "w").write(open("out/demo/alerts.jsonl").read())
    before = len(failures)
    try:
        runner(cmd)
    except Exception as e:  # a crash of one runner is that command's failure
        fail("%s: %s: %s" % (cmd, type(e).__name__, e))
    bad_cmds += len(failures) > before

# the decode example: `$ echo '...' | hjrange hj212 decode`, then its output
before = len(failures)
ex = [l for l in example if l.strip()]
m = re.match(r"^\$ echo '([^']*)' \| (hjrange hj212 decode)$", ex[0]) if ex else None
if not m or len(ex) != 2:
    fail("README: the decode example is not `$ echo '...' | hjrange hj212 decode` + one output line")
else:
    packet, cmd = m.group(1), m.group(2)
    _, out, _ = run(cmd, stdin=(packet + "\n").encode())
    if out.strip() != ex[1]:
        fail("decode example: got\n%s\nREADME shows\n%s" % (out.strip(), ex[1]))
    # the sentence above it: a refused packet gives an error object and exit status 1
    bad = packet[:-4] + ("0000" if packet[-4:] != "0000" else "1111")
    rc, out, _ = run(cmd, stdin=(bad + "\n").encode(), want_rc=1)
    o = json.loads(out.strip().split("\n")[0]) if out.strip() else {}
    if o.get("error") != "crc" or o.get("qnrtn") != 9:
        fail("decode of a bad CRC: %s" % out)

bad_cmds += len(failures) > before
if len(lua) != 1:
    bad_cmds += 1

subprocess.run(["rm", "-rf", tmp])
n = len(commands) + 1  # the usage commands and the decode example
print("%d passed, %d failed" % (n - bad_cmds, bad_cmds))
sys.exit(1 if failures else 0)
