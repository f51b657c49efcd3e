#!/usr/bin/env bash
# Load and soak: mixed traffic against a fresh confnotes on loopback for a bounded time (default
# 600 s), then checks that nothing leaked. Stops by itself and ends the server it started.
#   bench/soak.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-600}"
PORT="${PORT:-18080}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
WORK="$(mktemp -d)"
[ -f target/confnotes-*.jar ] 2>/dev/null || ./mvnw -q -B -DskipTests package
JAR="$(ls target/confnotes-*.jar | head -1)"

"$JAVA" -Xmx256m -jar "$JAR" --server.port="$PORT" --spring.datasource.url="jdbc:h2:file:$WORK/db" \
  --confnotes.search.directory=local-heap --confnotes.demos.cache-dir="$WORK/demo-cache" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
until curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do sleep 0.5; done

snapshot() {
  "$JAVA_HOME/bin/jcmd" "$SERVER" GC.run >/dev/null
  sleep 1
  local heap threads fds children
  heap=$("$JAVA_HOME/bin/jcmd" "$SERVER" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  threads=$(ls /proc/$SERVER/task | wc -l)
  fds=$(ls /proc/$SERVER/fd | wc -l)
  children=$({ pgrep -P "$SERVER" || true; } | wc -l)
  echo "$1 heap_used=$heap threads=$threads fds=$fds child_processes=$children"
}

# Warm up, then measure the baseline once the app has settled.
"$JAVA" bench/Soak.java "http://127.0.0.1:$PORT" 20 >/dev/null || true
sleep 35
snapshot before
"$JAVA" bench/Soak.java "http://127.0.0.1:$PORT" "$SECONDS_TO_RUN"
# Let shared runs linger out and ended runs be released before the second look.
sleep 35
snapshot after
