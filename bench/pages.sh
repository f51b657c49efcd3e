#!/usr/bin/env bash
# Page throughput: confnotes vs nginx serving the same HTML from files, on loopback, under wrk.
#
#   bench/pages.sh            # 3 rounds of 5 s per page and server, 64 connections
#   ROUNDS=3 DURATION=5 CONNECTIONS=64 bench/pages.sh
#   bench/pages.sh --smoke    # what CI runs: 1 round of 1 s, 8 connections; fails when a figure is missing
#   JAR=/path/to/other.jar bench/pages.sh   # another build of the app against the same nginx
#
# Needs Debian's wrk and nginx (apt-get install wrk nginx) and JDK 25 (JAVA_HOME, or Temurin 25 at
# /usr/lib/jvm/temurin-25-jdk-amd64). Builds the jar if there is none, starts the app with a fixed
# heap on a free port over a throwaway database, saves the pages it serves, starts nginx on another
# free loopback port with a minimal config, runs wrk against both, prints a table and stops
# everything it started. The two servers take turns, round after round, and the table shows the
# median of the rounds: on a small shared machine one run alone is at the mercy of its neighbours.
set -euo pipefail
cd "$(dirname "$0")/.."

# Smoke mode (CI): every step with small counts, so the script cannot rot unseen; it checks that
# every figure came out, never how fast.
if [ "${1:-}" = --smoke ]; then
  export ROUNDS=1 DURATION=1 WARMUP=1 NGINX_WARMUP=1 CONNECTIONS=8 THREADS=1
fi

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-5}"
WARMUP="${WARMUP:-8}"
NGINX_WARMUP="${NGINX_WARMUP:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
# As browsers do, ask for gzip: confnotes serves each kept page compressed once, nginx serves the
# same pages precompressed (gzip_static). GZIP=0 measures uncompressed answers from both.
GZIP="${GZIP:-1}"
HEAP="${HEAP:-512m}"
APP_ARGS="${APP_ARGS:-}"   # extra arguments for the app, e.g. --spring.threads.virtual.enabled=true
# The home page, a plain talk page and the largest talk page (the GC demo's panel and explanation;
# its source is fetched from /demos/gc/source when opened, so it is not part of the page).
read -r -a PAGES <<<"${PAGES:-/ /talks/go-testing /talks/gc-in-golang}"

source bench/common.sh
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing $tool: apt-get install wrk nginx curl" >&2; exit 1; }
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

if [ -z "${JAR:-}" ]; then
  need_jar
  JAR="$(jar)"
fi

WORK="$(mktemp -d -t confnotes-bench-XXXXXX)"
APP_PID=""
NGINX_PID=""
stop() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap stop EXIT INT TERM

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

wait_for() {
  local url="$1" i
  for i in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "no answer from $url" >&2
  return 1
}

# --- confnotes -----------------------------------------------------------------------------------
APP_PORT="$(free_port)"
app_args "$APP_PORT" "$WORK"
"$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -jar "$JAR" "${APP_ARGV[@]}" ${APP_ARGS:-} >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_for "http://127.0.0.1:$APP_PORT/"

# --- the same HTML, saved to files and served by nginx -----------------------------------------------
mkdir -p "$WORK/www/talks" "$WORK/nginx"
for page in "${PAGES[@]}"; do
  file="$WORK/www${page}"
  [ "$page" = / ] && file="$WORK/www/index.html"
  curl -s -o "$file" "http://127.0.0.1:$APP_PORT$page"
  gzip -k -6 -f "$file"
done
chmod -R a+rX "$WORK"
NGINX_PORT="$(free_port)"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  default_type text/html;
  charset utf-8;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    index index.html;
  }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
wait_for "http://127.0.0.1:$NGINX_PORT${PAGES[0]}"

# --- wrk ---------------------------------------------------------------------------------------------
ENCODING=()
[ "$GZIP" = 1 ] && ENCODING=(-H "Accept-Encoding: gzip")
# Check both really answer as asked before measuring anything.
for page in "${PAGES[@]}"; do
  for url in "http://127.0.0.1:$APP_PORT$page" "http://127.0.0.1:$NGINX_PORT$page"; do
    if [ "$GZIP" = 1 ] && ! curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "$url" | grep -qi '^content-encoding: gzip'; then
      echo "$url did not answer gzip" >&2
      exit 1
    fi
  done
done
# Prints "requests/s p99-ms" for one run.
measure() {
  local out rps p99
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency "${ENCODING[@]}" "$1")"
  if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx answers from $1" >&2; echo "$out" >&2; return 1; fi
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p99="$(echo "$out" | awk '$1 == "99%" {print $2}')"
  p99="$(echo "$p99" | awk '/us$/ {sub("us",""); print $1/1000; next} /ms$/ {sub("ms",""); print $1; next} /s$/ {sub("s",""); print $1*1000}')"
  echo "$rps $p99"
}

for page in "${PAGES[@]}"; do  # warm up the JIT (and nginx's page cache) before measuring
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP"s "${ENCODING[@]}" "http://127.0.0.1:$APP_PORT$page" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$NGINX_WARMUP"s "${ENCODING[@]}" "http://127.0.0.1:$NGINX_PORT$page" >/dev/null
done

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo
echo "nproc $(nproc), $("$JAVA" -version 2>&1 | head -1), heap $HEAP, wrk -t$THREADS -c$CONNECTIONS," \
  "median of $ROUNDS x ${DURATION}s, gzip=$GZIP ${APP_ARGS:+, app: $APP_ARGS}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %14s %10s %14s %10s %8s\n' page "confnotes rps" "p99 ms" "nginx rps" "p99 ms" ratio
FIGURES=0
for page in "${PAGES[@]}"; do
  : >"$WORK/app.txt"
  : >"$WORK/nginx.txt"
  for _ in $(seq 1 "$ROUNDS"); do
    measure "http://127.0.0.1:$APP_PORT$page" "$DURATION" >>"$WORK/app.txt"
    measure "http://127.0.0.1:$NGINX_PORT$page" "$DURATION" >>"$WORK/nginx.txt"
  done
  app_rps="$(awk '{print $1}' "$WORK/app.txt" | median)"
  app_p99="$(awk '{print $2}' "$WORK/app.txt" | median)"
  ngx_rps="$(awk '{print $1}' "$WORK/nginx.txt" | median)"
  ngx_p99="$(awk '{print $2}' "$WORK/nginx.txt" | median)"
  ratio="$(awk -v a="$app_rps" -v n="$ngx_rps" 'BEGIN {printf "%.2f", a / n}')"
  printf '%-22s %14.0f %10.2f %14.0f %10.2f %8s\n' "$page" "$app_rps" "$app_p99" "$ngx_rps" "$ngx_p99" "$ratio"
  if [ -n "${VERBOSE:-}" ]; then paste "$WORK/app.txt" "$WORK/nginx.txt" >&2; fi
  # One line a machine reads (the smoke test does); a figure missing or zero fails the run.
  echo "BENCH pages page=$page app_rps=$app_rps app_p99_ms=$app_p99 nginx_rps=$ngx_rps nginx_p99_ms=$ngx_p99 ratio=$ratio"
  awk -v a="$app_rps" -v b="$app_p99" -v n="$ngx_rps" -v m="$ngx_p99" 'BEGIN {exit !(a > 0 && b > 0 && n > 0 && m > 0)}' \
    && FIGURES=$((FIGURES + 1))
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$FIGURES" -eq "${#PAGES[@]}" ] || { echo "pages: figures for $FIGURES of ${#PAGES[@]} pages" >&2; exit 1; }
