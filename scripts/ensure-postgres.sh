#!/usr/bin/env bash
# Makes sure the PostgreSQL 15 server binaries are installed: the origin tests start their own
# throwaway cluster (initdb + postgres, as the postgres user) on a free loopback port, so only the
# binaries are needed (no service is started here).
set -euo pipefail

BIN=/usr/lib/postgresql/15/bin
if [ -x "$BIN/initdb" ] && [ -x "$BIN/postgres" ] && [ -x "$BIN/pg_ctl" ]; then
  exit 0
fi

echo "PostgreSQL 15 server not found in $BIN; installing it from Debian's packages..." >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "PostgreSQL is missing and this user cannot install packages; install it with: apt-get install -y postgresql-15" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The Debian package creates the postgres user; its own cluster is not used by the tests.
$SUDO apt-get install -y -qq postgresql-15 >/dev/null || $SUDO apt-get install -y -qq postgresql >/dev/null
[ -x "$BIN/initdb" ] || { echo "initdb still not found in $BIN after installing PostgreSQL" >&2; exit 1; }
echo "installed: $($BIN/postgres --version)" >&2
