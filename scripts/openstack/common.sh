# shellcheck shell=bash disable=SC2034
# common.sh - shared settings for up.sh / down.sh / smoke.sh (sourced, not executed)
# Everything (config, data, logs, pids) lives under $OS_DIR.
OS_DIR=${OS_DIR:-/tmp/openstack}
OS_ETC=$OS_DIR/etc
OS_LOG=$OS_DIR/log
OS_RUN=$OS_DIR/run
OS_DATA=$OS_DIR/data
OS_STATE=$OS_DIR/state

OS_HOST=127.0.0.1                 # every listener binds here, nothing else
OS_NODE=${OS_NODE:-os-local}      # nova/cinder/neutron "host" name (not resolved)
OS_NODE2=${OS_NODE2:-$OS_NODE-2}  # the second nova-compute host (a live-migration target)
OS_REGION=${OS_REGION:-RegionOne}
OS_ADMIN_PASSWORD=${OS_ADMIN_PASSWORD:-secret}
OS_DEMO_PASSWORD=${OS_DEMO_PASSWORD:-demo-secret}
OS_SERVICE_PASSWORD=${OS_SERVICE_PASSWORD:-service-secret}
OS_DB_PASSWORD=${OS_DB_PASSWORD:-db-secret}
OS_CORS_ORIGIN=${OS_CORS_ORIGIN:-*}
ENABLE_CINDER=${ENABLE_CINDER:-1}
ENABLE_OCTAVIA=${ENABLE_OCTAVIA:-1}

# Yuntu's copy defaults to alternate ports, because the development machines already run their own
# MariaDB/RabbitMQ on the standard ones. Override with the standard ones (3306, 5672, 4369, 25672) if free.
# Use a fresh OS_DIR when changing ports: nova stores its cell database URLs (with the port) at the first start.
PORT_MYSQL=${OS_MYSQL_PORT:-13306}
PORT_RABBIT=${OS_RABBIT_PORT:-15673}
PORT_EPMD=${OS_EPMD_PORT:-14369}
PORT_RABBIT_DIST=${OS_RABBIT_DIST_PORT:-25673}
PORT_KEYSTONE=5000
PORT_GLANCE=9292
PORT_PLACEMENT=8778
PORT_NOVA=8774
PORT_NEUTRON=9696
PORT_CINDER=8776
PORT_OCTAVIA=9876

KEYSTONE_URL=http://$OS_HOST:$PORT_KEYSTONE/v3
PY=/usr/bin/python3               # Debian's python (a pyenv shim may shadow python3)
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH

log()  { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die()  { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# pid_alive NAME -> 0 if the process recorded in $OS_RUN/NAME.pid is alive
pid_alive() {
  local f=$OS_RUN/$1.pid pid
  [ -s "$f" ] || return 1
  pid=$(cat "$f")
  kill -0 "$pid" 2>/dev/null
}

# port_open PORT -> 0 if something listens on 127.0.0.1:PORT
port_open() { (exec 3<>"/dev/tcp/$OS_HOST/$1") 2>/dev/null; }
