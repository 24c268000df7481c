# same_error FILE [ARGS...]: sourced by the tests of this folder. The error `hjrange run`
# stops with is one of `hjrange check`'s errors, word for word (check runs the same
# timeline on the models). Needs $out (a temporary folder) and fail().
same_error() {
  local f=$1; shift
  "$HJRANGE" run "$f" "$@" --fast --no-detect --out "$out/run" >/dev/null 2>"$out/run.err"
  [ $? -eq 1 ] || fail "run $f: want exit 1: $(cat "$out/run.err")"
  "$HJRANGE" check "$f" "$@" >/dev/null 2>"$out/check.err"
  [ $? -eq 1 ] || fail "check $f: want exit 1: $(cat "$out/check.err")"
  local line; line=$(grep -m1 '^hjrange: scenario error: ' "$out/run.err")
  [ -n "$line" ] || fail "run $f: no error line: $(cat "$out/run.err")"
  grep -qF -- "$line" "$out/check.err" || fail "check $f lacks run's error '$line': $(cat "$out/check.err")"
}
