#!/usr/bin/env bash
# Intake benchmark: throughput and acknowledgement latency of POST /api/webhooks/chatwoot with signature
# checking on and synchronous commit, next to this machine's limits measured in the same run (pgbench
# one-row inserts of ~1.5 KB, and a Spring endpoint that does nothing). Prints its figures; not a test.
#
#   bench/intake.sh            (SECONDS=20 per step by default)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_STEP=${SECONDS_PER_STEP:-20}
PORT=${PORT:-18080}
SECRET=bench-secret-not-for-production
DB=switchboard_bench
source bench/lib.sh
find_java
OUT=bench/results
mkdir -p "$OUT"

[ -f target/switchboard.jar ] || ./mvnw -q -B -DskipTests package
mkdir -p bench/target
"$(dirname "$JAVA")/javac" -d bench/target bench/Http1Client.java bench/IntakeLoad.java
# The no-op endpoint the intake is compared with is the benchmark's, not the product's: compiled against
# the jar's own classes and put beside it with Spring Boot's PropertiesLauncher (loader.path).
rm -rf bench/target/app bench/target/noop && mkdir -p bench/target/app bench/target/noop
(cd bench/target/app && unzip -q ../../../target/switchboard.jar 'BOOT-INF/*')
"$(dirname "$JAVA")/javac" -cp "bench/target/app/BOOT-INF/classes:bench/target/app/BOOT-INF/lib/*" -d bench/target/noop \
  bench/src/dev/switchboard/bench/BenchNoop.java

psql_admin() { su postgres -c "psql -q -v ON_ERROR_STOP=1 $*"; }
for db in $DB ${DB}_pgbench; do
  psql_admin -c "\"DROP DATABASE IF EXISTS $db WITH (FORCE)\""
  psql_admin -c "\"CREATE DATABASE $db\""
done
echo "PostgreSQL: synchronous_commit=$(su postgres -c "psql -Atc 'show synchronous_commit'"), fsync=$(su postgres -c "psql -Atc 'show fsync'")"

# 1. pgbench: one ~1.5 KB row per transaction, the best of 16 and 32 clients.
su postgres -c "psql -q -d ${DB}_pgbench -c 'CREATE TABLE bench_rows (id bigserial PRIMARY KEY, body bytea NOT NULL)'"
echo "INSERT INTO bench_rows (body) VALUES (convert_to(repeat(md5(random()::text), 47), 'UTF8'));" > /tmp/sb-bench-insert.sql
chmod 644 /tmp/sb-bench-insert.sql
best_pgbench=0
for clients in 16 32; do
  tps=$(su postgres -c "pgbench -n -c $clients -j 2 -T $SECONDS_PER_STEP -f /tmp/sb-bench-insert.sql ${DB}_pgbench" | awk '/^tps/ {print int($3)}')
  echo "pgbench clients=$clients tps=$tps"
  [ "$tps" -gt "$best_pgbench" ] && best_pgbench=$tps
done

# 2. Switchboard on the same PostgreSQL.
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" CHATWOOT_WEBHOOK_SECRET=$SECRET PORT=$PORT \
  "$JAVA" -Xmx512m -cp target/switchboard.jar -Dloader.path=bench/target/noop \
  org.springframework.boot.loader.launch.PropertiesLauncher serve --spring.profiles.active=bench --logging.level.root=warn \
  > "$OUT/switchboard.log" 2>&1 &
SB_PID=$!
trap 'kill $SB_PID 2>/dev/null || true; wait $SB_PID 2>/dev/null || true' EXIT
await_ready "$PORT" "$OUT/switchboard.log"
TOKEN=$(grep -oE 'Bearer sb_[A-Za-z0-9_-]+' "$OUT/switchboard.log" | head -n1 | cut -d' ' -f2)
# The conversation model follows the intake after commit: how far behind it is, and its lag's p99 over the
# last two minutes (commit to model, triage included).
model() { curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/conversations/health"; }
lag_p99() { model | sed -E 's/.*"lagP99Millis":([0-9]+).*/\1/'; }
waiting() { model | sed -E 's/.*"waiting":([0-9]+).*/\1/'; }
drain() {  # seconds until the model has taken every stored event
  local start=$SECONDS
  while [ "$(waiting)" != "0" ]; do sleep 0.2; done
  echo $((SECONDS - start))
}
load() { "$JAVA" -cp bench/target IntakeLoad "$@" | tee -a "$OUT/load.txt"; }
: > "$OUT/load.txt"

load saturate $PORT $SECRET 32 5 > /dev/null   # warm-up: JIT, connection pools
load noop $PORT - 32 5 > /dev/null
drain > /dev/null   # the warm-up's events, through the conversation model, before anything is measured

echo "--- results (latency in ms) ---"
best_noop=0
for connections in 32 64; do
  noop=$(load noop $PORT - $connections $SECONDS_PER_STEP)
  echo "no-op Spring endpoint c=$connections $noop"
  achieved=$(echo "$noop" | sed -E 's/.*achieved=([0-9]+).*/\1/')
  [ "$achieved" -gt "$best_noop" ] && best_noop=$achieved
done
r500=$(load rate $PORT $SECRET 500 $SECONDS_PER_STEP); echo "intake at 500/s               $r500"
lag500=$(lag_p99); echo "  conversation model lag p99 at 500/s:  ${lag500} ms, waiting at the end: $(waiting)"
drain > /dev/null
r1000=$(load rate $PORT $SECRET 1000 $SECONDS_PER_STEP); echo "intake at 1000/s              $r1000"
lag1000=$(lag_p99); echo "  conversation model lag p99 at 1000/s: ${lag1000} ms, waiting at the end: $(waiting)"
drain > /dev/null
best_sat=0
for connections in 32 64 128; do
  sat=$(load saturate $PORT $SECRET $connections $SECONDS_PER_STEP)
  echo "intake saturation c=$connections   $sat"
  achieved=$(echo "$sat" | sed -E 's/.*achieved=([0-9]+).*/\1/')
  [ "$achieved" -gt "$best_sat" ] && best_sat=$achieved
done
behind=$(waiting)
drained=$(drain)
stored=$(su postgres -c "psql -Atc 'SELECT count(*) FROM events' $DB")
sum() { grep -E '^(rate|saturate) ' "$OUT/load.txt" | sed -E "s/.* $1=([0-9]+).*/\\1/" | awk '{s += $1} END {print s + 0}'; }
completed=$(sum completed)
errors=$(sum errors)
acknowledged=$((completed - errors))

p99_1000=$(echo "$r1000" | sed -E 's/.*p99=([0-9.]+).*/\1/')
ratio=$(awk "BEGIN {printf \"%.2f\", $best_sat / $best_pgbench}")
echo "--- summary ---"
echo "pgbench one-row insert (best)        $best_pgbench tx/s"
echo "no-op Spring endpoint (best)         $best_noop req/s"
echo "intake saturation (best)             $best_sat req/s  = ${ratio}x pgbench   (target >= 0.5x)"
echo "intake p99 ack at 1000/s             ${p99_1000} ms                        (target <= 25 ms)"
echo "webhooks answered 200 / otherwise    $acknowledged / $errors (warm-up included)"
echo "events stored                        $stored   (acknowledged but not stored: $((acknowledged - stored)))"
echo "conversation model lag p99           ${lag500} ms at 500/s, ${lag1000} ms at 1000/s   (target < 1000 ms)"
echo "model after saturation               $behind events behind, caught up ${drained} s later"
