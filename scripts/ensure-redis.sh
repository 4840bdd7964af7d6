#!/usr/bin/env bash
# Makes sure redis-server is installed: the Redis tests start their own real server on a free
# loopback port, so only the binary is needed (no service is started here).
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi

echo "redis-server not found; installing it from Debian's packages..." >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "redis-server is missing and this user cannot install packages; install it with: apt-get install -y redis-server" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq redis-server >/dev/null
command -v redis-server >/dev/null 2>&1 || { echo "redis-server still not found after installing it" >&2; exit 1; }
echo "installed: $(redis-server --version)" >&2
