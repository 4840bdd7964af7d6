#!/usr/bin/env bash
# Runs every test: builds the solution (warnings are errors), installs redis-server if it is
# missing, then runs the unit, cluster, Redis and silo-process tests. Ends with one summary line:
#   tests: N passed, N failed, N skipped
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-redis.sh
scripts/ensure-postgres.sh
dotnet build OrleansCache.sln -nologo -v quiet -clp:ErrorsOnly

rm -f TestResults/consistency.txt
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test OrleansCache.sln --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the runner's per-assembly summaries ("Passed!  - Failed: 0, Passed: 580, Skipped: 0, ...").
read -r passed failed skipped < <(grep -E '(Passed|Failed)!\s+-\s+Failed:' "$log" | awk '
  { for (i = 1; i <= NF; i++) { v = $(i+1); gsub(/,/, "", v)
      if ($i == "Failed:") f += v; else if ($i == "Passed:") p += v; else if ($i == "Skipped:") s += v } }
  END { printf "%d %d %d\n", p, f, s }')
echo
if [ -f TestResults/consistency.txt ]; then
  cat TestResults/consistency.txt
fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ]; then
  exit "$status"
fi
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
