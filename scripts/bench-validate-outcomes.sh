#!/usr/bin/env bash
# Measures `validate-outcomes` on a generated data set, several command-line builds in the same run, interleaved:
# wall time (min and median of the runs), user CPU time and peak RSS, from /usr/bin/time.
#
# Usage: scripts/bench-validate-outcomes.sh <rows> <runs> <label>=<path to bin.js> [<label>=<bin.js> ...]
# Data: scripts/gen-outcomes-csv.ts writes it to $DIR (default ./bench-data) first if missing.
set -euo pipefail
rows=$1
runs=$2
shift 2
dir=${DIR:-bench-data}
mkdir -p "$dir"
if [ ! -f "$dir/assessments-$rows.csv" ]; then
  node --import tsx "$(dirname "$0")/gen-outcomes-csv.ts" "$rows" "$dir" >/dev/null
fi
declare -A walls users rss
for ((i = 1; i <= runs; i++)); do
  for spec in "$@"; do
    label=${spec%%=*}
    bin=${spec#*=}
    out=$(mktemp)
    /usr/bin/time -f '%e %U %M' -o "$out" node "$bin" validate-outcomes "$dir/assessments-$rows.csv" \
      --enrolments "$dir/enrolments-$rows.csv" --as-of 2026-11-20 --format json >/dev/null || true
    read -r wall user kb <"$out"
    rm -f "$out"
    walls[$label]="${walls[$label]:-} $wall"
    users[$label]="${users[$label]:-} $user"
    rss[$label]="${rss[$label]:-} $kb"
  done
done
stats() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {printf "%s %s", a[1], a[int((NR+1)/2)]}'; }
printf '%-10s %8s %22s %22s %22s %14s\n' build rows 'wall s (min, median)' 'user s (min, median)' 'rows/s (median wall)' 'max RSS MB'
for spec in "$@"; do
  label=${spec%%=*}
  read -r wmin wmed <<<"$(echo "${walls[$label]}" | stats)"
  read -r umin umed <<<"$(echo "${users[$label]}" | stats)"
  maxkb=$(echo "${rss[$label]}" | tr ' ' '\n' | sed '/^$/d' | sort -g | tail -1)
  printf '%-10s %8s %22s %22s %22.0f %14.0f\n' "$label" "$rows" "$wmin, $wmed" "$umin, $umed" \
    "$(echo "$rows / $wmed" | bc -l)" "$(echo "$maxkb / 1024" | bc -l)"
done
