#!/usr/bin/env bash
# Makes sure the PostgreSQL 15 server binaries are installed: the origin tests start their own
# throwaway cluster (initdb + postgres, as the postgres user) on a free loopback port, so only the
# binaries are needed (no service is started here).
set -euo pipefail
source "$(dirname "$0")/apt-install.sh"

BIN=/usr/lib/postgresql/15/bin
if [ -x "$BIN/initdb" ] && [ -x "$BIN/postgres" ] && [ -x "$BIN/pg_ctl" ]; then
  exit 0
fi

# The Debian package creates the postgres user; its own cluster is not used by the tests.
apt_install "PostgreSQL 15 server ($BIN)" postgresql-15 postgresql
[ -x "$BIN/initdb" ] || { echo "initdb still not found in $BIN after installing PostgreSQL" >&2; exit 1; }
echo "installed: $($BIN/postgres --version)" >&2
