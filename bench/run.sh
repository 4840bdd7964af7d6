#!/usr/bin/env bash
# Runs every benchmark of issue 6 and writes bench/results/latest.json.
#   ./bench/run.sh --quick   2.5 to 4 minutes on a 2-core machine: short BenchmarkDotNet job, 20,000 entities, 6 s per workload
#   ./bench/run.sh           the full version: default BenchmarkDotNet job, 100,000 entities, 30 s per workload,
#                            then silo memory alone at 1,000,000 entities (bench/results/memory-1m.json; about 12 GB of RAM)
#   ./bench/run.sh --no-million   the full version without the 1,000,000-entity memory step
#   --in-process-silos  silos inside the load generator process (figures that do not count toward a target)
# By default the silos are 2 silo-program processes (silo/, built Release) and the clients run in the
# load generator: the deployment shape the targets are measured in.
# Extra arguments go to the load generator (for example --workers 32 or --silo-processes 3).
# Needs the .NET 10 SDK and redis-server (apt-get install -y redis-server); everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

quick=false
million=true
silo_processes=(--silo-processes 2)
generator_args=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    --no-million) million=false ;;
    --in-process-silos) silo_processes=() ;;
    *) generator_args+=("$arg") ;;
  esac
done

# Every result records the commit it measured and whether the tree had changes on top of it.
commit=$(git rev-parse HEAD)
dirty=$([ -n "$(git status --porcelain --untracked-files=no)" ] && echo true || echo false)
stamp() {
  python3 - "$1" "$commit" "$dirty" <<'PY'
import json, sys
path, commit, dirty = sys.argv[1], sys.argv[2], sys.argv[3] == "true"
with open(path) as f:
    result = json.load(f)
result["commit"], result["dirty"] = commit, dirty
with open(path, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
PY
}

# A failed build stops the run: measuring the binaries of an earlier build would be a lie.
echo "== build (Release) of $commit$($dirty && echo ' with uncommitted changes')"
dotnet build -c Release bench/OrleansCache.Benchmarks/OrleansCache.Benchmarks.csproj -nologo -v q -clp:ErrorsOnly
dotnet build -c Release bench/OrleansCache.LoadGenerator/OrleansCache.LoadGenerator.csproj -nologo -v q -clp:ErrorsOnly
dotnet build -c Release silo/OrleansCache.Silo.csproj -nologo -v q -clp:ErrorsOnly

artifacts=$(mktemp -d /tmp/orleanscache-bench-XXXXXX)
trap 'rm -rf "$artifacts"' EXIT

echo "== micro benchmarks (BenchmarkDotNet, in-process)"
if $quick; then
  job=(--job short --iterationTime 100 --warmupCount 2 --iterationCount 5)
  generator_args=(--quick "${generator_args[@]}" --entities 20000 --duration 6)
else
  job=(--job default)
  generator_args=(--entities 100000 "${generator_args[@]}")
fi
dotnet bench/OrleansCache.Benchmarks/bin/Release/net10.0/OrleansCache.Benchmarks.dll \
  --filter '*StoreHitBenchmarks*' --inProcess --exporters json --artifacts "$artifacts" "${job[@]}" \
  > "$artifacts/micro.log" 2>&1 || { tail -40 "$artifacts/micro.log"; exit 1; }
grep -E '^\| ' "$artifacts/micro.log" || true

echo "== load generator (redis-server, silos: ${silo_processes[*]:-in-process}, clients in the load generator, loopback)"
micro_json=$(ls "$artifacts"/results/*StoreHitBenchmarks-report-full-compressed.json)
dotnet bench/OrleansCache.LoadGenerator/bin/Release/net10.0/OrleansCache.LoadGenerator.dll \
  "${silo_processes[@]}" "${generator_args[@]}" --micro "$micro_json" --out bench/results/latest.json
stamp bench/results/latest.json

if ! $quick && $million; then
  echo "== silo memory at 1,000,000 entities (load generator --memory-only)"
  dotnet bench/OrleansCache.LoadGenerator/bin/Release/net10.0/OrleansCache.LoadGenerator.dll \
    --memory-only --entities 1000000 --out bench/results/memory-1m.json
  stamp bench/results/memory-1m.json
fi

echo "== wall time: $(( $(date +%s) - started )) s"
