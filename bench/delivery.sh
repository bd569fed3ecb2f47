#!/usr/bin/env bash
# Delivery benchmark: drain rate, end-to-end latency, behaviour under 503s, and database statements
# and PostgreSQL CPU per delivered event. Runs its own PostgreSQL 15 cluster (Debian's binaries,
# synchronous commit and fsync on, pg_stat_statements loaded) so nothing else on the machine is
# counted. Prints its figures; not a test. Needs root (it runs PostgreSQL as the postgres user).
#
#   bench/delivery.sh          (SECONDS_PER_STEP=20 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_STEP=${SECONDS_PER_STEP:-20}
PORT=${PORT:-18081}
RECEIVER_PORT=${RECEIVER_PORT:-18090}
PG_PORT=${PG_PORT:-55432}
SECRET=bench-secret-not-for-production
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
PGDATA=/tmp/switchboard-bench-pg
OUT=bench/results
mkdir -p "$OUT" bench/target

source bench/lib.sh
find_java
"$(dirname "$JAVA")/javac" -d bench/target bench/Http1Client.java bench/DeliveryBench.java
[ -f target/switchboard.jar ] || ./mvnw -q -B -DskipTests package

as_postgres() { su postgres -c "$*"; }
rm -rf "$PGDATA"
as_postgres "$PGBIN/initdb -D $PGDATA -A trust -U postgres >/dev/null"
cat >> "$PGDATA/postgresql.conf" <<CONF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track_utility = on
fsync = on
synchronous_commit = on
max_connections = 100
shared_buffers = 256MB
CONF
as_postgres "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w start >/dev/null"
SB_PID=""
cleanup() {
  [ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null || true
  as_postgres "$PGBIN/pg_ctl -D $PGDATA -m fast stop >/dev/null" || true
}
trap cleanup EXIT
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d switchboard)
"$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE switchboard"
"${PSQL[@]}" -qc "CREATE EXTENSION pg_stat_statements"
echo "PostgreSQL $("${PSQL[@]}" -Atc 'show server_version'): synchronous_commit=$("${PSQL[@]}" -Atc 'show synchronous_commit'), fsync=$("${PSQL[@]}" -Atc 'show fsync')"

DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/switchboard" CHATWOOT_WEBHOOK_SECRET=$SECRET PORT=$PORT \
  AGENT_SDK_URL="http://127.0.0.1:$RECEIVER_PORT/webhook" AGENT_SDK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw \
  "$JAVA" -Xmx512m ${SB_JAVA_OPTS:-} -jar target/switchboard.jar serve --logging.level.root=warn > "$OUT/switchboard-delivery.log" 2>&1 &
SB_PID=$!
await_ready "$PORT" "$OUT/switchboard-delivery.log"
POSTMASTER=$(head -n1 "$PGDATA/postmaster.pid")

echo "--- results ---"
"$JAVA" -cp bench/target DeliveryBench "$PORT" "$SECRET" "$RECEIVER_PORT" "$SECONDS_PER_STEP" "$POSTMASTER" "${PSQL[@]}" \
  | tee "$OUT/delivery.txt"
echo "--- top statements by total execution time (whole run) ---"
"${PSQL[@]}" -c "SELECT calls, round(total_exec_time) AS total_ms, round((total_exec_time / calls)::numeric, 3) AS mean_ms,
                        rows, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query
                 FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8"
echo "--- targets: (a) >= 10,000/s; (b) p50 <= 5 ms, p99 <= 30 ms; (c) 0 lost; (d) <= 4 statements, <= 0.5 ms CPU ---"
