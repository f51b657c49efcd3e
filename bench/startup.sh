#!/usr/bin/env bash
# Time from launch to the first page served (GET / answers 200), N launches each way:
#   plain   java -jar target/confnotes-*.jar           (the Boot jar as built)
#   aot     java -XX:AOTCache=... -Dspring.aot.enabled=true -jar <extracted jar>
#           (the fast path: Spring AOT processing and the JDK 25 AOT cache, both from bench/aot-cache.sh;
#           AOT_OPTS= measures the cache without Spring AOT)
#
#   bench/startup.sh            # N=5
#   N=5 APP_ARGS="--spring.main.lazy-initialization=true" bench/startup.sh
#
# Every launch uses a fixed heap, a free loopback port and the same database file (created by an
# unmeasured first launch, as on any restart). Builds the jar and the AOT cache if they are missing.
# Besides wall-clock time it reports the CPU time the JVM used until the first page (user + system,
# from /proc): on a shared machine the wall clock mostly measures the neighbours, CPU time much less.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-5}"
HEAP="${HEAP:-512m}"
APP_ARGS="${APP_ARGS:-}"
JAVA_OPTS="${JAVA_OPTS:-}"   # extra JVM options for every launch (and the AOT training run)
export AOT_OPTS="${AOT_OPTS--Dspring.aot.enabled=true}"   # options of the aot launches (and the training run)
source bench/common.sh
if [ -z "$(jar)" ] || { [ -n "$AOT_OPTS" ] && ! aot_processed; }; then
  ./mvnw -q -B -Paot -DskipTests package   # the AOT-processed jar also starts plainly, without the flag
fi
JAR="$(jar)"
AOT_DIR="${AOT_DIR:-target/aot}"
# a cache trained with other options would be refused (or would not match what is measured)
if [ ! -s "$AOT_DIR/app.aot" ] || [ "$JAR" -nt "$AOT_DIR/app.aot" ] || [ "$(cat "$AOT_DIR/opts" 2>/dev/null)" != "$AOT_OPTS $JAVA_OPTS" ]; then
  bench/aot-cache.sh "$AOT_DIR"
fi
AOT_JAR="$AOT_DIR/$(basename "$JAR")"

WORK="$(mktemp -d -t confnotes-startup-XXXXXX)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

# The poll for the first page must not compete with the app for the two cores: curl and sleep cost
# about 5 ms of CPU per try as new processes, a third of a core at 50 tries a second. Bash's own
# /dev/tcp and a timed read on a silent pipe poll without starting any process.
exec {SILENT_FD}<> <(:)

# One GET / over bash's /dev/tcp, read to the end of the answer; true when it was a 200.
first_page_served() {
  local port="$1" status="" line
  { exec {conn}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$conn"
  IFS= read -r -u "$conn" status || true
  while IFS= read -r -u "$conn" line; do :; done
  exec {conn}<&-
  [[ "$status" == "HTTP/1."?" 200"* ]]
}

# Launches the app with the given java options and jar; prints "wall-ms cpu-ms" until GET / is 200.
launch() {
  local jar="$1" port start end
  shift
  port=$(( 20000 + RANDOM % 20000 ))
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" $JAVA_OPTS "$@" -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
    --spring.datasource.url="jdbc:h2:file:$WORK/db/confnotes;DB_CLOSE_ON_EXIT=FALSE" --confnotes.talks.dir="$PWD/talks" $APP_ARGS \
    >"$WORK/app.log" 2>&1 &
  PID=$!
  until first_page_served "$port"; do
    kill -0 "$PID" 2>/dev/null || { echo "the app stopped:" >&2; tail -20 "$WORK/app.log" >&2; exit 1; }
    read -r -t 0.02 -u "$SILENT_FD" _ || true
  done
  end=$(date +%s%N)
  cpu=$(awk -v tck="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / tck)}' "/proc/$PID/stat")
  grep -q 'Unable to use\|AOT cache .* mismatch' "$WORK/app.log" && grep 'AOT' "$WORK/app.log" >&2 || true
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=""
  echo "$(( (end - start) / 1000000 )) $cpu"
}

stats() { sort -n | awk '{v[NR] = $1; s += $1} END {printf "%6d %6d %6d %6d", v[int((NR + 1) / 2)], v[1], v[NR], s / NR}'; }

launch "$JAR" >/dev/null   # creates the database; not measured
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
: >"$WORK/plain.txt"
: >"$WORK/aot.txt"
for _ in $(seq 1 "$N"); do   # take turns, so a busy moment hurts both alike
  launch "$JAR" >>"$WORK/plain.txt"
  # shellcheck disable=SC2086
  launch "$AOT_JAR" -XX:AOTCache="$AOT_DIR/app.aot" $AOT_OPTS >>"$WORK/aot.txt"
done

echo
echo "nproc $(nproc), $("$JAVA" -version 2>&1 | head -1), heap $HEAP, N=$N${JAVA_OPTS:+, jvm: $JAVA_OPTS}${AOT_OPTS:+, aot launches: $AOT_OPTS}${APP_ARGS:+, app: $APP_ARGS}"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-38s %-5s %6s %6s %6s %6s   %s\n' "launch to first page" "(ms)" median min max mean runs
for way in plain aot; do
  label="plain java -jar"
  [ "$way" = aot ] && label="extracted + -XX:AOTCache${AOT_OPTS:+ + Spring AOT}"
  for column in 1 2; do
    kind=wall
    [ "$column" = 2 ] && kind=cpu
    printf '%-38s %-5s %s   %s\n' "$label" "$kind" "$(awk -v c="$column" '{print $c}' "$WORK/$way.txt" | stats)" \
      "$(awk -v c="$column" '{printf "%s ", $c}' "$WORK/$way.txt")"
  done
done
