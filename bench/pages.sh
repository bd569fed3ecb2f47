#!/usr/bin/env bash
# Page benchmark: how long the admin pages and the portal take to answer on a database with a working
# team's data (2,000 threads with 10,000 messages, 50,000 deliveries of which ~5 % dead, a day of
# attempts). Each page is asked 5 times to warm up, then 30 times in a row; prints median, p90 and max.
# Prints its figures; not a test.
#
#   bench/pages.sh            (needs root for su postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18081}
DB=switchboard_bench_pages
source bench/lib.sh
find_java
OUT=bench/results
mkdir -p "$OUT"
[ -f target/switchboard.jar ] || ./mvnw -q -B -DskipTests package

su postgres -c "psql -q -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF EXISTS $DB WITH (FORCE)' -c 'CREATE DATABASE $DB'"
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" PORT=$PORT \
  "$JAVA" -Xmx512m -jar target/switchboard.jar serve --logging.level.root=warn > "$OUT/pages-switchboard.log" 2>&1 &
SB_PID=$!
trap 'kill $SB_PID 2>/dev/null || true; wait $SB_PID 2>/dev/null || true' EXIT
await_ready "$PORT" "$OUT/pages-switchboard.log"
PASSWORD=$(sed -nE 's/.*password: (\S+).*/\1/p' "$OUT/pages-switchboard.log" | head -1)

su postgres -c "psql -q -v ON_ERROR_STOP=1 -d $DB" <<'SQL'
INSERT INTO threads (id, code, subject, query_type, priority, status, requester_name, requester_email, reference, created_at, updated_at)
SELECT uuid_v7(now() - g * interval '1 minute'), 'SB-' || lpad(to_hex(g), 4, '0'), 'Subject number ' || g, 'Billing',
       (ARRAY['LOW','MEDIUM','HIGH','URGENT'])[1 + g % 4], (ARRAY['OPEN','PENDING','RESOLVED','CLOSED'])[1 + g % 4],
       'Customer ' || g, 'c' || g || '@example.com', 'ORD-' || g, now() - g * interval '1 minute', now() - g * interval '1 minute'
FROM generate_series(1, 2000) g;
INSERT INTO thread_messages (id, thread_id, author_kind, author_name, visibility, body, created_at)
SELECT uuid_v7(t.created_at + k * interval '1 second'), t.id, 'CUSTOMER', t.requester_name, 'EXTERNAL',
       'Message ' || k || ' about ' || t.subject, t.created_at + k * interval '1 second'
FROM threads t, generate_series(1, 5) k;
INSERT INTO delivery_destinations (name, events, active, updated_at) VALUES ('agent', NULL, false, now()) ON CONFLICT DO NOTHING;
INSERT INTO events (id, dedupe_key, event_type, account_id, conversation_id, message_id, signature, received_at, body)
SELECT uuid_v7(now() - g * interval '1 second'), 'bench' || g, 'message_created', 1, g % 500, g, 'verified',
       now() - g * interval '1 second', convert_to('{"event":"message_created","content":"hello"}', 'UTF8')
FROM generate_series(1, 50000) g;
INSERT INTO deliveries (id, event_id, destination, status, next_attempt_at, created_at, attempts, step, delivered_at, dead_at, last_error)
SELECT uuid_v7(received_at), id, 'agent', CASE WHEN random() < 0.05 THEN 'DEAD' ELSE 'DELIVERED' END, received_at, received_at,
       1, 1, received_at, received_at, NULL
FROM events;
INSERT INTO delivery_attempts (delivery_id, number, started_at, duration_ms, status_code, outcome_class)
SELECT id, 1, created_at, 10, CASE status WHEN 'DEAD' THEN 503 ELSE 200 END, CASE status WHEN 'DEAD' THEN '5xx' ELSE '2xx' END
FROM deliveries;
ANALYZE;
SQL

JAR=$(mktemp)
BASE="http://127.0.0.1:$PORT"
csrf=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "username=admin" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "_csrf=$csrf" "$BASE/login"
dead=$(su postgres -c "psql -Atq -d $DB -c \"SELECT id FROM deliveries WHERE status = 'DEAD' LIMIT 1\"")

echo "--- page, status: median / p90 / max in ms over 30 requests (after 5 to warm up) ---"
for path in "/" "/dashboard/tiles" "/dashboard/chart" "/deliveries" "/deliveries?status=DEAD" "/deliveries/$dead" \
            "/inbox" "/inbox?tab=OPEN&q=number%2012" "/inbox/threads/SB-0010" "/settings" "/portal"; do
  for _ in 1 2 3 4 5; do curl -s -o /dev/null -b "$JAR" "$BASE$path"; done
  status=$(curl -s -o /dev/null -b "$JAR" -w "%{http_code}" "$BASE$path")
  for _ in $(seq 1 30); do curl -s -o /dev/null -b "$JAR" -w "%{time_total}\n" "$BASE$path"; done | sort -n |
    awk -v p="$path" -v s="$status" '{a[NR]=$1*1000} END {printf "%-34s %s  %6.1f / %6.1f / %6.1f\n", p, s, a[int(NR/2)], a[int(NR*0.9)], a[NR]}'
done
rm -f "$JAR"
