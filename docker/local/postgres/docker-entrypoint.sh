#!/usr/bin/env bash
# Entry point of calsync-local/postgres, with the contract of the official postgres image's entry point that
# docker-compose.yml and Testcontainers' PostgreSQLContainer rely on:
# - `postgres [options]` (or just options) runs the server; any other command runs as given;
# - on an empty PGDATA: initdb with superuser POSTGRES_USER (postgres) and password POSTGRES_PASSWORD
#   (required unless POSTGRES_HOST_AUTH_METHOD=trust), database POSTGRES_DB (= the user), password
#   authentication (scram-sha-256) from every address, POSTGRES_INITDB_ARGS, the scripts in
#   /docker-entrypoint-initdb.d (*.sh, *.sql) run against a server listening on its socket only;
# - the server listens on every interface, port 5432. Its log says "database system is ready to accept
#   connections" twice on a first start (the initialising server, then the real one): PostgreSQLContainer
#   waits for the second.
set -euo pipefail

if [[ ${1:-} == -* ]]; then
  set -- postgres "$@"
fi
if [[ ${1:-} != postgres ]]; then
  exec "$@"
fi

export PGDATA=${PGDATA:-/var/lib/postgresql/data}
if [[ $(id -u) == 0 ]]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  if [[ -z ${POSTGRES_PASSWORD:-} && ${POSTGRES_HOST_AUTH_METHOD:-} != trust ]]; then
    echo "error: the database is not initialised and POSTGRES_PASSWORD is not set (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  user=${POSTGRES_USER:-postgres}
  database=${POSTGRES_DB:-$user}
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS holds several options
  initdb --username="$user" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") ${POSTGRES_INITDB_ARGS:-} -D "$PGDATA"
  printf '\nlisten_addresses = '"'*'"'\n' >>"$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"

  # the initialising server: socket only, so nobody connects before the database is ready
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  psql=(psql -v ON_ERROR_STOP=1 --username "$user" --no-password --no-psqlrc)
  if [[ $database != postgres ]]; then
    "${psql[@]}" --dbname postgres --set database="$database" <<<'CREATE DATABASE :"database";'
  fi
  for script in /docker-entrypoint-initdb.d/*; do
    case $script in
      *.sh) echo "running $script"; . "$script" ;;
      *.sql) echo "running $script"; "${psql[@]}" --dbname "$database" -f "$script" ;;
      *) [[ -e $script ]] && echo "ignoring $script" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  echo "PostgreSQL init process complete; ready for start up."
fi

exec "$@"
