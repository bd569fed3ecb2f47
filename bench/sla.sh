#!/usr/bin/env bash
# SLA benchmark: how late breaches fire, and what a sweep costs. Switchboard from the packaged jar, with a policy of a
# first response within TARGET seconds around the clock; RATE new conversations a second for SECONDS, each a customer's
# first message, so the deadlines fall due spread over SECONDS; then the lateness of every breach (fired at minus
# due) from the database, and the sweep's time with OPEN running clocks (the first run's plus synthetic ones). Not a test.
#
#   bench/sla.sh          RATE=20 SECONDS_OF_LOAD=60 TARGET=40 OPEN=100000 by default; needs root for su postgres
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-20}
SECONDS_OF_LOAD=${SECONDS_OF_LOAD:-60}
TARGET=${TARGET:-40}
OPEN=${OPEN:-100000}
PORT=${PORT:-18081}
SECRET=bench-secret-not-for-production
DB=switchboard_bench_sla
source bench/lib.sh
find_java
OUT=bench/results
mkdir -p "$OUT" bench/target

[ -f target/switchboard.jar ] || ./mvnw -q -B -DskipTests package
"$(dirname "$JAVA")/javac" -d bench/target bench/Http1Client.java bench/SlaLoad.java

psql_admin() { su postgres -c "psql -q -v ON_ERROR_STOP=1 $*"; }
sql() { su postgres -c "psql -Atq -v ON_ERROR_STOP=1 -d $DB" <<<"$1"; }
psql_admin -c "\"DROP DATABASE IF EXISTS $DB WITH (FORCE)\""
psql_admin -c "\"CREATE DATABASE $DB\""

DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" CHATWOOT_WEBHOOK_SECRET=$SECRET PORT=$PORT \
  "$JAVA" -Xmx512m -jar target/switchboard.jar serve --logging.level.root=warn --logging.level.dev.switchboard.sla=warn \
  > "$OUT/switchboard-sla.log" 2>&1 &
SB_PID=$!
trap 'kill $SB_PID 2>/dev/null || true; wait $SB_PID 2>/dev/null || true' EXIT
await_ready "$PORT" "$OUT/switchboard-sla.log"
TOKEN=$(grep -oE 'Bearer sb_[A-Za-z0-9_-]+' "$OUT/switchboard-sla.log" | head -n1 | cut -d' ' -f2)
api() { curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

api -X PUT "http://127.0.0.1:$PORT/api/sla/config?basedOn=0" --data-binary @- > /dev/null <<JSON
{"calendars": [{"name": "business", "zone": "UTC", "windows": {"monday": ["09:00-17:00"]}}],
 "policies": [{"name": "bench", "firstResponse": {"within": "${TARGET}s", "businessHours": false}}]}
JSON

echo "--- load: $RATE new conversations/s for $SECONDS_OF_LOAD s, first response due ${TARGET} s after each ---"
"$JAVA" -cp bench/target SlaLoad "$PORT" "$SECRET" "$RATE" "$SECONDS_OF_LOAD"
expected=$((RATE * SECONDS_OF_LOAD))
for _ in $(seq 1 $((TARGET + 60))); do
  fired=$(sql "SELECT count(*) FROM sla_breaches WHERE kind = 'BREACHED'")
  [ "$fired" -ge "$expected" ] && break
  sleep 1
done

echo "--- results ---"
echo "clocks: $(sql "SELECT count(*) FROM sla_clocks") computed, breaches fired: $(sql "SELECT count(*) FROM sla_breaches WHERE kind = 'BREACHED'"), at-risk warnings: $(sql "SELECT count(*) FROM sla_breaches WHERE kind = 'AT_RISK'")"
echo "breaches fired twice for one deadline: $(sql "SELECT count(*) FROM (SELECT clock_id, due_at FROM sla_breaches WHERE kind = 'BREACHED' GROUP BY 1, 2 HAVING count(*) > 1) d")"
sql "SELECT 'breach lateness (fired - due), ms: p50 ' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1)
            || ', p99 ' || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) || ', max ' || round(max(ms)::numeric, 1)
            || ' over ' || count(*) || ' deadlines'
     FROM (SELECT extract(epoch FROM fired_at - due_at) * 1000 AS ms FROM sla_breaches WHERE kind = 'BREACHED') l"

echo "--- sweep cost with $OPEN more running clocks due in the next 30 days ---"
sql "INSERT INTO sla_subjects (subject_kind, subject_key, first_seen_at, state, policy, config_version, next_due_at)
     SELECT 'CONVERSATION', '999999:' || i, now(), 'OPEN', 'bench', 1, now() + i * interval '25 seconds' FROM generate_series(1, $OPEN) i;
     INSERT INTO sla_clocks (id, subject_kind, subject_key, clock, instance, state, policy, config_version, target_seconds,
                             business_hours, started_at, at_risk_at, due_at, watched_since)
     SELECT gen_random_uuid(), 'CONVERSATION', '999999:' || i, 'FIRST_RESPONSE', 0, 'RUNNING', 'bench', 1, 86400, false, now(),
            now() + i * interval '20 seconds', now() + i * interval '25 seconds', now()
     FROM generate_series(1, $OPEN) i;
     ANALYZE sla_clocks; ANALYZE sla_subjects;"
sweeps() {  # count, total seconds and max of the sweep timer, from the Prometheus scrape
  api "http://127.0.0.1:$PORT/actuator/prometheus" | awk '
    /^switchboard_sla_sweep_seconds_count/ {c = $NF} /^switchboard_sla_sweep_seconds_sum/ {s = $NF}
    /^switchboard_sla_sweep_seconds_max/ {m = $NF} END {print c + 0, s + 0, m + 0}'
}
read -r count_before total_before _ <<<"$(sweeps)"
sleep 95   # three sweeps at the default interval of 30 s
read -r count_after total_after max_after <<<"$(sweeps)"
awk -v c0="$count_before" -v t0="$total_before" -v c1="$count_after" -v t1="$total_after" -v max="$max_after" -v open="$OPEN" 'BEGIN {
  n = c1 - c0; if (n <= 0) { print "no sweep ran"; exit }
  printf "sweep with %d open clocks: %d sweeps, mean %.1f ms, max %.1f ms (every 30 s by default)\n", open + 0, n, (t1 - t0) / n * 1000, max * 1000 }'
