#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on a loopback port, then remove it.
# Usage: scripts/with_postgres.sh COMMAND...   (DATABASE_URL is exported for the command)
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ]; then echo "PostgreSQL is not installed (make test installs it)" >&2; exit 1; fi
PORT=${PG_TEST_PORT:-54329}
DIR=$(mktemp -d /tmp/councillor-hub-pg.XXXXXX)
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  chown postgres "$DIR"
  RUN_AS=(runuser -u postgres --)
fi
cleanup() {
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/councillor_hub"
"$@"
