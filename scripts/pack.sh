#!/usr/bin/env bash
# Packs every library under src/ into artifacts/packages (NuGet package + symbol package) and checks
# that each package is complete: its README, its XML documentation, its symbols. A package that
# misses any of them fails the run with a line naming it.
#
#   scripts/pack.sh                       Release packages x.y.z-local.<unix time>: every pack gets a new
#                                         version, so a consumer never restores an older one from its
#                                         NuGet cache (x.y.z from Directory.Build.props)
#   scripts/pack.sh --no-build -c Debug   pack what the last solution build produced (CI)
#   PACKAGE_VERSION_SUFFIX=ci.1 scripts/pack.sh    another pre-release suffix (x.y.z-ci.1)
#   PACKAGE_VERSION_SUFFIX= scripts/pack.sh        the release version x.y.z
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/packages
rm -rf "$out"
args=(-o "$out" -nologo -v quiet -clp:ErrorsOnly)
if [ "$#" -eq 0 ]; then
  args+=(-c Release)
fi
suffix="${PACKAGE_VERSION_SUFFIX-local.$(date +%s)}"
if [ -n "$suffix" ]; then
  args+=(--version-suffix "$suffix")
fi

for project in src/*/*.csproj; do
  dotnet pack "$project" "${args[@]}" "$@"
done

missing=0
for project in src/*/*.csproj; do
  id=$(basename "$project" .csproj)
  package=$(find "$out" -maxdepth 1 -name "$id.[0-9]*.nupkg" | head -n 1)
  if [ -z "$package" ]; then
    echo "pack: $id produced no package" >&2
    missing=1
    continue
  fi
  files=$(unzip -Z1 "$package")
  for expected in README.md "lib/net10.0/$id.dll" "lib/net10.0/$id.xml"; do
    if ! grep -qxF "$expected" <<<"$files"; then
      echo "pack: $(basename "$package") has no $expected" >&2
      missing=1
    fi
  done
  if [ ! -f "${package%.nupkg}.snupkg" ]; then
    echo "pack: $(basename "$package") has no symbol package" >&2
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  exit 1
fi

for package in "$out"/*.nupkg; do
  printf 'packed %-60s %8d bytes\n' "$(basename "$package")" "$(stat -c %s "$package")"
done
