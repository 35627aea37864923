#!/usr/bin/env bash
# Install the Debian packages the tests need (PostgreSQL, Chromium, and Pango and fonts for
# the booklet's PDF, which WeasyPrint draws) when they are missing.
# With --pdf, only what the booklet's PDF needs (`make run` asks for that much).
set -euo pipefail
need=()
if [ "${1:-}" != "--pdf" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
fi
ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || need+=(libpango-1.0-0)
ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || need+=(libpangoft2-1.0-0)
ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || need+=(libharfbuzz-subset0)
ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 || need+=(fonts-dejavu-core)
ls /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf >/dev/null 2>&1 ||
  need+=(fonts-liberation2)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=()
[ "$(id -u)" = "0" ] || SUDO=(sudo)
echo "Installing ${need[*]} from Debian packages..."
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
