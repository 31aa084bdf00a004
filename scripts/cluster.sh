#!/usr/bin/env bash
# A Yuntu cluster on 127.0.0.1 for tests and benchmarks (docs/deploy.md describes the same setup for production):
# one PostgreSQL database, N replicas (`node scripts/serve.mjs` on the built .next) sharing it, a staging directory
# for uploads, an image directory and one secret key, and Debian's nginx in front of them terminating TLS with a
# self-signed certificate. nginx runs as the current user with its configuration in the cluster directory.
#
# Usage: scripts/cluster.sh start|stop|status|kill N|term N|restart N
#   CLUSTER_DIR       where everything lives (default /tmp/yuntu-cluster); `start` writes $CLUSTER_DIR/env
#   CLUSTER_REPLICAS  how many replicas (default 3)
#   CLUSTER_PORT      nginx's port (default 3430); replica i listens on CLUSTER_PORT + i
#   CLUSTER_DB        the database, created afresh by `start` (default yuntu_cluster)
# Every other variable of the caller's environment (SIM_SPEED, RATE_LIMIT_MAX, …) reaches the replicas.
# Requires `npx next build` first. Idempotent: `start` stops a cluster left running in the same directory first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${CLUSTER_DIR:-/tmp/yuntu-cluster}"
replicas="${CLUSTER_REPLICAS:-3}"
port="${CLUSTER_PORT:-3430}"
db="${CLUSTER_DB:-yuntu_cluster}"
log() { echo "[cluster] $*" >&2; }

nginx_bin() { command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }

ensure_nginx() {
  [ -n "$(nginx_bin)" ] && return
  log "installing nginx from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt-get may be running on a shared machine: wait for its lock rather than fail.
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq nginx >/dev/null 2>&1 ||
    (apt-get -o DPkg::Lock::Timeout=900 update -qq && apt-get -o DPkg::Lock::Timeout=900 install -y -qq nginx) >&2
  # The package starts a system nginx on port 80 (all addresses): this cluster needs none of it.
  if command -v systemctl >/dev/null && systemctl is-active -q nginx 2>/dev/null; then
    systemctl stop nginx || true
  fi
  [ -f /run/nginx.pid ] && kill "$(cat /run/nginx.pid)" 2>/dev/null || true
  [ -n "$(nginx_bin)" ] || { log "nginx could not be installed"; exit 1; }
}

replica_port() { echo $((port + $1)); }

stop_replica() {
  local pidfile="$dir/replica-$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

start_replica() {
  local i="$1" p
  p="$(replica_port "$i")"
  mkdir -p "$dir/replica-$i"
  # setsid: the replica outlives this script; the pid file is how `stop` and the tests find it.
  DATABASE_URL="$(cat "$dir/database-url")" \
    YUNTU_BACKEND=sim \
    YUNTU_SECRET_KEY="$(cat "$dir/secret.key")" \
    YUNTU_DATA_DIR="$dir/replica-$i" \
    YUNTU_UPLOAD_DIR="$dir/shared/uploads" \
    YUNTU_IMAGE_DIR="$dir/shared/images" \
    YUNTU_PUBLIC_ORIGIN="https://127.0.0.1:$port" \
    YUNTU_TRUSTED_PROXIES=127.0.0.1 \
    NODE_ENV=production \
    setsid node "$root/scripts/serve.mjs" -H 127.0.0.1 -p "$p" >>"$dir/replica-$i.log" 2>&1 </dev/null &
  echo $! >"$dir/replica-$i.pid"
}

wait_healthy() {
  local url="$1" what="$2"
  for _ in $(seq 1 600); do
    curl -fsk -o /dev/null "$url/api/v1/health" && return 0
    sleep 0.25
  done
  log "$what did not become healthy ($url)"
  return 1
}

write_nginx_conf() {
  local upstreams="" i
  for i in $(seq 1 "$replicas"); do
    upstreams+="    server 127.0.0.1:$(replica_port "$i") max_fails=1 fail_timeout=3s;"$'\n'
  done
  mkdir -p "$dir/nginx/tmp"
  cat >"$dir/nginx/nginx.conf" <<CONF
# Written by scripts/cluster.sh (docs/deploy.md explains each setting).
worker_processes 1;
daemon on;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/tmp/body;
  proxy_temp_path $dir/nginx/tmp/proxy;
  fastcgi_temp_path $dir/nginx/tmp/fastcgi;
  uwsgi_temp_path $dir/nginx/tmp/uwsgi;
  scgi_temp_path $dir/nginx/tmp/scgi;

  upstream yuntu {
$upstreams    keepalive 64;
  }

  server {
    listen 127.0.0.1:$port ssl;
    server_name 127.0.0.1 localhost;
    ssl_certificate $dir/cert/cert.pem;
    ssl_certificate_key $dir/cert/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;

    # JSON bodies are small: 10 MiB is far above any operation's input. Uploads have their own location below.
    client_max_body_size 10m;

    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$http_host;
    # nginx is the edge: the client is the socket's peer, whatever X-Forwarded-For the client sent.
    proxy_set_header X-Forwarded-For \$remote_addr;
    proxy_set_header X-Forwarded-Proto \$scheme;
    proxy_set_header X-Forwarded-Host \$http_host;
    # Server-sent events and long responses go out as they are written.
    proxy_buffering off;
    proxy_read_timeout 1h;
    proxy_connect_timeout 2s;
    # A replica that is down or does not answer: the request goes to the next one. nginx retries only idempotent
    # methods this way (never a POST or PATCH: their clients retry, with the same Idempotency-Key or Upload-Offset).
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 3;
    proxy_next_upstream_timeout 10s;

    location /api/v1/uploads {
      # tus PATCH bodies stream straight to a replica (no copy in nginx's temp files); the console caps uploads.
      client_max_body_size 0;
      proxy_request_buffering off;
      proxy_pass http://yuntu;
    }
    location / {
      proxy_pass http://yuntu;
    }
  }
}
CONF
}

start() {
  [ -f "$root/${NEXT_DIST_DIR:-.next}/BUILD_ID" ] || { log "no production build: run npx next build first"; exit 1; }
  ensure_nginx
  stop_all
  mkdir -p "$dir/shared/uploads" "$dir/shared/images" "$dir/cert"
  bash "$root/scripts/ensure-postgres.sh" "$db" >"$dir/database-url"
  [ -f "$dir/secret.key" ] || openssl rand -hex 32 >"$dir/secret.key"
  if [ ! -f "$dir/cert/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$dir/cert/key.pem" -out "$dir/cert/cert.pem" >/dev/null 2>&1
  fi
  # The caller's settings for the replicas, kept so that `restart N` starts a replica exactly like the others.
  { compgen -e | grep -E '^(SIM_|RATE_LIMIT_|SIGN_IN_|TOKEN_TTL|LOG_LEVEL|DEMO_|YUNTU_|OPENSTACK_|HUAWEICLOUD_|SHANHE_|PUBLIC_CLOUD_)' || true; } |
    while read -r name; do declare -p "$name"; done | sed 's/^declare -x /export /; s/^declare -- /export /' >"$dir/replica-env.sh"
  # The first replica migrates and seeds the empty database alone; the others start on a ready schema.
  start_replica 1
  wait_healthy "http://127.0.0.1:$(replica_port 1)" "replica 1"
  local i
  for i in $(seq 2 "$replicas"); do start_replica "$i"; done
  for i in $(seq 2 "$replicas"); do wait_healthy "http://127.0.0.1:$(replica_port "$i")" "replica $i"; done
  write_nginx_conf
  "$(nginx_bin)" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" 2>/dev/null ||
    "$(nginx_bin)" -c "$dir/nginx/nginx.conf"
  wait_healthy "https://127.0.0.1:$port" "nginx"
  {
    echo "YUNTU_TEST_BASE_URL=https://127.0.0.1:$port"
    echo "NODE_EXTRA_CA_CERTS=$dir/cert/cert.pem"
    echo "CLUSTER_DIR=$dir"
    echo "CLUSTER_REPLICAS=$replicas"
    echo "CLUSTER_PORT=$port"
    echo "DATABASE_URL=$(cat "$dir/database-url")"
  } >"$dir/env"
  log "up: https://127.0.0.1:$port → $replicas replicas on $(replica_port 1)–$(replica_port "$replicas") (env in $dir/env)"
}

stop_all() {
  if [ -f "$dir/nginx/nginx.pid" ]; then
    local pid
    pid="$(cat "$dir/nginx/nginx.pid")"
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/nginx/nginx.pid"
  fi
  local f
  for f in "$dir"/replica-*.pid; do
    [ -e "$f" ] || continue
    f="${f##*/replica-}"
    stop_replica "${f%.pid}"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop_all ;;
  status)
    for f in "$dir"/replica-*.pid; do
      [ -e "$f" ] || continue
      if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$(basename "$f" .pid) up"; else echo "$(basename "$f" .pid) down"; fi
    done
    ;;
  # kill N: kill -9 replica N (the failure the cluster test injects); restart N: start it again.
  kill)
    kill -KILL "$(cat "$dir/replica-$2.pid")"
    rm -f "$dir/replica-$2.pid"
    ;;
  # term N: SIGTERM to replica N (a graceful stop: it drains, then exits); waits until it has gone.
  term)
    pid="$(cat "$dir/replica-$2.pid")"
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    rm -f "$dir/replica-$2.pid"
    ;;
  restart)
    # shellcheck disable=SC1091
    . "$dir/replica-env.sh"
    start_replica "$2"
    wait_healthy "http://127.0.0.1:$(replica_port "$2")" "replica $2"
    ;;
  *)
    echo "usage: $0 start|stop|status|kill N|term N|restart N" >&2
    exit 2
    ;;
esac
