#!/usr/bin/env bash
# no_sdl.sh [ROOT] — DESIGN's rule "nothing outside sim/view/ calls SDL, so a headless build
# needs no SDL": no C file outside sim/view/ (and the view's tests, tests/view/) includes
# SDL, SDL_ttf, SDL_image or fontconfig or calls them, and no CMakeLists.txt outside those
# folders links their targets (the top-level one finds them for the view). Exit 1 with the
# offending lines.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
dirs=(proto hw-models sim detect score tests scripts)
view='^(sim/view|tests/view)/'
bad=0

# C: an #include of the libraries, or a call of their functions (SDL_x(, TTF_x(, IMG_x(,
# FcX(); comments that name SDL do not match
inc='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](SDL[^">]*|fontconfig/[^">]*)[">]'
call='(^|[^A-Za-z0-9_])((SDL|TTF|IMG)_[A-Za-z0-9_]+|Fc[A-Z][A-Za-z0-9]*)[[:space:]]*\('
hits=$(grep -rnE --include='*.c' --include='*.h' -e "$inc" -e "$call" "${dirs[@]}" |
       grep -vE "$view" || true)
if [ -n "$hits" ]; then
    echo "SDL outside sim/view/:"
    echo "$hits"
    bad=1
fi

# CMake: the view's imported targets linked anywhere else
tgt='SDL2::SDL2|PkgConfig::SDL2TTF|PkgConfig::SDL2IMAGE|PkgConfig::FONTCONFIG'
hits=$(grep -rnE --include='CMakeLists.txt' --include='*.cmake' -e "$tgt" "${dirs[@]}" |
       grep -vE "$view" || true)
if [ -n "$hits" ]; then
    echo "SDL targets linked outside sim/view/:"
    echo "$hits"
    bad=1
fi

[ $bad -eq 0 ] && echo "no SDL outside sim/view/"
exit $bad
