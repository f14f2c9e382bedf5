# shellcheck shell=bash
# .ci/pg-cluster.sh - a throw-away PostgreSQL cluster, sourced by .ci/run (tests) and
# bench/run (benchmark).
#
#   pg_cluster_start MODE   MODE "fast" (fsync off: a test run) or "durable" (PostgreSQL's
#                           defaults: a benchmark). Starts a cluster in a temporary directory
#                           on 127.0.0.1 (first free port from ZAAKWERK_CI_PG_PORT, default
#                           54329), creates the database "zaakwerk" and its user (CREATEDB),
#                           exports DATABASE_URL and PG_PORT, PG_SOCK, PSQL, PG_BIN.
#   pg_cluster_stop         stops it and removes its directory (ZAAKWERK_CI_KEEP_PG=1 keeps it).
#   pg_superuser_psql ARGS  psql as the superuser over the private socket.
#
# The caller provides log and die, and sets IS_ROOT (1 when running as root: the server then
# runs as the "postgres" system user, created when missing).

# Find a directory holding usable PostgreSQL server binaries (initdb, pg_ctl,
# postgres). Debian's versioned directories win (newest first); otherwise the
# directory of the pg_ctl on PATH (e.g. /usr/local/bin symlinks). Prints the
# directory, or nothing.
find_pg_bin() {
  local d
  while IFS= read -r d; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
      echo "$d"; return 0
    fi
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r)
  local ctl
  ctl="$(command -v pg_ctl 2>/dev/null || true)"
  if [ -n "$ctl" ]; then
    d="$(dirname "$ctl")"
    if [ -x "$d/initdb" ] && [ -x "$d/postgres" ]; then
      echo "$d"; return 0
    fi
    # binaries split over PATH: accept when all three resolve
    if command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
      echo "$d"; return 0
    fi
  fi
  return 0
}

pg_tool() {  # absolute path of a PostgreSQL program: PG_BIN first, then PATH
  if [ -x "$PG_BIN/$1" ]; then echo "$PG_BIN/$1"; else command -v "$1" || die "$1 not found"; fi
}

as_pg() {  # run a command as the user that owns the cluster
  if [ "$IS_ROOT" -eq 1 ]; then
    # from a directory the postgres user can enter (initdb/pg_ctl need a readable cwd)
    (cd "$PG_WORK" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
random_hex() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }

PG_STARTED=0
PG_WORK=

pg_cluster_start() {
  local mode="$1"
  PG_BIN="${PG_BIN:-$(find_pg_bin)}"
  [ -n "$PG_BIN" ] || die "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found"
  INITDB="$(pg_tool initdb)"
  PG_CTL="$(pg_tool pg_ctl)"
  PSQL="$(pg_tool psql)"
  log "PostgreSQL: $("$(pg_tool postgres)" --version) ($PG_BIN)"

  # PostgreSQL refuses to run as root: as root, run the server as the "postgres"
  # system user (created here when the packages did not create it).
  PG_USER_OS="$(id -un)"
  if [ "$IS_ROOT" -eq 1 ]; then
    PG_USER_OS=postgres
    if ! id -u postgres >/dev/null 2>&1; then
      log "creating system user postgres"
      useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin postgres
    fi
  fi

  # a free TCP port on 127.0.0.1, starting at ZAAKWERK_CI_PG_PORT
  PG_PORT="${ZAAKWERK_CI_PG_PORT:-54329}"
  for _ in $(seq 1 200); do
    port_in_use "$PG_PORT" || break
    PG_PORT=$((PG_PORT + 1))
  done
  port_in_use "$PG_PORT" && die "no free port found for PostgreSQL"

  # as root under /tmp, so that the postgres user can reach it whatever TMPDIR is
  local pg_tmp
  if [ "$IS_ROOT" -eq 1 ]; then pg_tmp=/tmp; else pg_tmp="${TMPDIR:-/tmp}"; fi
  PG_WORK="$(mktemp -d "$pg_tmp/zaakwerk-ci-pg.XXXXXX")"
  PG_DATA="$PG_WORK/data"
  PG_SOCK="$PG_WORK/sock"      # private socket directory (no /var/run/postgresql needed)
  PG_LOG="$PG_WORK/postgres.log"
  mkdir -p "$PG_SOCK"

  local db_name=zaakwerk db_user=zaakwerk db_password super_password
  db_password="$(random_hex)"
  super_password="$(random_hex)"
  printf '%s\n' "$super_password" >"$PG_WORK/superuser.pw"
  chmod 600 "$PG_WORK/superuser.pw"
  if [ "$IS_ROOT" -eq 1 ]; then
    chown -R postgres: "$PG_WORK"
    chmod 700 "$PG_WORK"
  fi

  log "initdb $PG_DATA (as $PG_USER_OS)"
  # Local socket connections are trusted (only the cluster owner can reach the
  # private socket directory); TCP connections need a password.
  as_pg "$INITDB" -D "$PG_DATA" -U postgres --pwfile="$PG_WORK/superuser.pw" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
    >"$PG_WORK/initdb.log" 2>&1 || { cat "$PG_WORK/initdb.log" >&2; die "initdb failed"; }
  rm -f "$PG_WORK/superuser.pw"

  log "starting PostgreSQL on 127.0.0.1:$PG_PORT ($mode)"
  local opts="-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_SOCK"
  opts="$opts -c max_connections=200"
  if [ "$mode" = fast ]; then
    # durability settings off: this cluster lives for one CI run only
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  else
    # PostgreSQL's durable defaults; memory sized for a small server
    opts="$opts -c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=16MB"
    opts="$opts -c maintenance_work_mem=512MB -c max_wal_size=4GB"
  fi
  PG_STARTED=1
  as_pg "$PG_CTL" -D "$PG_DATA" -l "$PG_LOG" -o "$opts" -w -t 60 start >/dev/null \
    || { tail -n 30 "$PG_LOG" >&2 || true; die "PostgreSQL did not start"; }

  log "creating database $db_name (user $db_user)"
  # CREATEDB: the test suites create their own databases (Django's test database,
  # a fresh database per conformance run).
  pg_superuser_psql -d postgres <<SQL
CREATE ROLE $db_user LOGIN CREATEDB PASSWORD '$db_password';
CREATE DATABASE $db_name OWNER $db_user ENCODING 'UTF8' TEMPLATE template0;
SQL

  export DATABASE_URL="postgres://$db_user:$db_password@127.0.0.1:$PG_PORT/$db_name"
  export PG_PORT PG_SOCK PSQL PG_BIN
  log "DATABASE_URL=postgres://$db_user:***@127.0.0.1:$PG_PORT/$db_name"
}

pg_superuser_psql() {
  as_pg "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres "$@"
}

pg_cluster_stop() {
  if [ "$PG_STARTED" -eq 1 ]; then
    log "stopping PostgreSQL"
    as_pg "$PG_CTL" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || log "warning: pg_ctl stop failed (see $PG_LOG)"
    PG_STARTED=0
  fi
  if [ -n "$PG_WORK" ]; then
    if [ "${ZAAKWERK_CI_KEEP_PG:-0}" = 1 ]; then
      log "keeping $PG_WORK"
    else
      rm -rf "$PG_WORK"
    fi
  fi
}
