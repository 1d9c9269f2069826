#!/bin/bash
# A silently cut synchronous standby, on a real PostgreSQL and in repsim, side by side: the
# check behind the sync-standby-cut lesson.
#
# Builds a throwaway primary with two streaming standbys on this machine,
# synchronous_standby_names = 'FIRST 1 (s1, s2)' and synchronous_commit = on. s1 reaches
# the primary through scripts/blackhole-proxy.mjs, s2 directly. pgbench commits one-row
# UPDATEs at a steady rate; CUT_AT seconds in, the proxy goes silent (both ends stay
# connected and hear nothing, as across a partition that drops packets). The script then
# reads, from pgbench's per-transaction log and the primary's server log, how long the
# commits hung and when the primary gave up on s1, and runs the same set-up through repsim.
#
# Usage (as a user that may run PostgreSQL, e.g. `su postgres -c scripts/pg-silent-cut.sh`):
#   scripts/pg-silent-cut.sh [TIMEOUT_S]    wal_sender_timeout = wal_receiver_timeout, default 4
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql; PGBIN to override)
# and python3. Nothing is written outside a temporary directory, which is removed at the end.
set -euo pipefail
TIMEOUT_S=${1:-4}
CUT_AT=3
RUN_S=$((CUT_AT + TIMEOUT_S + 8))
RATE=100
CLIENTS=32
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/scripts/pg-throwaway.sh"
pg_throwaway pg-silent-cut
PRIMARY_PORT=55441
PROXY_PORT=55451
PROXY_PID=
on_exit() { if [ -n "$PROXY_PID" ]; then kill "$PROXY_PID" 2>/dev/null; fi; }
pg_primary $PRIMARY_PORT <<CONF
listen_addresses = '127.0.0.1'
synchronous_standby_names = 'FIRST 1 (s1, s2)'
synchronous_commit = on
wal_sender_timeout = ${TIMEOUT_S}s
log_line_prefix = '%m '
CONF
node "$HERE/scripts/blackhole-proxy.mjs" $PROXY_PORT $PRIMARY_PORT >"$DIR/proxy.out" &
PROXY_PID=$!

standby() { # NAME PORT UPSTREAM_PORT
  "$PGBIN/pg_basebackup" -h 127.0.0.1 -p $PRIMARY_PORT -D "$DIR/$1" >/dev/null
  touch "$DIR/$1/standby.signal"
  cat >>"$DIR/$1/postgresql.conf" <<CONF
port = $2
listen_addresses = ''
unix_socket_directories = '$DIR'
primary_conninfo = 'host=127.0.0.1 port=$3 application_name=$1'
wal_receiver_timeout = ${TIMEOUT_S}s
CONF
  "$PGBIN/pg_ctl" -D "$DIR/$1" -l "$DIR/$1.log" -w start >/dev/null
}
standby s1 55442 $PROXY_PORT
standby s2 55443 $PRIMARY_PORT

P() { "$PGBIN/psql" -h "$DIR" -p $PRIMARY_PORT -Atq -d postgres "$@"; }
until [ "$(P -c "select string_agg(application_name || ':' || sync_state, ',' order by application_name) from pg_stat_replication")" = "s1:sync,s2:potential" ]; do sleep 0.1; done
P -c "create table t(k int primary key, v int); insert into t select g, 0 from generate_series(1, 100000) g;"
printf '\\set k random(1, 100000)\nUPDATE t SET v = v + 1 WHERE k = :k;\n' >"$DIR/update.sql"

# Poisson arrivals at RATE/s from CLIENTS clients (pgbench --rate), each transaction logged with
# its completion time, its duration and how long it waited for a free client.
( sleep $CUT_AT; kill -USR1 $PROXY_PID ) &
CUTTER_PID=$!
"$PGBIN/pgbench" -h "$DIR" -p $PRIMARY_PORT -n -c $CLIENTS -j 2 -R $RATE -T $RUN_S -l --log-prefix="$DIR/tx" -f "$DIR/update.sql" postgres >/dev/null 2>&1
wait $CUTTER_PID

PG_VERSION=$("$PGBIN/postgres" --version | awk '{print $3}')
python3 - "$DIR" "$PG_VERSION" <<'PY'
import glob, re, sys, datetime
d, version = sys.argv[1], sys.argv[2]
cut_ms = int(open(f"{d}/proxy.out").read().split()[1])
# pgbench -l: client transaction_no time script_no time_epoch time_us schedule_lag (time, lag in µs).
# A commit's own wait is `time`; schedule_lag is how long pgbench held it for a free client.
done_ms, waited_ms = [], []
for f in glob.glob(f"{d}/tx.*"):
    for line in open(f):
        c = line.split()
        end = int(c[4]) * 1000 + int(c[5]) / 1000
        done_ms.append(end)
        waited_ms.append(int(c[2]) / 1000)
done_ms.sort()
after = [t for t in done_ms if t >= cut_ms]
gap, resumed = max((b - a, b) for a, b in zip([cut_ms] + after, after))
def log_ms(pattern):
    for line in open(f"{d}/primary.log"):
        if re.search(pattern, line):
            stamp = datetime.datetime.strptime(" ".join(line.split()[:2]), "%Y-%m-%d %H:%M:%S.%f")
            return stamp.replace(tzinfo=datetime.timezone.utc if line.split()[2] == "UTC" else None).timestamp() * 1000 - cut_ms
    return float("nan")
print(f"PostgreSQL {version}: {len(done_ms)} commits, s1 cut silently at {cut_ms} (epoch ms)")
gave_up = log_ms('terminating walsender process due to replication timeout')
took_over = log_ms('"s2" is now a synchronous standby')
print(f"  primary gave up on s1 (replication timeout) at      +{gave_up:8.0f} ms")
print(f"  s2 became the synchronous standby at                +{took_over:8.0f} ms")
print(f"  commits resumed (end of the longest pause) at       +{resumed - cut_ms:8.0f} ms")
print(f"  longest commit                                      {max(waited_ms):9.0f} ms")
PY

# The same set-up in repsim: latencies of a loopback, the same timeouts, rate and cut. pgbench's
# clients are a closed loop: once all of them wait (CLIENTS / RATE after the cut), no new WAL is
# written. repsim's writers are an open loop, so they stop then instead.
STOP_AT=$(awk -v c=$CUT_AT -v n=$CLIENTS -v r=$RATE 'BEGIN { printf "%.2f", c + n / r }')
cat >"$DIR/cut.yaml" <<YAML
name: pg-silent-cut
seed: 1
duration: ${RUN_S}s
nodes: [{ id: db-1, role: primary }, { id: s1, role: replica }, { id: s2, role: replica }]
replication: { mode: sync, quorum: first, waitFor: 1, standbys: [s1, s2], ackOn: flush, senderTimeout: ${TIMEOUT_S}s, receiverTimeout: ${TIMEOUT_S}s }
network: { latency: 0.1ms, clientLatency: 0.1ms }
workload: [{ name: app, sessions: $CLIENTS, writes: { rate: [{ at: 0s, rate: ${RATE}/s }, { at: ${STOP_AT}s, rate: 0/s }], keys: 100000 } }]
clients: { timeout: 0s, retries: 0 }
failover: { automatic: false }
faults: [{ at: ${CUT_AT}s, partition: [[s1], [db-1, s2, app, manager]] }]
YAML
node "$HERE/bin/repsim.mjs" run "$DIR/cut.yaml" --trace "$DIR/cut.ndjson" -q --format json >"$DIR/cut.json"
python3 - "$DIR" "$CUT_AT" <<'PY'
import json, sys
d, cut_us = sys.argv[1], int(sys.argv[2]) * 1_000_000
report = json.load(open(f"{d}/cut.json"))
close = change = None
for line in open(f"{d}/cut.ndjson"):
    r = json.loads(line)
    if close is None and r.get("type") == "conn.close" and r.get("end") == "sender" and r.get("replica") == "s1":
        close = r["t"]
    if change is None and r.get("type") == "sync.standbys" and r.get("standbys") == ["s2"]:
        change = r["t"]
print("repsim, same set-up:")
print(f"  primary gave up on s1 at                            +{(close - cut_us) / 1000 if close else float('nan'):8.0f} ms")
print(f"  s2 became the synchronous standby at                +{(change - cut_us) / 1000 if change else float('nan'):8.0f} ms")
acks = [json.loads(l)["t"] for l in open(f"{d}/cut.ndjson") if '"write.ack"' in l]
resumed = min(t for t in acks if t > (close or cut_us))
print(f"  commits resumed (acknowledged to clients) at        +{(resumed - cut_us) / 1000:8.0f} ms")
print(f"  longest commit                                      {report['writes']['latencyMs']['max']:9.0f} ms")
PY
