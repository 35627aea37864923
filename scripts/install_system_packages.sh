#!/usr/bin/env bash
# Install the Debian packages the tests need (PostgreSQL, Chromium) when they are missing.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=()
[ "$(id -u)" = "0" ] || SUDO=(sudo)
echo "Installing ${need[*]} from Debian packages..."
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
