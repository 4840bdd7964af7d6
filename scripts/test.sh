#!/usr/bin/env bash
# Runs every test: builds the solution (warnings are errors), installs redis-server if it is
# missing, packs the libraries (scripts/pack.sh), then runs the unit, cluster, Redis and silo-process
# tests and the projects that use the packages as a service team would. Ends with one summary line:
#   tests: N passed, N failed, N skipped
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-redis.sh
scripts/ensure-postgres.sh
dotnet build OrleansCache.sln -nologo -v quiet -clp:ErrorsOnly

# The packages a service team uses, each checked complete (README, docs, symbols). A pre-release
# number unique to this run keeps the projects that consume them from restoring an older build.
suffix="local.$(date +%s)"
PACKAGE_VERSION_SUFFIX="$suffix" scripts/pack.sh --no-build -c Debug
package_version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)-$suffix"

# The README's service program, built from those packages: a test runs it against a silo process.
dotnet build samples/OrleansCache.Quickstart -nologo -v quiet -clp:ErrorsOnly -p:OrleansCachePackageVersion="$package_version"

rm -f TestResults/consistency.txt
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# A test that hangs fails the run after 5 minutes instead of holding CI until its limit.
dotnet test OrleansCache.sln --no-build -nologo --blame-hang-timeout 5m --blame-hang-dump-type none 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# What a service team builds on the packages alone: the test kit's own tests and the sample service's.
for consumer in tests/OrleansCache.TestKit.Tests samples/OrleansCache.SampleService.Tests; do
  dotnet test "$consumer" -nologo -p:OrleansCachePackageVersion="$package_version" --blame-hang-timeout 5m --blame-hang-dump-type none 2>&1 | tee -a "$log"
  consumer_status=${PIPESTATUS[0]}
  if [ "$consumer_status" -ne 0 ]; then
    status=$consumer_status
  fi
done
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
