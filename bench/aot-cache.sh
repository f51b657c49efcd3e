#!/usr/bin/env bash
# Builds the fast start-up path for confnotes: the jar with Spring AOT processing (Maven profile
# "aot": the bean graph is worked out at build time) and a JDK 25 AOT cache (JEP 483/514: classes
# loaded and linked, and method profiles, recorded on a training run), so later launches start sooner.
#
#   bench/aot-cache.sh [out-dir, default target/aot]
#   java -XX:AOTCache=target/aot/app.aot -Dspring.aot.enabled=true -jar target/aot/confnotes-*.jar
#
# AOT_OPTS (default -Dspring.aot.enabled=true) and JAVA_OPTS are the options the cache is trained
# with; launch with the same ones. AOT_OPTS= trains a cache for the plain (not AOT-processed)
# start-up. The quickest start (see QUICK_START_OPTS in bench/common.sh):
#   JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=240m" bench/aot-cache.sh target/aot-quick
#
# The cache only works with plain jars on the class path, so the Boot jar is extracted first
# (java -Djarmode=tools -jar ... extract). The training run starts the app on a free loopback port
# over a throwaway database, asks for the main pages once (so the first page's classes are in the
# cache too), then stops it; the JVM writes the cache as it exits. Launch with the same JDK and the
# same jar; a rebuilt jar needs a new cache (the JVM warns and runs without it).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${1:-target/aot}"
source bench/common.sh

AOT_OPTS="${AOT_OPTS--Dspring.aot.enabled=true}"
need_jar ${AOT_OPTS:+aot}
JAR="$(jar)"

rm -rf "$OUT"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$OUT" >/dev/null
APP_JAR="$OUT/$(basename "$JAR")"

WORK="$(mktemp -d -t confnotes-aot-XXXXXX)"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
PORT=$(( 20000 + RANDOM % 20000 ))
app_args "$PORT" "$WORK"
"$JAVA" -XX:AOTCacheOutput="$OUT/app.aot" $AOT_OPTS ${JAVA_OPTS:-} -jar "$APP_JAR" "${APP_ARGV[@]}" \
  >"$WORK/training.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/" || true)" = 200 ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/training.log" >&2; exit 1; }
  sleep 0.1
done
for page in / /talks/gc-in-golang /tags /follow-ups /api/talks /api/talks/gc-in-golang /no-such-page; do
  curl -s -o /dev/null "http://127.0.0.1:$PORT$page"
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT$page?lang=en"
done
kill -TERM "$PID"
wait "$PID" || true
PID=""
[ -s "$OUT/app.aot" ] || { echo "no AOT cache written" >&2; tail -20 "$WORK/training.log" >&2; exit 1; }
# shellcheck disable=SC2086 # unquoted on purpose: the options as words, one space apart
echo $AOT_OPTS ${JAVA_OPTS:-} >"$OUT/opts"   # what it was trained with (bench/startup.sh checks it)
echo "AOT cache: $OUT/app.aot ($(du -h "$OUT/app.aot" | cut -f1)); run: java -XX:AOTCache=$OUT/app.aot${AOT_OPTS:+ $AOT_OPTS} -jar $APP_JAR"
