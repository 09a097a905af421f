#!/usr/bin/env bash
# Rebuilds the committed seed corpus seeds/pipeline/ from the project's own fixtures (never from
# seeds/ or corpus/ pages): each page alone, each multi-page fixture folder as one input with its
# pages separated by NUL (see pipeline.rs), and a few hand-made bad-input shapes.
set -euo pipefail
cd "$(dirname "$0")"
out=seeds/pipeline
rm -rf "$out" && mkdir -p "$out"
n=0
for f in $(find ../fixtures -type f \( -name '*.md' -o -name '*.md.erb' \) | sort); do
    n=$((n + 1)); cp "$f" "$out/page-$(printf %03d $n)"
done
for d in $(find ../fixtures/checks -mindepth 1 -type d | sort); do
    pages=$(find "$d" -maxdepth 1 -type f -name '*.md' | sort | head -3)
    [ "$(echo "$pages" | grep -c .)" -ge 2 ] || continue
    n=$((n + 1)); first=1
    for p in $pages; do [ $first = 1 ] || printf '\0'; first=0; cat "$p"; done > "$out/multi-$(printf %03d $n)"
done
printf '\xEF\xBB\xBF---\r\ntitle: "Crlf Writer"\r\n---\r\n## Crlf Writer\r\n\r\nA recieve and the the end.\r\n' > "$out/bad-bom-crlf"
printf -- '---\ntitle: "Open\n## Never closed\n' > "$out/bad-unterminated"
printf -- '---\n- a list\n- not a mapping\n---\n# T\n' > "$out/bad-yaml-list"
printf '%s' '>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> - [x](../../../../etc/passwd)' > "$out/bad-deep-quote"
printf '| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n\n| a |\n|---|\n' > "$out/bad-ragged-table"
printf '' > "$out/bad-empty"
echo "$(ls "$out" | wc -l) seeds in $out"
