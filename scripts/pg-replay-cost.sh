#!/bin/bash
# What replaying one small transaction costs a PostgreSQL standby: the source of the figure
# README.md quotes for `replication.applyTime`.
#
# Builds a throwaway primary and streaming standby on this machine, pauses replay on the
# standby, commits N one-row UPDATE transactions on the primary (pgbench, 4 clients), waits
# until the standby has received all of it, resumes replay and times how long the startup
# process takes to replay it. Twice, with N and 4N, so the fixed costs (resuming, the polling
# connection) cancel: cost per transaction = (t(4N) − t(N)) / 3N. The table fits in
# shared_buffers, so this is replay with the pages in memory.
#
# Usage (as a user that may run PostgreSQL, e.g. `su postgres -c scripts/pg-replay-cost.sh`):
#   scripts/pg-replay-cost.sh [N]        N defaults to 50000
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql; PGBIN to override).
set -euo pipefail
N=${1:-50000}
. "$(dirname "$0")/pg-throwaway.sh"
pg_throwaway pg-replay-cost
PRIMARY_PORT=55431
STANDBY_PORT=55432
pg_primary $PRIMARY_PORT <<CONF
listen_addresses = ''
shared_buffers = 256MB
CONF
"$PGBIN/pg_basebackup" -h "$DIR" -p $PRIMARY_PORT -D "$DIR/standby" -R >/dev/null
cat >>"$DIR/standby/postgresql.conf" <<CONF
port = $STANDBY_PORT
hot_standby = on
# The polling query must not be cancelled by replay conflicts (and must not delay replay).
hot_standby_feedback = on
CONF
"$PGBIN/pg_ctl" -D "$DIR/standby" -l "$DIR/standby.log" -w start >/dev/null

P() { "$PGBIN/psql" -h "$DIR" -p $PRIMARY_PORT -Atq -d postgres "$@"; }
S() { "$PGBIN/psql" -h "$DIR" -p $STANDBY_PORT -Atq -d postgres "$@"; }
P -c "create table t(k int primary key, v int); insert into t select g, 0 from generate_series(1, 100000) g; checkpoint;"
printf '\\set k random(1, 100000)\nUPDATE t SET v = v + 1 WHERE k = :k;\n' >"$DIR/update.sql"

# Milliseconds the standby takes to replay n transactions committed while its replay was paused.
replay_ms() {
  local n=$1
  S -c "select pg_wal_replay_pause()" >/dev/null
  "$PGBIN/pgbench" -h "$DIR" -p $PRIMARY_PORT -n -c 4 -j 2 -t $((n / 4)) -f "$DIR/update.sql" postgres >/dev/null
  local target
  target=$(P -c "select pg_current_wal_flush_lsn()")
  until [ "$(S -c "select pg_last_wal_receive_lsn() >= '$target'")" = t ]; do sleep 0.05; done
  local t0 t1
  t0=$(date +%s%N)
  S -c "select pg_wal_replay_resume()" >/dev/null
  until [ "$(S -c "select pg_last_wal_replay_lsn() >= '$target'")" = t ]; do :; done
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}

replay_ms 2000 >/dev/null # warm up: the first pass also reads the table's pages in
small=$(replay_ms "$N")
large=$(replay_ms $((4 * N)))
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'): replayed $N one-row UPDATE transactions in $small ms, $((4 * N)) in $large ms"
awk -v s="$small" -v l="$large" -v n="$N" 'BEGIN { printf "replay cost per transaction: %.2f us\n", (l - s) * 1000 / (3 * n) }'
