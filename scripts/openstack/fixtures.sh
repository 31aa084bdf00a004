#!/usr/bin/env bash
# fixtures.sh - idempotently give the loopback cloud what Yuntu's tests expect (the simulator's demo seed has the
# same things): flavors s1.small/s1.medium/s1.large, a tiny public image "cirros" (fake bytes: the fake hypervisor
# never reads them), an external network "ext-net" with an IPv4 and an IPv6 subnet (floating/public IPs come from it), and a network
# with a subnet in the demo project (a new tenant's network, as the console's createProject also gives).
# Uses the admin credentials from the environment (OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, ...), with the
# loopback defaults of common.sh; needs no openrc, so it works whatever OS_DIR the cloud was started with.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"
export OS_AUTH_URL=${OS_AUTH_URL:-$KEYSTONE_URL} OS_USERNAME=${OS_USERNAME:-admin} OS_PASSWORD=${OS_PASSWORD:-$OS_ADMIN_PASSWORD}
export OS_PROJECT_NAME=${OS_PROJECT_NAME:-admin} OS_USER_DOMAIN_NAME=${OS_USER_DOMAIN_NAME:-Default} OS_PROJECT_DOMAIN_NAME=${OS_PROJECT_DOMAIN_NAME:-Default}
export OS_IDENTITY_API_VERSION=3 OS_REGION_NAME=${OS_REGION_NAME:-$OS_REGION} OS_INTERFACE=${OS_INTERFACE:-public}
unset OS_CLOUD

exists() { openstack "$@" >/dev/null 2>&1; }

for spec in "s1.small 1 1024 10" "s1.medium 2 2048 20" "s1.large 4 8192 40"; do
  set -- $spec
  exists flavor show "$1" || { openstack flavor create --id "$1" --vcpus "$2" --ram "$3" --disk "$4" --public "$1" >/dev/null; log "flavor $1"; }
done

# A second volume type on the same (fake) backend, so a volume can be retyped (tests/http/volume-types.test.ts).
exists volume type show ssd || { openstack volume type create --property volume_backend_name=fake --description "SSD (a second type on the same backend)" ssd >/dev/null; log "volume type ssd"; }

if [ -z "$(openstack image list --name cirros --status active -f value -c ID)" ]; then
  tmp=$(mktemp); head -c 1048576 /dev/zero >"$tmp"
  openstack image create --public --disk-format qcow2 --container-format bare --property architecture=x86_64 --file "$tmp" cirros >/dev/null
  rm -f "$tmp"; log "image cirros"
fi

# The external network is "ext-net" with an IPv4 and an IPv6 subnet, as in the simulator's demo seed (the HTTP
# tests name it). Earlier versions of this script called it "public": renamed in place, keeping its addresses.
if ! exists network show ext-net; then
  if exists network show public; then
    openstack network set --name ext-net public; log "network public renamed ext-net"
  else
    openstack network create --external --share --provider-network-type flat --provider-physical-network physnet1 ext-net >/dev/null 2>&1 \
      || openstack network create --external ext-net >/dev/null
    log "network ext-net"
  fi
fi
ext_cidrs=$(openstack subnet list --network ext-net -f value -c Subnet)
grep -qx 203.0.113.0/24 <<<"$ext_cidrs" || { openstack subnet create --network ext-net --subnet-range 203.0.113.0/24 --no-dhcp --gateway 203.0.113.1 ext-net-v4 >/dev/null; log "subnet ext-net-v4"; }
grep -qx 2001:db8:100::/64 <<<"$ext_cidrs" || { openstack subnet create --network ext-net --ip-version 6 --subnet-range 2001:db8:100::/64 --no-dhcp ext-net-v6 >/dev/null; log "subnet ext-net-v6"; }

demo=$(openstack project show demo -f value -c id)
# Each lookup is its own command substitution, so a failing CLI call stops the script (set -e) instead of
# reading as "missing" and creating a second demo-net.
nets=$(openstack network list --project "$demo" --name demo-net -f value -c ID)
if [ -z "$nets" ]; then
  openstack network create --project "$demo" demo-net >/dev/null; log "network demo-net"
  nets=$(openstack network list --project "$demo" --name demo-net -f value -c ID)
fi
net=$(head -n1 <<<"$nets")
subnets=$(openstack subnet list --network "$net" -f value -c Name)
if ! grep -qx demo-subnet <<<"$subnets"; then
  openstack subnet create --project "$demo" --network "$net" --subnet-range 10.0.0.0/24 demo-subnet >/dev/null
  log "subnet demo-subnet"
fi
# Test projects (named t-* by tests/http's newTenant, bench-os-* by bench/openstack.mjs) keep their floating IPs
# and routers after a run. Each holds an address of the external network: free them, or a few runs exhaust it.
token=$(openstack token issue -f value -c id)
neutron=$(openstack endpoint list --service network --interface public -f value -c URL | head -n1)
neutron=${neutron%/}/v2.0
projects=$(openstack project list -f value -c ID -c Name | awk '$2 ~ /^(t|bench-os)-/ {print $1}')
if [ -n "$projects" ]; then
  n=0
  for id in $(openstack floating ip list -f value -c ID -c Project | grep -Fwf <(echo "$projects") | cut -d' ' -f1); do
    curl -fsS -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$neutron/floatingips/$id" && n=$((n + 1))
  done
  r=0
  for id in $(openstack router list -f value -c ID -c Project | grep -Fwf <(echo "$projects") | cut -d' ' -f1); do
    curl -fsS -o /dev/null -X PUT -H "X-Auth-Token: $token" -H 'Content-Type: application/json' -d '{"router": {"external_gateway_info": null}}' "$neutron/routers/$id" && r=$((r + 1))
  done
  log "test projects: $n floating IPs deleted, $r router gateways cleared"
fi
# External networks the HTTP tests create as admin and leave (the simulator starts each run empty; this cloud
# does not): every project sees them, so they would pile up in its network list run after run.
x=0
for id in $(openstack network list --external -f value -c ID -c Name | awk '$2 ~ /^(fip-ext|fip-tiny|ext-test|ext-busy)-t-/ {print $1}'); do
  for f in $(openstack floating ip list --network "$id" -f value -c ID); do curl -fsS -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$neutron/floatingips/$f" || true; done
  curl -fsS -o /dev/null -X DELETE -H "X-Auth-Token: $token" "$neutron/networks/$id" && x=$((x + 1))
done
[ "$x" = 0 ] || log "$x external networks left by earlier test runs deleted"
log "fixtures ready"
