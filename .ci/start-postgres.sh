#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the storage tests and exports how to reach it.
#
#   source .ci/start-postgres.sh      # from .ci/run or a shell
#
# Exports:
#   TUNING_POSTGRES         Npgsql connection string of an empty database "tuning" owned by role "tuning", which may
#                           create roles (the privilege tests make roles that may only read, or not use, the tables)
#   TUNING_POSTGRES_PGDATA  the server's data directory (the fault tests restart the server with pg_ctl)
#   TUNING_POSTGRES_PGBIN   the directory holding pg_ctl
# The server stops when the sourcing shell exits (appended to any EXIT trap already set).
# Set TUNING_POSTGRES_PORT to use another port than 55432. Needs root (initdb runs as user postgres).

tuning_pg_start() {
  local pgbin pgdata port
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ ! -x "$pgbin/initdb" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  port=${TUNING_POSTGRES_PORT:-55432}
  pgdata=$(mktemp -d /tmp/tuning-pg.XXXXXX) || return 1
  chown postgres:postgres "$pgdata"
  runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  # 200 connections: the concurrency tests run 16 worker processes, each with a small pool.
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pgdata -c max_connections=200" start >/dev/null || return 1
  runuser -u postgres -- "$pgbin/psql" -h "$pgdata" -p "$port" -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE tuning LOGIN CREATEROLE PASSWORD 'tuning'" -c "CREATE DATABASE tuning OWNER tuning" || return 1
  export TUNING_POSTGRES="Host=127.0.0.1;Port=$port;Database=tuning;Username=tuning;Password=tuning"
  export TUNING_POSTGRES_PGDATA="$pgdata"
  export TUNING_POSTGRES_PGBIN="$pgbin"
  local stop="runuser -u postgres -- '$pgbin/pg_ctl' -D '$pgdata' -m fast -w stop >/dev/null 2>&1; rm -rf '$pgdata'"
  local previous
  previous=$(trap -p EXIT)
  previous=${previous% EXIT}
  eval "previous=${previous#trap -- }"   # unquotes the command exactly as trap -p quoted it
  if [ -n "$previous" ]; then
    # shellcheck disable=SC2064
    trap "$stop; $previous" EXIT
  else
    # shellcheck disable=SC2064
    trap "$stop" EXIT
  fi
}

tuning_pg_start || { echo "start-postgres.sh: could not start PostgreSQL" >&2; return 1 2>/dev/null || exit 1; }
unset -f tuning_pg_start
