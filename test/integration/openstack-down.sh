#!/usr/bin/env bash
# (storctl copy of the shared testbed recipe: the integration suite must not depend on ../shared.)
# openstack-down.sh - stop exactly the processes openstack-up.sh started.
# Reads $TESTBED_DIR/pids/<name>.pid ("<pid> <starttime>"), checks that the pid
# still belongs to the process that was started (same /proc start time), then
# sends SIGTERM to that process group (each service was started with setsid,
# so its group id is its own pid and holds only its own workers), waits, and
# sends SIGKILL to the group if it is still there.  Never kills by name.
#   TESTBED_DIR=/tmp/openstack-testbed   TESTBED_WIPE=1 also deletes $TESTBED_DIR
set -uo pipefail
TESTBED_DIR=${TESTBED_DIR:-/tmp/openstack-testbed}
PIDS=$TESTBED_DIR/pids
log() { printf '[openstack-down] %s\n' "$*" >&2; }

[ -d "$PIDS" ] || { log "no $PIDS: nothing to stop"; exit 0; }

is_ours() { # pid starttime
  [ -d /proc/$1 ] && [ "$(awk '{print $22}' /proc/$1/stat 2>/dev/null)" = "$2" ]
}
live_pgids() { ps -e -o pgid= | tr -d ' ' | sort -u; }
group_alive() { # pgid -> any process left in that group?
  live_pgids | grep -qx "$1"
}

# stop in reverse start order (API services first, bus/cache last)
names=()
if [ -f "$PIDS/order" ]; then
  mapfile -t names < <(tac "$PIDS/order" | awk '!seen[$0]++')
fi
for f in "$PIDS"/*.pid; do
  [ -e "$f" ] || continue
  n=$(basename "$f" .pid)
  printf '%s\n' "${names[@]}" | grep -qx "$n" || names+=("$n")
done

stop_wave() { # name... : SIGTERM each (group), wait up to 20 s, SIGKILL leftovers
  local n f pid st pgid e live left stopped=()
  for n in "$@"; do
    f=$PIDS/$n.pid
    [ -f "$f" ] || continue
    read -r pid st <"$f"
    if [ -z "${pid:-}" ] || ! is_ours "$pid" "${st:-x}"; then
      log "$n: pid ${pid:-?} not running (or reused by another process): skipped"
      rm -f "$f"; continue
    fi
    pgid=$(awk '{print $5}' /proc/$pid/stat)
    if [ "$pgid" = "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null; else kill -TERM "$pid" 2>/dev/null; fi
    stopped+=("$n:$pid:$pgid")
    log "$n: SIGTERM sent to ${pgid/#$pid/group }$pid"
  done
  for _ in $(seq 1 100); do
    left=0
    live=$(live_pgids)
    for e in "${stopped[@]}"; do
      IFS=: read -r n pid pgid <<<"$e"
      if [ "$pgid" = "$pid" ]; then grep -qx "$pid" <<<"$live" && left=1; else [ -d /proc/$pid ] && left=1; fi
    done
    [ $left = 0 ] && break
    sleep 0.2
  done
  for e in "${stopped[@]}"; do
    IFS=: read -r n pid pgid <<<"$e"
    if [ "$pgid" = "$pid" ] && group_alive "$pid"; then
      log "$n: still running after 20s, SIGKILL to group $pid"; kill -KILL -- "-$pid" 2>/dev/null
    elif [ "$pgid" != "$pid" ] && [ -d /proc/$pid ]; then
      log "$n: still running after 20s, SIGKILL to $pid"; kill -KILL "$pid" 2>/dev/null
    fi
    rm -f "$PIDS/$n.pid"
  done
  total=$((total + ${#stopped[@]}))
}

# wave 1: the OpenStack services; wave 2: what they depend on (bus, cache),
# so that no service hangs on shutdown reconnecting to a dying rabbitmq
total=0
wave1=() wave2=()
for n in "${names[@]}"; do
  case $n in memcached|rabbitmq|epmd) wave2+=("$n");; *) wave1+=("$n");; esac
done
stop_wave "${wave1[@]}"
stop_wave "${wave2[@]}"
rm -f "$PIDS/order"
log "stopped $total service(s)"

if [ "${TESTBED_WIPE:-0}" = 1 ]; then
  case "$TESTBED_DIR" in
    /|/tmp|/root|/work|"") log "refusing to wipe $TESTBED_DIR";;
    *) rm -rf "$TESTBED_DIR"; log "wiped $TESTBED_DIR";;
  esac
fi
exit 0
