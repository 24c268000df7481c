#!/usr/bin/env bash
# Progress of hjrange run and hjrange suite. Off a terminal (a CI log): a plain line every
# --progress seconds with the elapsed wall time and an ETA (run: from the virtual time done;
# suite: scenarios done / total), in English and Chinese, none with --progress 0, no
# control characters. On a terminal (a pty): the progress bar as before, no such lines.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
A="$SUITE_SCEN/a_honest.lua" # 12 h of virtual time

# run: 12 h at 14400x real time = 3 s; a line a second
"$HJRANGE" run "$A" --speed 14400 --progress 1 --out "$tmp/r1" >"$tmp/r1.out" 2>"$tmp/r1.err" \
    || fail "run: $(tail -3 "$tmp/r1.err")"
$PY - "$tmp/r1.err" <<'PYEOF' || fail "run progress lines: $(cat "$tmp/r1.err")"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert "\r" not in text and "\x1b" not in text, "control characters off a terminal"
pat = re.compile(r"^hjrange run: +(\d+)% 2022-02-0[89] \d\d:\d\d:\d\d, elapsed (\d+):(\d\d), ETA (\d+):(\d\d)$")
rows = [pat.match(l) for l in text.splitlines() if l.startswith("hjrange run:")]
assert len(rows) >= 2 and all(rows), text
pct = [int(m.group(1)) for m in rows]
el = [int(m.group(2)) * 60 + int(m.group(3)) for m in rows]
eta = [int(m.group(4)) * 60 + int(m.group(5)) for m in rows]
assert pct == sorted(pct) and 0 < pct[0] < 100 and el == sorted(el), rows
# the ETA is the rest at the pace so far: elapsed + ETA = elapsed / fraction done (to rounding)
for p, e, r in zip(pct, el, eta):
    assert (e - 0.5) * 100 / (p + 1) - 1.5 <= e + r <= (e + 0.5) * 100 / p + 1.5, (p, e, r)
PYEOF
grep -q "^hjrange run:" "$tmp/r1.out" && fail "progress lines on stdout"

# Chinese; --progress=0 prints none
HJRANGE_LANG=zh "$HJRANGE" run "$A" --speed=14400 --progress=1 --out "$tmp/r2" >/dev/null 2>"$tmp/r2.err" || fail "zh run"
grep -qE "^hjrange run: +[0-9]+% .*, 已用 [0-9]+:[0-9]{2}, 预计剩余 [0-9]+:[0-9]{2}$" "$tmp/r2.err" \
    || fail "zh progress: $(cat "$tmp/r2.err")"
"$HJRANGE" run "$A" --speed 14400 --progress 0 --out "$tmp/r3" >/dev/null 2>"$tmp/r3.err" || fail "run --progress 0"
grep -q "hjrange run:" "$tmp/r3.err" && fail "--progress 0 still prints: $(cat "$tmp/r3.err")"

# suite: scenarios done / total; its runs' stderr.txt get no progress lines
mkdir "$tmp/s"
for n in 1 2 3; do sed 's/duration *= *"[^"]*"/duration = "2d"/' "$A" >"$tmp/s/day$n.lua"; done
"$HJRANGE" suite "$tmp/s" --jobs 1 --progress 0.5 --no-report --out "$tmp/so" >"$tmp/s.out" 2>"$tmp/s.err" \
    || fail "suite: $(cat "$tmp/s.out" "$tmp/s.err")"
$PY - "$tmp/s.err" <<'PYEOF' || fail "suite progress lines: $(cat "$tmp/s.err")"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert "\r" not in text and "\x1b" not in text, "control characters off a terminal"
pat = re.compile(r"^hjrange suite: ([0-3])/3 done, running ([01]), elapsed (\d+):(\d\d), ETA (-|\d+:\d\d)$")
rows = [pat.match(l) for l in text.splitlines() if l.startswith("hjrange suite:")]
assert len(rows) >= 2 and all(rows), text
done = [int(m.group(1)) for m in rows]
assert done == sorted(done) and max(done) >= 1, done
assert all((m.group(5) == "-") == (m.group(1) == "0") for m in rows), "ETA once a scenario is done"
PYEOF
for n in 1 2 3; do
    grep -q "hjrange run:" "$tmp/so/day$n/stderr.txt" && fail "a run of the suite wrote progress lines"
done
grep -q "^hjrange suite:" "$tmp/s.out" && fail "suite progress lines on stdout"

# on a terminal: the bar, as before, and no progress lines
$PY - "$HJRANGE" "$A" "$tmp" <<'PYEOF' || fail "terminal progress"
import os, pty, sys, time
hj, scen, tmp = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.execv(hj, [hj, "run", scen, "--speed", "14400", "--progress", "1", "--out", tmp + "/tty"])
out = b""
while True:
    try:
        b = os.read(fd, 65536)
    except OSError:
        break
    if not b:
        break
    out += b
_, status = os.waitpid(pid, 0)
assert os.WEXITSTATUS(status) == 0, out[-500:]
text = out.decode("utf-8", "replace")
assert "\r\x1b[K[" in text and "%" in text and "#" in text, "no progress bar: " + repr(text[-300:])
assert "hjrange run:" not in text and "elapsed" not in text, "progress lines on a terminal"
PYEOF
echo "1 passed, 0 failed"
