# Sourced by the bench scripts: the JDK they need and the app's jar.
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
"$JAVA" -version 2>&1 | grep -q 'version "25' || { echo "JAVA_HOME must be a JDK 25" >&2; exit 1; }

# The Boot jar in target/ (not the plain one Maven keeps beside it), or nothing.
jar() { ls target/confnotes-*.jar 2>/dev/null | grep -v '\.original$' | head -1; }

# A jar built without -Paot has no generated initializer and cannot start with spring.aot.enabled.
aot_processed() { [ -n "$(jar)" ] && "$JAVA_HOME/bin/jar" tf "$(jar)" | grep -c 'ConfnotesApplication__ApplicationContextInitializer' >/dev/null; }
