#!/usr/bin/env bash
# (storctl copy of the shared testbed recipe: the integration suite must not depend on ../shared.)
# openstack-up.sh - bring up a REAL single-node OpenStack testbed (Keystone,
# Swift, Cinder [+ optional Nova flavors API]) from Debian 12 packages, on
# loopback only (127.0.0.1).  No systemd, no Docker.
#
# Idempotent: installs missing packages, (re)writes configs under
# $TESTBED_DIR (default /tmp/openstack-testbed), starts every service in the
# background (each in its own process group, pid recorded in
# $TESTBED_DIR/pids), waits until each answers, and prints the environment a
# client needs (also written to $TESTBED_DIR/env.sh).
# Stop with openstack-down.sh (kills only the recorded pids/process groups).
#
# Knobs (environment):
#   TESTBED_DIR=/tmp/openstack-testbed
#   TESTBED_RESET=1      wipe $TESTBED_DIR state (dbs, rings, objects) first
#   TESTBED_CINDER_VOLUME=1  run cinder-volume with Cinder's in-tree fake
#                        driver so volumes reach 'available' (0: only api +
#                        scheduler, volumes end in 'error')
#   TESTBED_NOVA=1       also run nova-api (flavors only); 0 to skip
#   TESTBED_NO_INSTALL=1 never call apt-get
set -euo pipefail

TESTBED_DIR=${TESTBED_DIR:-/tmp/openstack-testbed}
TESTBED_CINDER_VOLUME=${TESTBED_CINDER_VOLUME:-1}
TESTBED_NOVA=${TESTBED_NOVA:-1}
# pyenv shims etc. must not shadow Debian's python3 (the packages live there)
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV || true
PY=/usr/bin/python3
HOST=127.0.0.1

KS_PORT=5000 SWIFT_PORT=8080 CINDER_PORT=8776 NOVA_PORT=8774
OBJ_PORT=6200 CONT_PORT=6201 ACCT_PORT=6202
MEMCACHED_PORT=11211 RABBIT_PORT=5672 EPMD_PORT=4369 RABBIT_DIST_PORT=25672

ADMIN_PASS=${TESTBED_ADMIN_PASS:-adminpass}
DEMO_PASS=${TESTBED_DEMO_PASS:-demopass}
SERVICE_PASS=${TESTBED_SERVICE_PASS:-servicepass}
RABBIT_PASS=${TESTBED_RABBIT_PASS:-rabbitpass}
REGION=RegionOne

PKGS="keystone swift swift-proxy swift-account swift-container swift-object
cinder-api cinder-scheduler python3-openstackclient python3-swiftclient
python3-cinderclient memcached rabbitmq-server uwsgi-core uwsgi-plugin-python3 curl"
[ "$TESTBED_NOVA" = 1 ] && PKGS="$PKGS nova-api"

log() { printf '[openstack-up %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
T0=$(date +%s.%N)

[ "$(id -u)" = 0 ] || die "must run as root"

# ---------------------------------------------------------------- packages
install_packages() {
  local missing=() p
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "${TESTBED_NO_INSTALL:-0}" = 1 ] && die "missing packages: ${missing[*]}"
  log "installing: ${missing[*]}"
  # never let maintainer scripts start daemons
  local prc=/usr/sbin/policy-rc.d created=0
  if [ ! -e $prc ]; then printf '#!/bin/sh\nexit 101\n' >$prc; chmod +x $prc; created=1; fi
  local t=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef \
        -o Dpkg::Options::=--force-confold "${missing[@]}" >"/tmp/openstack-testbed-apt.log" 2>&1; then
    apt-get update -q -o DPkg::Lock::Timeout=600 >>"/tmp/openstack-testbed-apt.log" 2>&1 || true
    apt-get install -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef \
        -o Dpkg::Options::=--force-confold "${missing[@]}" >>"/tmp/openstack-testbed-apt.log" 2>&1 \
      || { [ $created = 1 ] && rm -f $prc; die "apt-get failed, see /tmp/openstack-testbed-apt.log"; }
  fi
  [ $created = 1 ] && rm -f $prc
  log "packages installed in $(( $(date +%s) - t ))s"
}
install_packages

# Swift reads /etc/swift/swift.conf unconditionally (hash prefix/suffix and
# storage policies); Debian ships one with 'changeme' values, which is fine.
if ! grep -q '^swift_hash_path_suffix' /etc/swift/swift.conf 2>/dev/null; then
  mkdir -p /etc/swift
  cat >/etc/swift/swift.conf <<'EOF'
[swift-hash]
swift_hash_path_suffix = changeme
swift_hash_path_prefix = changeme
[storage-policy:0]
name = Policy-0
default = yes
EOF
fi

# ---------------------------------------------------------------- helpers
D=$TESTBED_DIR
PIDS=$D/pids
LOGS=$D/logs

port_busy() { (exec 3<>/dev/tcp/$HOST/$1) 2>/dev/null; }

pid_alive() { # name -> 0 if the recorded process is still ours and alive
  local f=$PIDS/$1.pid pid st
  [ -f "$f" ] || return 1
  read -r pid st <"$f" || return 1
  [ -d /proc/$pid ] || return 1
  [ "$(awk '{print $22}' /proc/$pid/stat 2>/dev/null)" = "$st" ]
}

start_bg() { # name cmd... : start in its own session/process group, record pid
  local name=$1; shift
  if pid_alive "$name"; then log "$name already running (pid $(cut -d' ' -f1 $PIDS/$name.pid))"; return 0; fi
  setsid "$@" >>"$LOGS/$name.out" 2>&1 </dev/null &
  local pid=$!
  local st=""
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    st=$(awk '{print $22}' /proc/$pid/stat 2>/dev/null || true); [ -n "$st" ] && break; sleep 0.05
  done
  echo "$pid $st" >"$PIDS/$name.pid"
  echo "$name" >>"$PIDS/order"
  log "started $name pid $pid"
}

wait_http() { # name url [timeout] : until an HTTP status line comes back
  local name=$1 url=$2 to=${3:-60} i=0
  while [ $i -lt $((to * 5)) ]; do
    if curl -s -o /dev/null -m 2 --noproxy '*' "$url"; then return 0; fi
    pid_alive "$name" || { tail -n 30 "$LOGS/$name.out" >&2; die "$name died (log: $LOGS/$name.out)"; }
    sleep 0.2; i=$((i + 1))
  done
  tail -n 30 "$LOGS/$name.out" >&2; die "$name did not answer at $url within ${to}s"
}

wait_port() { # name port [timeout]
  local name=$1 port=$2 to=${3:-60} i=0
  while [ $i -lt $((to * 5)) ]; do
    port_busy "$port" && return 0
    pid_alive "$name" || { tail -n 30 "$LOGS/$name.out" >&2; die "$name died (log: $LOGS/$name.out)"; }
    sleep 0.2; i=$((i + 1))
  done
  die "$name did not listen on $port within ${to}s"
}

sqlite_wal() { # SQLite in rollback-journal mode + pysqlite leaks SHARED locks
  # (an idle uwsgi/eventlet worker then blocks every writer: "database is
  # locked").  WAL mode (persistent in the db file) lets readers and a writer
  # coexist.
  $PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("PRAGMA journal_mode=WAL").fetchone()[0]); c.close()' "$1" >/dev/null
}

check_port_free() { # name port
  if ! pid_alive "$1" && port_busy "$2"; then
    die "port $HOST:$2 (for $1) is already in use by a process this script did not start"
  fi
}

if [ "${TESTBED_RESET:-0}" = 1 ] && [ -d "$D" ]; then
  for f in "$PIDS"/*.pid; do
    [ -e "$f" ] && pid_alive "$(basename "$f" .pid)" && die "testbed in $D is running; run openstack-down.sh first"
  done
  log "TESTBED_RESET=1: wiping $D"
  rm -rf "$D"
fi
mkdir -p "$D" "$PIDS" "$LOGS"

for pair in memcached:$MEMCACHED_PORT epmd:$EPMD_PORT rabbitmq:$RABBIT_PORT keystone:$KS_PORT \
            swift-object:$OBJ_PORT swift-container:$CONT_PORT swift-account:$ACCT_PORT \
            swift-proxy:$SWIFT_PORT cinder-api:$CINDER_PORT; do
  [ "${pair%%:*}" = epmd ] && continue   # a foreign epmd is fine to share
  check_port_free "${pair%%:*}" "${pair##*:}"
done
[ "$TESTBED_NOVA" = 1 ] && check_port_free nova-api $NOVA_PORT

# ---------------------------------------------------------------- memcached
start_bg memcached /usr/bin/memcached -u root -l $HOST -p $MEMCACHED_PORT -U 0 -m 64 -c 1024
wait_port memcached $MEMCACHED_PORT 20

# ---------------------------------------------------------------- rabbitmq
# Needed so cinder-api, cinder-scheduler (and cinder-volume) can talk.
RD=$D/rabbitmq
mkdir -p "$RD/mnesia" "$RD/log"
[ -f "$RD/.erlang.cookie" ] || { head -c 20 /dev/urandom | md5sum | cut -c1-20 >"$RD/.erlang.cookie"; chmod 400 "$RD/.erlang.cookie"; }
cat >"$RD/rabbitmq.conf" <<EOF
listeners.tcp.1 = $HOST:$RABBIT_PORT
loopback_users = none
# created (with full rights on vhost /) when the node's database is new
default_user = openstack
default_pass = $RABBIT_PASS
EOF
echo '[].' >"$RD/enabled_plugins"
# Erlang would otherwise spawn a detached epmd we could not track by pid.
if ! port_busy $EPMD_PORT; then
  start_bg epmd /usr/bin/epmd -address $HOST -port $EPMD_PORT
  wait_port epmd $EPMD_PORT 10
fi
start_bg rabbitmq env HOME="$RD" RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=$HOST \
    RABBITMQ_NODE_PORT=$RABBIT_PORT RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT \
    ERL_EPMD_ADDRESS=$HOST ERL_EPMD_PORT=$EPMD_PORT \
    RABBITMQ_CONFIG_FILE="$RD/rabbitmq.conf" RABBITMQ_MNESIA_BASE="$RD/mnesia" \
    RABBITMQ_LOG_BASE="$RD/log" RABBITMQ_ENABLED_PLUGINS_FILE="$RD/enabled_plugins" \
    RABBITMQ_PID_FILE="$RD/rabbit.pid" RABBITMQ_USE_LONGNAME=false \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    /usr/lib/rabbitmq/bin/rabbitmq-server

# ---------------------------------------------------------------- swift
SD=$D/swift
mkdir -p "$SD/srv/d1" "$SD/cache" "$SD/run"
swift_common() { # port workers
cat <<EOF
[DEFAULT]
bind_ip = $HOST
bind_port = $1
workers = $2
user = root
swift_dir = $SD
devices = $SD/srv
mount_check = false
disable_fallocate = true
recon_cache_path = $SD/cache
log_level = INFO
# no /dev/log here: swift's syslog handler would fall back to UDP localhost:514
# anyway; make that explicit (nothing listens, datagrams are dropped). The
# same lines reach $LOGS/swift-*.out through -v.
log_udp_host = $HOST
log_udp_port = 514
EOF
}
{ swift_common $ACCT_PORT 0; cat <<EOF
[pipeline:main]
pipeline = healthcheck recon account-server
[app:account-server]
use = egg:swift#account
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:recon]
use = egg:swift#recon
recon_cache_path = $SD/cache
[account-replicator]
[account-auditor]
[account-reaper]
EOF
} >"$SD/account-server.conf"
{ swift_common $CONT_PORT 0; cat <<EOF
[pipeline:main]
pipeline = healthcheck recon container-server
[app:container-server]
use = egg:swift#container
allow_versions = true
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:recon]
use = egg:swift#recon
recon_cache_path = $SD/cache
[container-replicator]
[container-updater]
# Swift's default is 300 s. Each pass forks and imports swift again: at 5 s the two
# updaters kept ~30% of this 2-core machine busy while idle, skewing every benchmark.
interval = 60
concurrency = 1
[container-auditor]
[container-sync]
[container-sharder]
EOF
} >"$SD/container-server.conf"
{ swift_common $OBJ_PORT 0; cat <<EOF
[pipeline:main]
pipeline = healthcheck recon object-server
[app:object-server]
use = egg:swift#object
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:recon]
use = egg:swift#recon
recon_cache_path = $SD/cache
[object-replicator]
[object-reconstructor]
[object-updater]
interval = 60
concurrency = 1
[object-auditor]
EOF
} >"$SD/object-server.conf"
{ swift_common $SWIFT_PORT 1; cat <<EOF
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats container_sync bulk tempurl formpost authtoken keystoneauth tempauth copy container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = $HOST:$MEMCACHED_PORT
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:container_sync]
use = egg:swift#container_sync
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:formpost]
use = egg:swift#formpost

# Keystone (v3 tokens) for accounts AUTH_<project_id>
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
www_authenticate_uri = http://$HOST:$KS_PORT
auth_url = http://$HOST:$KS_PORT
auth_type = password
project_domain_id = default
user_domain_id = default
project_name = service
username = swift
password = $SERVICE_PASS
delay_auth_decision = True
memcached_servers = $HOST:$MEMCACHED_PORT
service_token_roles_required = True

[filter:keystoneauth]
use = egg:swift#keystoneauth
reseller_prefix = AUTH_
operator_roles = admin, member
# read-only access (GET/HEAD) for the 'reader' role
project_reader_roles = reader
reseller_admin_role = ResellerAdmin

# TempAuth (v1 auth, GET /auth/v1.0) for accounts TEMPAUTH_<account>.
# It must come after keystoneauth and use a different reseller prefix.
[filter:tempauth]
use = egg:swift#tempauth
reseller_prefix = TEMPAUTH
token_life = 86400
user_admin_admin = admin .admin .reseller_admin
user_test_tester = testing .admin
user_test_tester2 = testing2
user_test_tester3 = testing3
user_test2_tester2 = testing2 .admin

[filter:copy]
use = egg:swift#copy
[filter:container-quotas]
use = egg:swift#container_quotas
[filter:account-quotas]
use = egg:swift#account_quotas
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
allow_object_versioning = true
[filter:symlink]
use = egg:swift#symlink
EOF
} >"$SD/proxy-server.conf"

if [ ! -f "$SD/object.ring.gz" ]; then
  log "swift: building rings (1 replica, part power 10)"
  # same as swift-ring-builder create 10 1 1 / add r1z1-IP:PORT/d1 100 / rebalance
  ( cd "$SD" && $PY - $HOST $ACCT_PORT $CONT_PORT $OBJ_PORT <<'PYEOF'
import sys
from swift.common.ring import RingBuilder
host = sys.argv[1]
for name, port in zip(('account', 'container', 'object'), sys.argv[2:5]):
    b = RingBuilder(10, 1, 1)
    b.add_dev({'id': 0, 'region': 1, 'zone': 1, 'ip': host, 'port': int(port),
               'replication_ip': host, 'replication_port': int(port),
               'device': 'd1', 'weight': 100, 'meta': ''})
    b.rebalance()
    b.save(name + '.builder')
    b.get_ring().save(name + '.ring.gz')
PYEOF
  ) || die "ring building failed"
fi
start_bg swift-account /usr/bin/swift-account-server "$SD/account-server.conf" -v
start_bg swift-container /usr/bin/swift-container-server "$SD/container-server.conf" -v
start_bg swift-object /usr/bin/swift-object-server "$SD/object-server.conf" -v
start_bg swift-container-updater /usr/bin/swift-container-updater "$SD/container-server.conf" -v
start_bg swift-object-updater /usr/bin/swift-object-updater "$SD/object-server.conf" -v

# ---------------------------------------------------------------- cinder
CD=$D/cinder
CCONF=$CD/cinder.conf
mkdir -p "$CD/state" "$CD/lock" "$CD/volumes"
cp /etc/cinder/api-paste.ini "$CD/api-paste.ini"
cat >"$CCONF" <<EOF
[DEFAULT]
debug = false
log_dir = $LOGS
state_path = $CD/state
api_paste_config = $CD/api-paste.ini
auth_strategy = keystone
transport_url = rabbit://openstack:$RABBIT_PASS@$HOST:$RABBIT_PORT/
my_ip = $HOST
host = testbed
osapi_volume_listen = $HOST
osapi_volume_listen_port = $CINDER_PORT
osapi_volume_workers = 1
graceful_shutdown_timeout = 10
glance_api_servers = http://$HOST:9292
enabled_backends = fake
default_volume_type = __DEFAULT__
volumes_dir = $CD/volumes
rootwrap_config = /etc/cinder/rootwrap.conf
[database]
connection = sqlite:///$CD/cinder.db
[fake]
volume_driver = cinder.tests.fake_driver.FakeLoggingVolumeDriver
volume_backend_name = fake
[keystone_authtoken]
www_authenticate_uri = http://$HOST:$KS_PORT
auth_url = http://$HOST:$KS_PORT
auth_type = password
project_domain_id = default
user_domain_id = default
project_name = service
username = cinder
password = $SERVICE_PASS
memcached_servers = $HOST:$MEMCACHED_PORT
service_token_roles_required = True
[oslo_concurrency]
lock_path = $CD/lock
[oslo_messaging_notifications]
driver = noop
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
[nova]
auth_url = http://$HOST:$KS_PORT
auth_type = password
project_domain_id = default
user_domain_id = default
project_name = service
username = nova
password = $SERVICE_PASS
region_name = $REGION
EOF
BG_JOBS=()
if [ ! -f "$CD/.dbsynced" ]; then
  log "cinder: db sync (background)"
  ( cinder-manage --config-file "$CCONF" db sync >>"$LOGS/cinder-manage.out" 2>&1 && touch "$CD/.dbsynced" ) &
  BG_JOBS+=("$!:cinder db sync")
fi

# ---------------------------------------------------------------- nova (flavors only)
if [ "$TESTBED_NOVA" = 1 ]; then
  ND=$D/nova
  NCONF=$ND/nova.conf
  mkdir -p "$ND/state" "$ND/lock"
  cp /etc/nova/api-paste.ini "$ND/api-paste.ini"
  cat >"$NCONF" <<EOF
[DEFAULT]
debug = false
log_dir = $LOGS
state_path = $ND/state
my_ip = $HOST
host = testbed
transport_url = rabbit://openstack:$RABBIT_PASS@$HOST:$RABBIT_PORT/
osapi_compute_listen = $HOST
osapi_compute_listen_port = $NOVA_PORT
osapi_compute_workers = 1
graceful_shutdown_timeout = 10
enabled_apis = osapi_compute
[wsgi]
api_paste_config = $ND/api-paste.ini
[api_database]
connection = sqlite:///$ND/nova_api.db
[database]
connection = sqlite:///$ND/nova.db
[api]
auth_strategy = keystone
[keystone_authtoken]
www_authenticate_uri = http://$HOST:$KS_PORT
auth_url = http://$HOST:$KS_PORT
auth_type = password
project_domain_id = default
user_domain_id = default
project_name = service
username = nova
password = $SERVICE_PASS
memcached_servers = $HOST:$MEMCACHED_PORT
service_token_roles_required = True
[oslo_concurrency]
lock_path = $ND/lock
[oslo_messaging_notifications]
driver = noop
[placement]
auth_url = http://$HOST:$KS_PORT
auth_type = password
project_domain_id = default
user_domain_id = default
project_name = service
username = nova
password = $SERVICE_PASS
region_name = $REGION
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
EOF
  if [ ! -f "$ND/.dbsynced" ]; then
    log "nova: api_db sync, cell0, db sync (background)"
    ( nova-manage --config-file "$NCONF" api_db sync >>"$LOGS/nova-manage.out" 2>&1 &&
      { nova-manage --config-file "$NCONF" cell_v2 map_cell0 --database_connection "sqlite:///$ND/nova_cell0.db" >>"$LOGS/nova-manage.out" 2>&1 || true; } &&
      nova-manage --config-file "$NCONF" db sync >>"$LOGS/nova-manage.out" 2>&1 && touch "$ND/.dbsynced" ) &
    BG_JOBS+=("$!:nova db sync")
  fi
fi

# ---------------------------------------------------------------- keystone
KD=$D/keystone
KCONF=$KD/keystone.conf
mkdir -p "$KD/fernet-keys" "$KD/credential-keys"
chmod 700 "$KD/fernet-keys" "$KD/credential-keys"
cat >"$KCONF" <<EOF
[DEFAULT]
debug = false
[database]
connection = sqlite:///$KD/keystone.db
[token]
provider = fernet
expiration = 3600
[fernet_tokens]
key_repository = $KD/fernet-keys/
[fernet_receipts]
key_repository = $KD/fernet-keys/
[credential]
key_repository = $KD/credential-keys/
[identity]
# bcrypt cost 4 (default 12): ~0.25 s less per password token request
password_hash_rounds = 4
[cache]
# without a cache every token validation costs ~500 SQL queries (~0.9 s)
enabled = true
backend = dogpile.cache.pymemcache
memcache_servers = $HOST:$MEMCACHED_PORT
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
EOF
KM() { keystone-manage --config-file "$KCONF" --log-file "$LOGS/keystone-manage.log" "$@" >>"$LOGS/keystone-manage.out" 2>&1; }
if [ ! -f "$KD/.bootstrapped" ]; then
  log "keystone: db_sync, fernet/credential setup, bootstrap"
  KM db_sync
  KM fernet_setup --keystone-user root --keystone-group root
  KM credential_setup --keystone-user root --keystone-group root
  KM bootstrap --bootstrap-password "$ADMIN_PASS" --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id $REGION \
    --bootstrap-admin-url http://$HOST:$KS_PORT/v3/ \
    --bootstrap-internal-url http://$HOST:$KS_PORT/v3/ \
    --bootstrap-public-url http://$HOST:$KS_PORT/v3/
  touch "$KD/.bootstrapped"
fi
sqlite_wal "$KD/keystone.db"
start_bg keystone /usr/bin/uwsgi --plugin python3 --http11-socket $HOST:$KS_PORT \
  --wsgi-file /usr/bin/keystone-wsgi-public --master --processes 2 --threads 1 \
  --lazy-apps --die-on-term --need-app --buffer-size 65535 \
  --env OS_KEYSTONE_CONFIG_FILES="$KCONF" --chdir "$KD"

# ---------------------------------------------------------------- background db syncs
for j in "${BG_JOBS[@]}"; do
  wait "${j%%:*}" || die "${j#*:} failed (see $LOGS/*-manage.out)"
done
sqlite_wal "$CD/cinder.db"
if [ "$TESTBED_NOVA" = 1 ]; then
  for db in nova_api nova nova_cell0; do [ -f "$ND/$db.db" ] && sqlite_wal "$ND/$db.db"; done
fi

# ---------------------------------------------------------------- start API services (they need keystone/rabbit only later)
start_bg swift-proxy /usr/bin/swift-proxy-server "$SD/proxy-server.conf" -v
start_bg cinder-api /usr/bin/cinder-api --config-file "$CCONF"
start_bg cinder-scheduler /usr/bin/cinder-scheduler --config-file "$CCONF"
if [ "$TESTBED_CINDER_VOLUME" = 1 ]; then
  # cinder-volume is not packaged without LVM/iSCSI deps; python3-cinder has the code.
  cat >"$CD/cinder-volume" <<EOF
#!$PY
# cinder-volume with Cinder's in-tree test driver
# (cinder.tests.fake_driver.FakeLoggingVolumeDriver): every operation only
# logs, so volumes/snapshots reach 'available' without any block device.
import sys
from cinder.cmd import volume  # does eventlet.monkey_patch() first
from cinder.tests.unit.brick import fake_lvm
F = fake_lvm.FakeBrickLVM
# the fake VG lacks a few calls the LVM driver makes (extend, delete checks)
for _n, _f in (('extend_volume', lambda self, name, size, *a, **k: None),
               ('lv_is_open', lambda self, name, *a, **k: False),
               ('lv_is_snapshot', lambda self, name, *a, **k: False),
               ('lv_get_origin', lambda self, name, *a, **k: None)):
    if not hasattr(F, _n):
        setattr(F, _n, _f)
sys.exit(volume.main())
EOF
  chmod +x "$CD/cinder-volume"
  start_bg cinder-volume "$CD/cinder-volume" --config-file "$CCONF"
fi
if [ "$TESTBED_NOVA" = 1 ]; then
  start_bg nova-api /usr/bin/nova-api --config-file "$NCONF"
fi

# ---------------------------------------------------------------- wait for keystone & rabbit, create users/catalog
wait_http keystone http://$HOST:$KS_PORT/v3 60
log "keystone answers"

cat >"$D/keystone_setup.py" <<'PYEOF'
import json, os, sys
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client

H = os.environ['H']; KS = os.environ['KS_URL']; REGION = os.environ['REGION']
sess = session.Session(auth=v3.Password(
    auth_url=KS, username='admin', password=os.environ['ADMIN_PASS'],
    project_name='admin', user_domain_id='default', project_domain_id='default'))
ks = client.Client(session=sess, interface='public')

def one(lst):
    return lst[0] if lst else None

def project(name, desc):
    return one(ks.projects.list(name=name, domain='default')) or \
        ks.projects.create(name, 'default', description=desc)

def role(name):
    return one(ks.roles.list(name=name)) or ks.roles.create(name)

def user(name, pw, proj):
    u = one(ks.users.list(name=name, domain='default'))
    if u is None:
        u = ks.users.create(name, domain='default', password=pw, default_project=proj)
    else:
        ks.users.update(u, password=pw)
    return u

def service(name, stype, desc):
    return one(ks.services.list(name=name, type=stype)) or \
        ks.services.create(name, stype, description=desc)

def endpoints(svc, url):
    have = {e.interface: e for e in ks.endpoints.list(service=svc, region=REGION)}
    for itf in ('public', 'internal', 'admin'):
        if itf in have:
            if have[itf].url != url:
                ks.endpoints.update(have[itf], url=url)
        else:
            ks.endpoints.create(svc, url, interface=itf, region=REGION)

admin_p = project('admin', '')
service_p = project('service', 'Service project')
demo_p = project('demo', 'Non-admin demo project')
r_admin, r_member, r_reader = role('admin'), role('member'), role('reader')
r_service = role('service')
r_reseller = role('ResellerAdmin')

for svcuser in ('swift', 'cinder', 'nova'):
    u = user(svcuser, os.environ['SERVICE_PASS'], service_p)
    ks.roles.grant(r_admin, user=u, project=service_p)
    ks.roles.grant(r_service, user=u, project=service_p)
demo = user('demo', os.environ['DEMO_PASS'], demo_p)
ks.roles.grant(r_member, user=demo, project=demo_p)
# a read-only user in the demo project
reader = user('demo-reader', os.environ['DEMO_PASS'], demo_p)
ks.roles.grant(r_reader, user=reader, project=demo_p)
admin_u = one(ks.users.list(name='admin', domain='default'))
ks.roles.grant(r_member, user=admin_u, project=demo_p)  # admin can also act in demo

endpoints(service(name='swift', stype='object-store', desc='Swift'),
          'http://%s:8080/v1/AUTH_%%(project_id)s' % H)
cinder_url = 'http://%s:8776/v3/%%(project_id)s' % H
endpoints(service('cinderv3', 'volumev3', 'Cinder v3'), cinder_url)
endpoints(service('cinder', 'block-storage', 'Cinder'), cinder_url)
# No Glance here, but python-openstackclient 6.0 'volume create' builds an
# image client unconditionally and fails with "public endpoint for image
# service in RegionOne region not found" unless the catalog has one.  A
# versioned URL lets it skip discovery (nothing listens on 9292).
endpoints(service('glance', 'image', 'Glance (placeholder, not running)'),
          'http://%s:9292/v2' % H)
if os.environ.get('NOVA') == '1':
    endpoints(service('nova', 'compute', 'Nova'), 'http://%s:8774/v2.1' % H)

# application credential for demo (created by demo itself)
out = {}
acf = os.environ['APPCRED_FILE']
if os.path.exists(acf):
    out = json.load(open(acf))
else:
    dsess = session.Session(auth=v3.Password(
        auth_url=KS, username='demo', password=os.environ['DEMO_PASS'],
        project_name='demo', user_domain_id='default', project_domain_id='default'))
    dks = client.Client(session=dsess, interface='public')
    uid = dsess.get_user_id()
    for ac in dks.application_credentials.list(user=uid):
        if ac.name == 'testbed-appcred':
            dks.application_credentials.delete(ac)
    ac = dks.application_credentials.create('testbed-appcred', user=uid,
                                            description='testbed app credential')
    out = {'id': ac.id, 'secret': ac.secret}
    with open(acf, 'w') as f:
        json.dump(out, f)
print(json.dumps({'admin_project_id': admin_p.id, 'demo_project_id': demo_p.id,
                  'service_project_id': service_p.id,
                  'appcred_id': out['id'], 'appcred_secret': out['secret']}))
PYEOF
KS_INFO=$(H=$HOST KS_URL=http://$HOST:$KS_PORT/v3 REGION=$REGION ADMIN_PASS="$ADMIN_PASS" \
  SERVICE_PASS="$SERVICE_PASS" DEMO_PASS="$DEMO_PASS" NOVA=$TESTBED_NOVA \
  APPCRED_FILE="$KD/appcred.json" $PY "$D/keystone_setup.py") || die "keystone setup failed"
jget() { $PY -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$KS_INFO" "$1"; }
ADMIN_PROJECT_ID=$(jget admin_project_id)
DEMO_PROJECT_ID=$(jget demo_project_id)
APPCRED_ID=$(jget appcred_id)
APPCRED_SECRET=$(jget appcred_secret)
log "keystone users/projects/catalog ready"

# the 'openstack' rabbit user comes from default_user/default_pass in rabbitmq.conf
wait_port rabbitmq $RABBIT_PORT 90
log "rabbitmq listens"

wait_http swift-proxy http://$HOST:$SWIFT_PORT/healthcheck 60
wait_http cinder-api http://$HOST:$CINDER_PORT/ 90
[ "$TESTBED_NOVA" = 1 ] && wait_http nova-api http://$HOST:$NOVA_PORT/ 90
log "all services answer"

if [ "$TESTBED_NOVA" = 1 ]; then
  # classic m1.* flavors (Nova creates none by itself)
  KS_URL=http://$HOST:$KS_PORT/v3 ADMIN_PASS="$ADMIN_PASS" NOVA_URL=http://$HOST:$NOVA_PORT/v2.1 $PY - <<'PYEOF' || die "flavor setup failed"
import os
from keystoneauth1.identity import v3
from keystoneauth1 import session
s = session.Session(auth=v3.Password(auth_url=os.environ['KS_URL'], username='admin',
    password=os.environ['ADMIN_PASS'], project_name='admin',
    user_domain_id='default', project_domain_id='default'))
u = os.environ['NOVA_URL']
have = {f['name'] for f in s.get(u + '/flavors').json()['flavors']}
for fid, name, vcpus, ram, disk in (('1', 'm1.tiny', 1, 512, 1), ('2', 'm1.small', 1, 2048, 20),
                                    ('3', 'm1.medium', 2, 4096, 40), ('4', 'm1.large', 4, 8192, 80)):
    if name not in have:
        s.post(u + '/flavors', json={'flavor': {'id': fid, 'name': name, 'vcpus': vcpus,
                                                'ram': ram, 'disk': disk}})
PYEOF
fi

# ---------------------------------------------------------------- client environment
cat >"$D/env.sh.tmp" <<EOF
# OpenStack testbed client environment (source me). Generated by openstack-up.sh
# Keystone v3 password auth as admin (project admin, role admin):
export OS_AUTH_URL=http://$HOST:$KS_PORT/v3
export OS_IDENTITY_API_VERSION=3
export OS_AUTH_TYPE=password
export OS_USERNAME=admin
export OS_PASSWORD=$ADMIN_PASS
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$REGION
export OS_INTERFACE=public
export OS_VOLUME_API_VERSION=3
# non-admin user: demo/$DEMO_PASS, role member in project demo
# read-only user: demo-reader/$DEMO_PASS, role reader in project demo
export TESTBED_DEMO_USERNAME=demo
export TESTBED_DEMO_PASSWORD=$DEMO_PASS
export TESTBED_DEMO_PROJECT_NAME=demo
export TESTBED_DEMO_PROJECT_ID=$DEMO_PROJECT_ID
export TESTBED_READER_USERNAME=demo-reader
export TESTBED_READER_PASSWORD=$DEMO_PASS
export TESTBED_ADMIN_PROJECT_ID=$ADMIN_PROJECT_ID
# application credential of user demo (OS_AUTH_TYPE=v3applicationcredential)
export TESTBED_APPCRED_ID=$APPCRED_ID
export TESTBED_APPCRED_SECRET=$APPCRED_SECRET
# endpoints
export TESTBED_KEYSTONE_URL=http://$HOST:$KS_PORT
export TESTBED_SWIFT_URL=http://$HOST:$SWIFT_PORT/v1/AUTH_$ADMIN_PROJECT_ID
export TESTBED_CINDER_URL=http://$HOST:$CINDER_PORT/v3/$ADMIN_PROJECT_ID
export TESTBED_NOVA_URL=http://$HOST:$NOVA_PORT/v2.1
# Swift v1 auth (tempauth): GET \$TESTBED_SWIFT_V1_AUTH_URL with headers
# X-Auth-User/X-Auth-Key (or X-Storage-User/X-Storage-Pass) -> X-Storage-Url,
# X-Auth-Token.  Accounts are TEMPAUTH_<account>.  Not exported as ST_* here:
# the swift CLI mixes ST_* with OS_* and fails (HTTP 405); source
# env-swift-v1.sh for a v1-only shell.
export TESTBED_SWIFT_V1_AUTH_URL=http://$HOST:$SWIFT_PORT/auth/v1.0
export TESTBED_SWIFT_V1_USER=test:tester
export TESTBED_SWIFT_V1_KEY=testing
# more tempauth users: test:tester2/testing2 (no .admin: needs ACLs),
# test:tester3/testing3, test2:tester2/testing2 (.admin), admin:admin/admin (.reseller_admin)
# clouds.yaml (clouds testbed-admin, testbed-demo, testbed-reader, testbed-appcred):
export TESTBED_CLOUDS_YAML=$D/clouds.yaml
EOF
mv "$D/env.sh.tmp" "$D/env.sh"

cat >"$D/env-swift-v1.sh" <<EOF
# Swift v1 (tempauth) only: source me in a shell where OS_* must not interfere
for v in \$(env | sed -n 's/^\(OS_[A-Za-z_]*\)=.*/\1/p'); do unset \$v; done
export ST_AUTH=http://$HOST:$SWIFT_PORT/auth/v1.0
export ST_USER=test:tester
export ST_KEY=testing
EOF

cat >"$D/clouds.yaml" <<EOF
# use: OS_CLIENT_CONFIG_FILE=$D/clouds.yaml openstack --os-cloud testbed-admin ...
clouds:
  testbed-admin:
    auth: {auth_url: "http://$HOST:$KS_PORT/v3", username: admin, password: "$ADMIN_PASS", project_name: admin, user_domain_name: Default, project_domain_name: Default}
    region_name: $REGION
    identity_api_version: 3
    volume_api_version: 3
  testbed-demo:
    auth: {auth_url: "http://$HOST:$KS_PORT/v3", username: demo, password: "$DEMO_PASS", project_name: demo, user_domain_name: Default, project_domain_name: Default}
    region_name: $REGION
    identity_api_version: 3
    volume_api_version: 3
  testbed-reader:
    auth: {auth_url: "http://$HOST:$KS_PORT/v3", username: demo-reader, password: "$DEMO_PASS", project_name: demo, user_domain_name: Default, project_domain_name: Default}
    region_name: $REGION
    identity_api_version: 3
    volume_api_version: 3
  testbed-appcred:
    auth_type: v3applicationcredential
    auth: {auth_url: "http://$HOST:$KS_PORT/v3", application_credential_id: "$APPCRED_ID", application_credential_secret: "$APPCRED_SECRET"}
    region_name: $REGION
    identity_api_version: 3
    volume_api_version: 3
EOF

T1=$(date +%s.%N)
log "testbed up in $(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.1f", b-a}')s; env: $D/env.sh (also env-swift-v1.sh, clouds.yaml)"
cat "$D/env.sh"
