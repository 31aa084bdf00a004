#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 and creates a fresh, empty database for a test run.
# Idempotent: uses the running server when there is one, starts an installed one, installs Debian's otherwise.
# Usage: scripts/ensure-postgres.sh DBNAME   → prints the DATABASE_URL on stdout.
set -euo pipefail
db="${1:-yuntu_test}"
host=127.0.0.1
port="${PGPORT:-5432}"
user="${PGUSER:-postgres}"
log() { echo "[ensure-postgres] $*" >&2; }

ready() { command -v pg_isready >/dev/null && pg_isready -q -h "$host" -p "$port"; }

if ! ready; then
  if ! command -v pg_ctlcluster >/dev/null; then
    log "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) >&2
  fi
  version=$(ls /etc/postgresql | sort -V | tail -1)
  conf="/etc/postgresql/$version/main"
  # Loopback only, and trust for local test connections (this server holds nothing but throwaway test data).
  if ! grep -q "yuntu-test" "$conf/pg_hba.conf" 2>/dev/null; then
    sed -i '1i host all all 127.0.0.1/32 trust # yuntu-test' "$conf/pg_hba.conf"
  fi
  sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "$conf/postgresql.conf"
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
  ready || { log "PostgreSQL did not start"; exit 1; }
fi

psql -q -h "$host" -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1 >&2 <<SQL
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid();
DROP DATABASE IF EXISTS "$db";
CREATE DATABASE "$db";
SQL
echo "postgres://$user@$host:$port/$db"
