#!/usr/bin/env bash
# Times `rolelint check` on the shared corpus and on trees of 10 and 100 copies of it, beside
# `rg -c .` (the floor: read and scan every byte) and, when installed, `typos`.
# Usage: bench/run.sh [REPS]   (REPS: runs per measurement, median reported; default 3)
# Env: BENCH_SIZES="1 10 100" (copies per tree), BENCH_CORPUS (default ../shared/corpus/www-gitlab-com-2022),
#      ROLELINT_BIN (a rolelint binary to time instead of building this tree's release binary).
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-3}"
sizes="${BENCH_SIZES:-1 10 100}"
corpus="${BENCH_CORPUS:-../shared/corpus/www-gitlab-com-2022}"
trees=target/bench-tree
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

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
have_typos=0
command -v typos >/dev/null && have_typos=1

printf '%-5s %6s %6s | %10s %7s %6s %7s %6s %7s | %7s %6s %6s %6s' \
    tree pages MB "concise s" "pages/s" "MB/s" "cpu s" "RSS MB" "json s" "rg s" "cpu s" "RSS MB" ratio
[ "$have_typos" = 1 ] && printf ' | %8s %6s' "typos s" "ratio"
printf '\n'
for n in $sizes; do
    dir="$trees/x$n"
    pages=$(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.md.erb' \) | wc -l)
    bytes=$(find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.md.erb' \) -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    cat $(find "$dir" -type f) >/dev/null  # warm the page cache for every tool alike
    read -r rl_s rl_kib rl_cpu < <(median_run "$tmp" "$bin" check --format concise "$dir")
    read -r js_s _ _ < <(median_run "$tmp" "$bin" check --format json "$dir")
    read -r rg_s rg_kib rg_cpu < <(median_run "$tmp" rg -c . "$dir")
    mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
    awk -v n="x$n" -v p="$pages" -v mb="$mb" -v s="$rl_s" -v k="$rl_kib" -v c="$rl_cpu" -v js="$js_s" \
        -v rg="$rg_s" -v rk="$rg_kib" -v rc="$rg_cpu" '
        function div(a, b) { return b > 0 ? a / b : 0 }
        BEGIN { printf "%-5s %6d %6.1f | %10.2f %7.0f %6.1f %7.2f %6.0f %7.2f | %7.2f %6.2f %6.1f %6s",
            n, p, mb, s, div(p, s), div(mb, s), c, k / 1024, js, rg, rc, rk / 1024,
            (rg >= 0.01 ? sprintf("%.0f", s / rg) : "-") }'
    if [ "$have_typos" = 1 ]; then
        read -r ty_s _ < <(median_run "$tmp" typos "$dir")
        awk -v t="$ty_s" -v s="$rl_s" 'BEGIN { printf " | %8.2f %6.1f", t, (t > 0 ? s / t : 0) }'
    fi
    printf '\n'
done
echo "(median of $reps runs; wall seconds unless \"cpu s\" (user + system); ratio = rolelint concise s / rg s,"
echo " the floor of reading and scanning every byte, \"-\" when rg takes under 10 ms; $(nproc) cores; RSS = peak)"
