#!/usr/bin/env bash
# Times `rolelint check` on the shared corpus and on trees of 10 and 100 copies of it, side by side
# with `typos` (typos-cli, spelling only) and `rg -c .` (the floor: read and scan every byte), then
# start-up alone: one small page, rolelint against typos.
# Usage: bench/run.sh [REPS]   (REPS: runs per measurement, median reported; default 3)
# Env: BENCH_SIZES="1 10 100" (copies per tree), BENCH_CORPUS (default ../shared/corpus/www-gitlab-com-2022),
#      ROLELINT_BIN (a rolelint binary to time instead of building this tree's release binary),
#      TYPOS_BIN (a typos binary; default: the real binary behind `typos`, else one installed from
#      PyPI into target/bench-tools), STARTUP_RUNS (runs of the start-up row; default 20),
#      BENCH_NAMED (copies in the tree linted with every page named, as pre-commit does; default 10,
#      empty to skip).
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-3}"
sizes="${BENCH_SIZES:-1 10 100}"
corpus="${BENCH_CORPUS:-../shared/corpus/www-gitlab-com-2022}"
startup_runs="${STARTUP_RUNS:-20}"
small_page=fixtures/pages/own-page.md
typos_version=1.52.2
trees=target/bench-tree
tools=target/bench-tools
[ -d "$corpus" ] || { echo "error: corpus $corpus not found" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed: apt-get install -y time" >&2; exit 2; }
if ! command -v rg >/dev/null; then
    echo "ripgrep is missing; installing it from Debian's packages" >&2
    (apt-get update -qq && apt-get install -y -qq ripgrep) >&2 || cargo install ripgrep --locked >&2
fi

if [ -n "${ROLELINT_BIN:-}" ]; then
    bin="$ROLELINT_BIN"
else
    cargo build --release --quiet
    bin=target/release/rolelint
fi

# The typos binary itself: a pyenv shim in front of it starts a shell and Python (~100 ms a call),
# which would be timed as typos' start-up.
find_typos() {
    if [ -n "${TYPOS_BIN:-}" ]; then echo "$TYPOS_BIN"; return; fi
    if [ -x "$tools/bin/typos" ]; then echo "$tools/bin/typos"; return; fi
    local found
    found="$(command -v typos || true)"
    if [ -n "$found" ] && command -v pyenv >/dev/null && [ "$found" = "$(pyenv root)/shims/typos" ]; then
        found="$(pyenv which typos 2>/dev/null || true)"
    fi
    if [ -n "$found" ] && [ "$(head -c 2 "$found")" != '#!' ]; then echo "$found"; return; fi
    echo "typos is missing; installing typos==$typos_version from PyPI into $tools" >&2
    python3 -m pip install --quiet --target "$tools" "typos==$typos_version" >&2 || return 0
    [ -x "$tools/bin/typos" ] && echo "$tools/bin/typos"
}
typos_bin="$(find_typos || true)"
[ -n "$typos_bin" ] || echo "warning: no typos binary; its columns are left out" >&2

# Tree N holds N copies of the corpus in distinct folders (hard links: no extra disk, same bytes).
for n in $sizes; do
    dir="$trees/x$n"
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        for i in $(seq -w 1 "$n"); do cp -al "$corpus" "$dir/copy-$i" 2>/dev/null || cp -r "$corpus" "$dir/copy-$i"; done
        touch "$dir/.complete"
    fi
done

# median_run OUT CMD...: runs CMD $reps times (stdout to /dev/null), prints the medians of
# "wall_seconds peak_kib cpu_seconds" (cpu = user + system: steadier than wall on a busy machine).
median_run() {
    local out="$1"; shift
    local times=() mems=() cpus=()
    for _ in $(seq "$reps"); do
        /usr/bin/time -f "%e %M %U %S" -o "$out" "$@" >/dev/null 2>/dev/null || true
        read -r t m u s < <(tail -1 "$out")
        times+=("$t"); mems+=("$m"); cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
    done
    local mid=$(( (reps - 1) / 2 + 1 ))
    printf '%s %s %s\n' "$(printf '%s\n' "${times[@]}" | sort -g | sed -n "${mid}p")" \
        "$(printf '%s\n' "${mems[@]}" | sort -g | sed -n "${mid}p")" \
        "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${mid}p")"
}

# mean_ms RUNS CMD...: mean wall milliseconds of RUNS runs (GNU time rounds to 10 ms: too coarse here).
mean_ms() {
    local runs="$1"; shift
    local start end
    "$@" >/dev/null 2>&1 || true  # warm the page cache and the binary
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    awk -v a="$start" -v b="$end" -v n="$runs" 'BEGIN { printf "%.1f", (b - a) / n / 1e6 }'
}

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT

printf '%-5s %6s %6s | %-31s | %-24s | %-24s | %8s %8s\n' "" "" "" \
    "rolelint (every rule)" "typos" "rg -c ." "rolelint/" "rolelint/"
printf '%-5s %6s %6s | %7s %7s %7s %7s | %7s %7s %7s | %7s %7s %7s | %8s %8s\n' \
    tree pages MB "wall s" "cpu s" "RSS MB" "json s" "wall s" "cpu s" "RSS MB" "wall s" "cpu s" "RSS MB" typos rg
for n in $sizes; do
    dir="$trees/x$n"
    pages=$(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.md.erb' \) | wc -l)
    bytes=$(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.md.erb' \) -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    find "$dir" -type f -exec cat {} + >/dev/null  # warm the page cache for every tool alike
    read -r rl_s rl_kib rl_cpu < <(median_run "$tmp" "$bin" check --format concise "$dir")
    read -r js_s _ _ < <(median_run "$tmp" "$bin" check --format json "$dir")
    ty_s=0 ty_kib=0 ty_cpu=0
    if [ -n "$typos_bin" ]; then
        read -r ty_s ty_kib ty_cpu < <(median_run "$tmp" "$typos_bin" "$dir")
    fi
    read -r rg_s rg_kib rg_cpu < <(median_run "$tmp" rg -c . "$dir")
    awk -v n="x$n" -v p="$pages" -v b="$bytes" -v s="$rl_s" -v k="$rl_kib" -v c="$rl_cpu" -v js="$js_s" \
        -v ts="$ty_s" -v tk="$ty_kib" -v tc="$ty_cpu" -v rg="$rg_s" -v rk="$rg_kib" -v rc="$rg_cpu" '
        function ratio(a, b) { return b >= 0.01 ? sprintf("%.2f", a / b) : "-" }
        BEGIN {
            printf "%-5s %6d %6.1f | %7.2f %7.2f %7.0f %7.2f | ", n, p, b / 1e6, s, c, k / 1024, js
            if (tk > 0) printf "%7.2f %7.2f %7.0f | ", ts, tc, tk / 1024; else printf "%7s %7s %7s | ", "-", "-", "-"
            printf "%7.2f %7.2f %7.0f | %8s %8s\n", rg, rc, rk / 1024, (tk > 0 ? ratio(s, ts) : "-"), ratio(s, rg)
        }'
done

# Start-up: one small page, where the fixed cost (policy, word lists, dictionaries) is all there is.
printf '\nstart-up, one small page (%s), mean wall of %s runs:\n' "$small_page" "$startup_runs"
rl_ms=$(mean_ms "$startup_runs" "$bin" check --format concise "$small_page")
/usr/bin/time -f "%M" -o "$tmp" "$bin" check --format concise "$small_page" >/dev/null 2>&1 || true
rl_kib=$(tail -1 "$tmp")
instr="-"
if command -v valgrind >/dev/null; then
    instr=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" check --format concise "$small_page" 2>&1 >/dev/null \
        | awk '/Collected/ { print $NF }')
fi
printf '  rolelint %7.1f ms %5.0f MB RSS  %s instructions (callgrind)\n' "$rl_ms" "$(awk -v k="$rl_kib" 'BEGIN { print k / 1024 }')" "$instr"
if [ -n "$typos_bin" ]; then
    ty_ms=$(mean_ms "$startup_runs" "$typos_bin" "$small_page")
    /usr/bin/time -f "%M" -o "$tmp" "$typos_bin" "$small_page" >/dev/null 2>&1 || true
    ty_kib=$(tail -1 "$tmp")
    printf '  typos    %7.1f ms %5.0f MB RSS\n' "$ty_ms" "$(awk -v k="$ty_kib" 'BEGIN { print k / 1024 }')"
    awk -v a="$rl_ms" -v b="$ty_ms" 'BEGIN { printf "  rolelint/typos %.2f\n", (b > 0 ? a / b : 0) }'
fi
# The x1 tree again in milliseconds: its row above rounds to 10 ms, too coarse for a 50 ms run.
# The two tools take turns, run after run, so a machine that slows down meanwhile slows both; the
# medians are compared. Instructions (callgrind) are steady where wall time is not.
if [ -d "$trees/x1" ] && [[ " $sizes " == *" 1 "* ]]; then
    printf '\nx1 tree (%s), %s runs each, taking turns:\n' "$trees/x1" "$startup_runs"
    one_ms() {
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", (b - a) / 1e6 }'
    }
    median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
    rl_runs=() ty_runs=()
    "$bin" check --format concise "$trees/x1" >/dev/null 2>&1 || true
    [ -n "$typos_bin" ] && { "$typos_bin" "$trees/x1" >/dev/null 2>&1 || true; }
    for _ in $(seq "$startup_runs"); do
        rl_runs+=("$(one_ms "$bin" check --format concise "$trees/x1")")
        [ -n "$typos_bin" ] && ty_runs+=("$(one_ms "$typos_bin" "$trees/x1")")
    done
    rl_ms=$(printf '%s\n' "${rl_runs[@]}" | median)
    rl_instr="-"
    if command -v valgrind >/dev/null; then
        # Findings make both tools exit non-zero: only the count is read.
        rl_instr=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" check --format concise "$trees/x1" 2>&1 >/dev/null \
            | awk '/Collected/ { print $NF }' || true)
    fi
    printf '  rolelint %7.1f ms median  %s instructions (callgrind)\n' "$rl_ms" "$rl_instr"
    if [ -n "$typos_bin" ]; then
        ty_ms=$(printf '%s\n' "${ty_runs[@]}" | median)
        ty_instr="-"
        if command -v valgrind >/dev/null; then
            ty_instr=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$typos_bin" "$trees/x1" 2>&1 >/dev/null \
                | awk '/Collected/ { print $NF }' || true)
        fi
        printf '  typos    %7.1f ms median  %s instructions (callgrind)\n' "$ty_ms" "$ty_instr"
        awk -v a="$rl_ms" -v b="$ty_ms" 'BEGIN { printf "  rolelint/typos %.2f\n", (b > 0 ? a / b : 0) }'
    fi
fi
# Pages named one by one, as pre-commit names them (`pre-commit run --all-files` passes every page,
# with `--context` from the hook): the tree of BENCH_NAMED copies as a git repository, linted as
# the hook does and as a folder, typos given the same list.
named="${BENCH_NAMED-10}"
if [ -n "$named" ] && [ -d "$trees/x$named" ] && command -v git >/dev/null; then
    repo="$trees/repo-x$named"
    if [ ! -f "$repo/.complete" ]; then
        rm -rf "$repo"
        cp -al "$trees/x$named" "$repo" 2>/dev/null || cp -r "$trees/x$named" "$repo"
        rm -f "$repo/.complete"
        git -C "$repo" init -q
        touch "$repo/.complete"
    fi
    abs_bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
    abs_typos=""
    [ -n "$typos_bin" ] && abs_typos="$(cd "$(dirname "$typos_bin")" && pwd)/$(basename "$typos_bin")"
    (
        cd "$repo"
        mapfile -t pages < <(find . -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.md.erb' \) | sed 's|^\./||' | sort)
        printf '\npages named one by one (x%s as a git repository, %s pages), median of %s runs:\n' "$named" "${#pages[@]}" "$reps"
        read -r hook_s _ _ < <(median_run "$tmp" "$abs_bin" check --format concise --context "${pages[@]}")
        read -r folder_s _ _ < <(median_run "$tmp" "$abs_bin" check --format concise .)
        printf '  rolelint check --context <every page> %6.2f s   (the folder: %.2f s)\n' "$hook_s" "$folder_s"
        if [ -n "$abs_typos" ]; then
            read -r ty_s _ _ < <(median_run "$tmp" "$abs_typos" "${pages[@]}")
            printf '  typos <every page>                    %6.2f s\n' "$ty_s"
        fi
    )
fi
echo
echo "(trees: median of $reps runs; wall seconds, cpu = user + system seconds, RSS = peak; rolelint/typos and"
echo " rolelint/rg are wall-time ratios, \"-\" when the other tool takes under 10 ms. Goals of issue 14:"
echo " rolelint/typos <= 1 on x1 and x100, rolelint/rg <= 12 on x100, peak RSS <= 300 MB on x100. $(nproc) cores)"
