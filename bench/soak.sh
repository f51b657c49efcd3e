#!/usr/bin/env bash
# Soak: the packaged app (java -jar target/confnotes-*.jar) under mixed load for N seconds (default 60):
# page reads, search, viewers joining and leaving the shared /proc monitor stream, context demo runs
# started and canceled through the API, a health probe throughout (bench/Soak.java). Prints the tally,
# the server's heap, threads, open fds and child processes before and after, then sends SIGTERM and
# requires the server to stop by itself. Ends with PASS or FAIL (exit 1); on a stall it saves a jstack.
# Heap: the live heap (used right after a forced full GC) every minute of the load and once more after
# a settle of SETTLE seconds (default 135: ended runs are kept in memory for 2 minutes). The heap is
# flat when the last minute's live heap is within 25 % of the first half's highest, and the settled one
# is no higher than that highest.
#   bench/soak.sh 60 [viewers]             (builds the jar if it is missing)
#   bench/soak.sh --smoke                  (what CI runs: 10 s, 4 viewers, no settle; checks every figure came out)
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --smoke ]; then
  set -- 10 4
  SETTLE=0
fi
SECS=${1:-60}
VIEWERS=${2:-40}
SETTLE=${SETTLE:-135}
source bench/common.sh
need_jar || exit 2
JAR=$(jar)
PORT=${PORT:-$((19000 + $$ % 1000))}
WORK=$(mktemp -d /tmp/confnotes-soak.XXXXXX)
LOG="$WORK/server.log"
echo "soak: $JAR on port $PORT for ${SECS}s, $VIEWERS viewers at a time; work dir $WORK"

# Its own data: database, search index and demo cache in the work dir (never ./data).
app_args "$PORT" "$WORK"
setsid "$JAVA" -Xmx512m -jar "$JAR" "${APP_ARGV[@]}" \
  --confnotes.search.index-dir="$WORK/search-index" --confnotes.demos.cache-dir="$WORK/demo-cache" \
  --confnotes.talks.watch=false --confnotes.rate-limit.runs.permits=120 --confnotes.rate-limit.runs.burst=20 \
  >"$LOG" 2>&1 &
PID=$!
VERDICT=PASS
fail() { echo "FAIL: $*"; VERDICT=FAIL; }

cleanup() {
  if kill -0 "$PID" 2>/dev/null; then
    "$JAVA_HOME/bin/jstack" "$PID" >"$WORK/jstack-at-exit.txt" 2>&1 || true
    kill -KILL -- -"$PID" 2>/dev/null || kill -KILL "$PID" 2>/dev/null
  fi
}
trap cleanup EXIT

descendants() { # every process below $1, by walking /proc/<pid>/task/*/children
  local kids
  kids=$(cat /proc/"$1"/task/*/children 2>/dev/null)
  for k in $kids; do echo "$k"; descendants "$k"; done
}

live_heap() { # MB used right after a full GC
  "$JAVA_HOME/bin/jcmd" "$PID" GC.run >/dev/null 2>&1
  curl -s -m 10 "http://127.0.0.1:$PORT/actuator/prometheus" \
    | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {s += $NF} END {printf "%d", s / 1048576}'
}

sample() { # live heap MB, threads, fds, child processes
  local heap threads fds kids
  heap=$(live_heap)
  threads=$(awk '/^Threads:/ {print $2}' /proc/"$PID"/status 2>/dev/null)
  fds=$(ls /proc/"$PID"/fd 2>/dev/null | wc -l)
  kids=$(descendants "$PID" | wc -l)
  echo "heap_used=${heap:-?}MB threads=${threads:-?} fds=$fds children=$kids"
}

for _ in $(seq 1 240); do
  curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q 200 && break
  kill -0 "$PID" 2>/dev/null || { echo "server exited:"; tail -30 "$LOG"; exit 1; }
  sleep 0.5
done
curl -s -m 2 -o /dev/null "http://127.0.0.1:$PORT/actuator/health" || { fail "server did not come up"; exit 1; }

BEFORE=$(sample)
# The live heap once a minute while the load runs.
( for _ in $(seq 1 $((SECS / 60))); do sleep 60; kill -0 "$PID" 2>/dev/null && live_heap && echo; done ) \
  >"$WORK/heap-series.txt" &
SAMPLER=$!
timeout --kill-after=10 $((SECS + 90)) "$JAVA" bench/Soak.java "$PORT" "$SECS" "$VIEWERS"
rc=$?
wait "$SAMPLER" 2>/dev/null
[ "$rc" -eq 0 ] || { fail "load run exit code $rc (server stalled?)"; "$JAVA_HOME/bin/jstack" "$PID" >"$WORK/jstack-stall.txt" 2>&1; echo "jstack: $WORK/jstack-stall.txt"; }

# Let canceled runs end and shared runs linger out (linger 10 s, grace 2 s) before the after-sample.
for _ in $(seq 1 40); do
  [ "$(descendants "$PID" | wc -l)" -eq 0 ] && break
  sleep 0.5
done
AFTER=$(sample)
echo "settling ${SETTLE}s (ended runs leave memory after 2 minutes)"
sleep "$SETTLE"
SETTLED_SAMPLE=$(sample)
SETTLED=${SETTLED_SAMPLE#heap_used=}
SETTLED=${SETTLED%%MB*}
echo "before:  $BEFORE"
echo "after:   $AFTER"
echo "settled: $SETTLED_SAMPLE"
for figures in "$BEFORE" "$AFTER" "$SETTLED_SAMPLE"; do
  [[ "$figures" =~ ^heap_used=[0-9]+MB\ threads=[0-9]+\ fds=[0-9]+\ children=[0-9]+$ ]] || fail "a sample lacks a figure: $figures"
done
SERIES=$(grep -E '^[0-9]+$' "$WORK/heap-series.txt" | tr '\n' ' ')
echo "live heap each minute of the load (MB): $SERIES"
echo "live heap after settling ${SETTLE}s: ${SETTLED}MB"
if [ -n "$SERIES" ]; then
  read -r -a MINUTES <<<"$SERIES"
  HALF=$(( (${#MINUTES[@]} + 1) / 2 ))
  PEAK=0
  for m in "${MINUTES[@]:0:$HALF}"; do [ "$m" -gt "$PEAK" ] && PEAK=$m; done
  LAST=${MINUTES[-1]}
  echo "heap: first half's highest ${PEAK}MB, last minute ${LAST}MB, settled ${SETTLED}MB"
  [ "$LAST" -le $((PEAK * 125 / 100)) ] || fail "live heap grew during the load (${PEAK}MB -> ${LAST}MB)"
  [ "${SETTLED:-0}" -le "$PEAK" ] || fail "live heap after settling (${SETTLED}MB) above the load's first half (${PEAK}MB)"
fi
echo "threads after, by name: $("$JAVA_HOME/bin/jstack" "$PID" 2>/dev/null | sed -n 's/^"\([^"]*\)".*/\1/p' \
  | sed -E 's/[-#]?[0-9]+$//; s/-[0-9]+-/-N-/' | sort | uniq -c | sort -rn | awk '{printf "%s=%s ", $2, $1}')"
[ "$(descendants "$PID" | wc -l)" -eq 0 ] || fail "child processes left after the load ended"

# SIGTERM: graceful shutdown must finish by itself.
STOP_START=$(date +%s%N)
kill -TERM "$PID"
for _ in $(seq 1 60); do
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$PID" 2>/dev/null; then
  "$JAVA_HOME/bin/jstack" "$PID" >"$WORK/jstack-stop.txt" 2>&1
  fail "server still running 30 s after SIGTERM (jstack: $WORK/jstack-stop.txt)"
else
  wait "$PID" 2>/dev/null
  echo "stopped on SIGTERM in $(( ($(date +%s%N) - STOP_START) / 1000000 )) ms"
fi
LEFT=$(pgrep -f -- "$WORK/demo-cache" | wc -l)
[ "$LEFT" -eq 0 ] || fail "$LEFT demo processes outlived the server"
grep -c ' ERROR ' "$LOG" | xargs -I{} echo "server log: {} ERROR lines ($LOG)"
echo "$VERDICT"
[ "$VERDICT" = PASS ]
