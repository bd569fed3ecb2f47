#!/usr/bin/env bash
# Triage benchmark: the default rules over a labelled corpus of customer messages. Prints per-intent
# precision and recall, escalation precision and recall, and the time per message (warm). Not a test.
#
#   bench/triage.sh                 both corpora
#   bench/triage.sh --misses        also every message classified wrongly, with the evidence
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
find_java

[ -f target/switchboard.jar ] || ./mvnw -q -B -DskipTests package
rm -rf bench/target/triage-app bench/target/triage && mkdir -p bench/target/triage-app bench/target/triage
(cd bench/target/triage-app && unzip -q ../../../target/switchboard.jar 'BOOT-INF/*')
CP="bench/target/triage-app/BOOT-INF/classes:bench/target/triage-app/BOOT-INF/lib/*"
"$(dirname "$JAVA")/javac" -cp "$CP" -d bench/target/triage bench/src/dev/switchboard/bench/TriageBench.java

echo "== corpus.jsonl: written with the rules (the rules were tuned on it)"
"$JAVA" -cp "bench/target/triage:$CP" dev.switchboard.bench.TriageBench bench/triage/corpus.jsonl "$@"
echo
echo "== held-out.jsonl: written after the rules were frozen, never tuned on"
"$JAVA" -cp "bench/target/triage:$CP" dev.switchboard.bench.TriageBench bench/triage/held-out.jsonl "$@"
