# Shared by the benchmark scripts: source it, don't run it.

# The newest JDK 21+ under /usr/lib/jvm, as $JAVA (Switchboard needs 21; the default java may be 17).
find_java() {
  JAVA=""
  for candidate in /usr/lib/jvm/*; do
    "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && JAVA=$candidate/bin/java
  done
  [ -n "$JAVA" ] || { echo "no JDK 21+ under /usr/lib/jvm" >&2; exit 1; }
}

# Waits up to a minute for Switchboard on port $1 to be ready; $2 is its log, named if it is not.
await_ready() {
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "Switchboard did not become ready; see $2" >&2
  exit 1
}
