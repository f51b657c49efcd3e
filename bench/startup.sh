#!/usr/bin/env bash
# Time from launch to the first page served (GET / answers 200), N launches each way, taking turns:
#   plain   java -jar target/confnotes-*.jar           (the Boot jar as built)
#   aot     java -XX:AOTCache=... -Dspring.aot.enabled=true -jar <extracted jar>
#           (the fast path: Spring AOT processing and the JDK 25 AOT cache, both from bench/aot-cache.sh;
#           AOT_OPTS= measures the cache without Spring AOT)
#   quick   the fast path with the quick-start JVM options of bench/common.sh (C1 only, serial
#           collector, a full-size code cache), its cache trained with them (target/aot-quick)
#
#   bench/startup.sh            # N=5, all three ways
#   N=9 WAYS="aot quick" bench/startup.sh
#   N=5 APP_ARGS="--spring.main.lazy-initialization=true" bench/startup.sh
#   bench/startup.sh --smoke    # what CI runs: one launch plain and one with an AOT cache trained on
#                               # the jar as built (no Spring AOT rebuild); fails when a figure is missing
#
# Every launch uses a fixed heap, a free loopback port and the same database file (created by an
# unmeasured first launch, as on any restart). Builds the jar and the AOT caches if they are missing
# or older than the jar. Besides wall-clock time it reports the CPU time the JVM used until the
# first page (user + system, from /proc): on a shared machine the wall clock mostly measures the
# neighbours, CPU time much less.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = --smoke ]; then
  # The cache of the plain jar (AOT_OPTS empty) in a folder of its own, so neither the build's jar nor
  # the caches of the real measurement are replaced.
  export N=1 WAYS="plain aot" AOT_OPTS="" AOT_DIR=target/aot-smoke
fi
N="${N:-5}"
WAYS="${WAYS:-plain aot quick}"
for way in $WAYS; do
  case "$way" in plain | aot | quick) ;; *) echo "unknown way: $way (plain, aot or quick)" >&2; exit 2 ;; esac
done
HEAP="${HEAP:-512m}"
APP_ARGS="${APP_ARGS:-}"
JAVA_OPTS="${JAVA_OPTS:-}"   # extra JVM options for every launch (and the AOT training runs)
export AOT_OPTS="${AOT_OPTS--Dspring.aot.enabled=true}"   # options of the aot launches (and the training runs)
source bench/common.sh
need_jar ${AOT_OPTS:+aot}
JAR="$(jar)"

# (Re)trains the cache in a folder unless it is newer than the jar and was trained with these options:
# a cache trained with others would be refused, or would not match what is measured.
cache_for() {
  local dir="$1" opts="$2"
  # shellcheck disable=SC2086 # unquoted on purpose: the options as words, however they were spaced
  if [ ! -s "$dir/app.aot" ] || [ "$JAR" -nt "$dir/app.aot" ] || [ "$(cat "$dir/opts" 2>/dev/null)" != "$(echo $AOT_OPTS $opts)" ]; then
    JAVA_OPTS="$opts" bench/aot-cache.sh "$dir" >&2
  fi
}
AOT_DIR="${AOT_DIR:-target/aot}"
case " $WAYS " in *" aot "*) cache_for "$AOT_DIR" "$JAVA_OPTS" ;; esac
case " $WAYS " in *" quick "*) cache_for target/aot-quick "$JAVA_OPTS $QUICK_START_OPTS" ;; esac

# The java options and jar of each way.
way_args() {
  case "$1" in
    plain) echo "$JAVA_OPTS -jar $JAR" ;;
    aot) echo "$JAVA_OPTS -XX:AOTCache=$AOT_DIR/app.aot $AOT_OPTS -jar $AOT_DIR/$(basename "$JAR")" ;;
    quick) echo "$JAVA_OPTS $QUICK_START_OPTS -XX:AOTCache=target/aot-quick/app.aot $AOT_OPTS -jar target/aot-quick/$(basename "$JAR")" ;;
  esac
}

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

# Launches the app one way; prints "wall-ms cpu-ms" until GET / is 200.
launch() {
  local port start end
  port=$(( 20000 + RANDOM % 20000 ))
  start=$(date +%s%N)
  # shellcheck disable=SC2046
  app_args "$port" "$WORK"
  "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" $(way_args "$1") "${APP_ARGV[@]}" $APP_ARGS >"$WORK/app.log" 2>&1 &
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

launch plain >/dev/null   # creates the database; not measured
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for way in $WAYS; do : >"$WORK/$way.txt"; done
for _ in $(seq 1 "$N"); do   # take turns, so a busy moment hurts every way alike
  for way in $WAYS; do launch "$way" >>"$WORK/$way.txt"; done
done

echo
echo "nproc $(nproc), $("$JAVA" -version 2>&1 | head -1), heap $HEAP, N=$N${JAVA_OPTS:+, jvm: $JAVA_OPTS}${AOT_OPTS:+, aot launches: $AOT_OPTS}${APP_ARGS:+, app: $APP_ARGS}"
echo "quick-start options: $QUICK_START_OPTS"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %-5s %6s %6s %6s %6s   %s\n' "launch to first page" "(ms)" median min max mean runs
for way in $WAYS; do
  case "$way" in
    plain) label="plain java -jar" ;;
    aot) label="extracted + -XX:AOTCache${AOT_OPTS:+ + Spring AOT}" ;;
    quick) label="the same + quick-start options" ;;
  esac
  for column in 1 2; do
    kind=wall
    [ "$column" = 2 ] && kind=cpu
    printf '%-44s %-5s %s   %s\n' "$label" "$kind" "$(awk -v c="$column" '{print $c}' "$WORK/$way.txt" | stats)" \
      "$(awk -v c="$column" '{printf "%s ", $c}' "$WORK/$way.txt")"
  done
done
# One line per way a machine reads (the smoke test does); a way without a figure for every launch fails.
FAILED=0
for way in $WAYS; do
  echo "BENCH startup way=$way launches=$(wc -l <"$WORK/$way.txt") wall_median_ms=$(cut -d' ' -f1 "$WORK/$way.txt" | stats | awk '{print $1}') cpu_median_ms=$(cut -d' ' -f2 "$WORK/$way.txt" | stats | awk '{print $1}')"
  [ "$(awk '$1 > 0 && $2 > 0' "$WORK/$way.txt" | wc -l)" -eq "$N" ] || { echo "startup: $way has no figure for every launch" >&2; FAILED=1; }
done
exit "$FAILED"
