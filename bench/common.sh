# Sourced by the bench scripts: the JDK they need and the app's jar.
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
"$JAVA" -version 2>&1 | grep -q 'version "25' || { echo "JAVA_HOME must be a JDK 25" >&2; exit 1; }

# The Boot jar in target/ (not the plain one Maven keeps beside it), or nothing.
jar() { ls target/confnotes-*.jar 2>/dev/null | grep -v '\.original$' | head -1; }

# A jar built without -Paot has no generated initializer and cannot start with spring.aot.enabled.
aot_processed() { [ -n "$(jar)" ] && "$JAVA_HOME/bin/jar" tf "$(jar)" | grep -c 'ConfnotesApplication__ApplicationContextInitializer' >/dev/null; }

# Builds the Boot jar unless it is there; "need_jar aot" also rebuilds one made without Spring AOT
# processing (the fast path needs it; an AOT-processed jar still starts plainly, without the flag).
need_jar() {
  if [ "${1:-}" = aot ]; then
    [ -n "$(jar)" ] && aot_processed || ./mvnw -q -B -Paot -DskipTests package
  else
    [ -n "$(jar)" ] || ./mvnw -q -B -DskipTests package
  fi
}

# The app's arguments in a benchmark, in the array APP_ARGV: loopback only, on the given port, with
# its own database under the given folder, and the repository's talks.
app_args() {
  APP_ARGV=(--server.address=127.0.0.1 "--server.port=$1"
    "--spring.datasource.url=jdbc:h2:file:$2/db/confnotes;DB_CLOSE_ON_EXIT=FALSE" "--confnotes.talks.dir=$PWD/talks")
}

# The quick-start JVM options: C1 only (the C2 compiler would take a core for most of the start, for
# 10-20 % more throughput on uncached pages once warm), the serial collector (one core's worth of
# heap work needs no parallel collector) and C1's code cache at tiered compilation's 240 MB (C1 alone
# defaults to 48 MB, where every 7 MB of new code triggers a full collection during the start).
# A cache must be trained with the options it is launched with.
QUICK_START_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=240m"
