#!/usr/bin/env bash
# horizon.sh - Debian's Horizon (openstack-dashboard, Zed) on the loopback cloud, for bench/horizon.mjs:
# apache2 + mod_wsgi on 127.0.0.1:$HORIZON_PORT only (default 8088), at http://127.0.0.1:$HORIZON_PORT/.
#
#   bash scripts/openstack/horizon.sh         # install when missing, configure, start; idempotent
#   bash scripts/openstack/horizon.sh stop
#
# Apache runs from a configuration of its own (in $HORIZON_DIR), not Debian's /etc/apache2 sites, so nothing of
# the package's default site (port 80 on every address) is ever started. Sessions are signed cookies: the WSGI
# daemon has several processes, and Debian's default local-memory cache would lose a session between them.
set -Eeuo pipefail
PORT=${HORIZON_PORT:-8088}
DIR=${HORIZON_DIR:-/tmp/openstack/horizon}
KEYSTONE=${OS_AUTH_URL:-http://127.0.0.1:5000/v3}
log() { printf '[%s] horizon: %s\n' "$(date +%H:%M:%S)" "$*"; }
mkdir -p "$DIR/run" "$DIR/log"

if [ "${1:-}" = stop ]; then
  [ -f "$DIR/run/apache2.pid" ] && kill "$(cat "$DIR/run/apache2.pid")" 2>/dev/null || true
  log "stopped"
  exit 0
fi

if ! dpkg -s openstack-dashboard apache2 libapache2-mod-wsgi-py3 >/dev/null 2>&1; then
  log "installing openstack-dashboard, apache2 and mod_wsgi from Debian's packages"
  # Package scripts must not start apache2's default site: a policy-rc.d that says no, as up.sh does.
  had_policy=0
  [ -e /usr/sbin/policy-rc.d ] && { had_policy=1; cp -p /usr/sbin/policy-rc.d "$DIR/run/policy-rc.d.orig"; }
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    openstack-dashboard openstack-dashboard-apache apache2 libapache2-mod-wsgi-py3 >"$DIR/log/apt.log" 2>&1 ||
    { tail -n 30 "$DIR/log/apt.log" >&2; exit 1; }
  if [ "$had_policy" = 1 ]; then cp -p "$DIR/run/policy-rc.d.orig" /usr/sbin/policy-rc.d; else rm -f /usr/sbin/policy-rc.d; fi
fi

# Settings of this deployment, read by Horizon after Debian's own local_settings.d files.
cat >/etc/openstack-dashboard/local_settings.d/_9000_yuntu_bench.py <<EOF
# Written by yuntu scripts/openstack/horizon.sh: the loopback cloud.
OPENSTACK_HOST = "127.0.0.1"
OPENSTACK_KEYSTONE_URL = "$KEYSTONE"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# At the root of its own port: Debian's WEBROOT "/horizon" (no trailing slash) sends some requests to /auth, /i18n.
WEBROOT = "/"
LOGIN_URL = "/auth/login/"
LOGOUT_URL = "/auth/logout/"
LOGIN_REDIRECT_URL = "/"
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
OPENSTACK_KEYSTONE_DEFAULT_DOMAIN = "Default"
OPENSTACK_API_VERSIONS = {"identity": 3, "image": 2, "volume": 3, "compute": 2}
OPENSTACK_NEUTRON_NETWORK = {"enable_router": True, "enable_quotas": True, "enable_distributed_router": False,
                             "enable_ha_router": False, "enable_fip_topology_check": True}
EOF

# Debian compressed the CSS/JS offline for its own WEBROOT; compress again for this one (once per settings).
sum=$(md5sum /etc/openstack-dashboard/local_settings.d/_9000_yuntu_bench.py | cut -d' ' -f1)
if [ "$(cat "$DIR/run/compressed" 2>/dev/null)" != "$sum" ]; then
  log "compressing static files for WEBROOT /"
  (cd /usr/share/openstack-dashboard && /usr/bin/python3 manage.py collectstatic --noinput >"$DIR/log/collectstatic.log" 2>&1 &&
    /usr/bin/python3 manage.py compress --force >"$DIR/log/compress.log" 2>&1) ||
    { tail -n 20 "$DIR/log/collectstatic.log" "$DIR/log/compress.log" >&2 2>/dev/null; exit 1; }
  echo "$sum" >"$DIR/run/compressed"
fi
# manage.py, run as root above, may have created Horizon's secret key file root-only; the WSGI daemon (www-data)
# must read it, or every page is a 500 (PermissionError on .secret_key_store).
chown -R www-data /var/lib/openstack-dashboard/secret-key 2>/dev/null || true

modules=/usr/lib/apache2/modules
cat >"$DIR/apache2.conf" <<EOF
# apache2 for Horizon only, on 127.0.0.1:$PORT (written by scripts/openstack/horizon.sh)
ServerRoot /etc/apache2
ServerName 127.0.0.1
PidFile $DIR/run/apache2.pid
Mutex file:$DIR/run default
DefaultRuntimeDir $DIR/run
ErrorLog $DIR/log/error.log
LogLevel warn
User www-data
Group www-data
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule alias_module $modules/mod_alias.so
LoadModule mime_module $modules/mod_mime.so
LoadModule dir_module $modules/mod_dir.so
LoadModule headers_module $modules/mod_headers.so
LoadModule expires_module $modules/mod_expires.so
LoadModule deflate_module $modules/mod_deflate.so
LoadModule filter_module $modules/mod_filter.so
LoadModule wsgi_module $modules/mod_wsgi.so
TypesConfig /etc/mime.types
Listen 127.0.0.1:$PORT
LogFormat "%h %l %u %t \"%r\" %>s %b %D" timed
CustomLog $DIR/log/access.log timed
# As Debian's site: the WSGI daemon, static files served by apache with long cache lifetimes (so a warm page
# costs Horizon what it costs a user whose browser has them).
WSGIDaemonProcess horizon user=www-data group=www-data processes=2 threads=10 display-name=%{GROUP}
WSGIProcessGroup horizon
WSGIApplicationGroup %{GLOBAL}
Alias /static /var/lib/openstack-dashboard/static
Alias /horizon/static /var/lib/openstack-dashboard/static
WSGIScriptAlias / /usr/share/openstack-dashboard/wsgi.py
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory /usr/share/openstack-dashboard>
  Require all granted
</Directory>
<Directory /var/lib/openstack-dashboard/static>
  Require all granted
  ExpiresActive On
  ExpiresDefault "access plus 1 month"
</Directory>
AddOutputFilterByType DEFLATE text/html text/css application/javascript application/json
EOF

if [ -f "$DIR/run/apache2.pid" ] && kill -0 "$(cat "$DIR/run/apache2.pid")" 2>/dev/null; then
  kill -HUP "$(cat "$DIR/run/apache2.pid")"
  log "reloaded"
else
  chown www-data "$DIR/log" "$DIR/run"
  /usr/sbin/apache2 -f "$DIR/apache2.conf" -k start
  log "started"
fi
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 "http://127.0.0.1:$PORT/auth/login/" || true)
  if [ "$code" = 200 ]; then
    log "answers at http://127.0.0.1:$PORT/ (Keystone $KEYSTONE)"
    exit 0
  fi
  sleep 1
done
tail -n 30 "$DIR/log/error.log" >&2
log "not answering on 127.0.0.1:$PORT"
exit 1
