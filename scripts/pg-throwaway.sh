# Sourced by the scripts/pg-*.sh measurements: a throwaway PostgreSQL set-up in a temporary
# directory, gone when the script exits.
#
#   pg_throwaway NAME   finds PostgreSQL's server binaries ($PGBIN; Debian: apt-get install
#                       postgresql), makes $DIR, and on exit runs `on_exit` if the script
#                       defines one, stops every server under $DIR and removes it
#   pg_primary PORT     initdb in $DIR/primary with the settings every script needs
#                       (PORT, its socket in $DIR, wal_level = replica) plus the lines on
#                       standard input, and starts it (log: $DIR/primary.log)

pg_throwaway() {
  PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
  [ -x "$PGBIN/initdb" ] || { echo "$1: no PostgreSQL binaries (set PGBIN)" >&2; exit 2; }
  DIR=$(mktemp -d "/tmp/$1.XXXXXX")
  trap pg_throwaway_cleanup EXIT
}

pg_throwaway_cleanup() {
  if declare -F on_exit >/dev/null; then on_exit || true; fi
  local data
  for data in "$DIR"/*/; do
    if [ -f "$data/PG_VERSION" ]; then "$PGBIN/pg_ctl" -D "$data" stop -m immediate >/dev/null 2>&1 || true; fi
  done
  rm -rf "$DIR"
}

pg_primary() {
  "$PGBIN/initdb" -D "$DIR/primary" -A trust >/dev/null
  { printf "port = %s\nunix_socket_directories = '%s'\nwal_level = replica\n" "$1" "$DIR"; cat; } >>"$DIR/primary/postgresql.conf"
  "$PGBIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
}
