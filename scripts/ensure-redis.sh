#!/usr/bin/env bash
# Makes sure redis-server is installed: the Redis tests start their own real server on a free
# loopback port, so only the binary is needed (no service is started here).
set -euo pipefail
source "$(dirname "$0")/apt-install.sh"

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

apt_install redis-server redis-server
command -v redis-server >/dev/null 2>&1 || { echo "redis-server still not found after installing it" >&2; exit 1; }
echo "installed: $(redis-server --version)" >&2
