# shellcheck shell=bash
# A PostgreSQL server for the tests of the "postgres" profile, owned by this CI run. Sourced by
# .ci/run (or by hand: `source .ci/postgres.sh`, then `./mvnw verify`). It initialises a cluster in a
# fresh temporary folder, listens on 127.0.0.1 only, on a fixed non-default port, creates the role
# and database `confnotes`, exports POSTGRES_URL, POSTGRES_USER and POSTGRES_PASSWORD, and stops the
# server and removes the folder when the shell that sourced it exits. A server left behind by an
# earlier run that was killed before its trap ran is stopped first, so running it twice works.

confnotes_pg_port="${CONFNOTES_PG_PORT:-55432}"
confnotes_pg_state="${TMPDIR:-/tmp}/confnotes-ci-postgres.${confnotes_pg_port}"
confnotes_pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$confnotes_pg_bin" ] || [ ! -x "$confnotes_pg_bin/postgres" ]; then
  echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)" >&2
  return 1 2>/dev/null || exit 1
fi

# initdb and postgres refuse to run as root: as root, run them as the package's `postgres` user.
confnotes_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Stops the server of one run's folder (the folder holds data/, the socket and the logs) and removes it.
confnotes_pg_stop() {
  local dir="$1"
  if [ -n "$dir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    confnotes_pg "$confnotes_pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 \
      || confnotes_pg "$confnotes_pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$dir" in
    */confnotes-pg.*) rm -rf "$dir" ;;
  esac
}

# A server from an earlier run whose trap never ran.
if [ -f "$confnotes_pg_state" ]; then
  confnotes_pg_stop "$(cat "$confnotes_pg_state")"
  rm -f "$confnotes_pg_state"
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$confnotes_pg_port") 2>/dev/null; then
  echo "postgres.sh: port $confnotes_pg_port is taken by another program; set CONFNOTES_PG_PORT" >&2
  return 1 2>/dev/null || exit 1
fi

confnotes_pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/confnotes-pg.XXXXXX")"
echo "$confnotes_pg_dir" >"$confnotes_pg_state"
[ "$(id -u)" = 0 ] && chown postgres: "$confnotes_pg_dir"
chmod 700 "$confnotes_pg_dir"

export POSTGRES_USER=confnotes
export POSTGRES_PASSWORD=confnotes
export POSTGRES_URL="jdbc:postgresql://127.0.0.1:${confnotes_pg_port}/confnotes"

confnotes_pg "$confnotes_pg_bin/initdb" -D "$confnotes_pg_dir/data" -U postgres --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$confnotes_pg_dir/initdb.log" 2>&1 \
  || { cat "$confnotes_pg_dir/initdb.log" >&2; return 1 2>/dev/null || exit 1; }
# A throwaway cluster: durability settings off for speed; the socket stays in the temp folder.
confnotes_pg "$confnotes_pg_bin/pg_ctl" -D "$confnotes_pg_dir/data" -l "$confnotes_pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $confnotes_pg_port -c unix_socket_directories=$confnotes_pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$confnotes_pg_dir/server.log" >&2; return 1 2>/dev/null || exit 1; }
trap 'confnotes_pg_stop "$confnotes_pg_dir"; rm -f "$confnotes_pg_state"' EXIT

confnotes_pg "$confnotes_pg_bin/psql" -q -v ON_ERROR_STOP=1 -h "$confnotes_pg_dir" -p "$confnotes_pg_port" \
  -U postgres -d postgres \
  -c "CREATE ROLE $POSTGRES_USER LOGIN PASSWORD '$POSTGRES_PASSWORD'" \
  -c "CREATE DATABASE confnotes OWNER $POSTGRES_USER ENCODING 'UTF8'"
echo "PostgreSQL $("$confnotes_pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$confnotes_pg_port for this run ($POSTGRES_URL)"
