#!/usr/bin/env bash
# Integration suite: real Keystone, Swift, Cinder and Nova from Debian's packages on
# 127.0.0.1 (openstack-up.sh installs and starts them), then the tests that drive storctl
# against them, then the keyring test under a private D-Bus session with gnome-keyring.
# Needs root (apt-get, services). Usage: bash test/integration/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export TESTBED_DIR=${TESTBED_DIR:-/tmp/openstack-testbed}

started=0
cleanup() { [ "$started" = 1 ] && [ "${KEEP_TESTBED:-0}" != 1 ] && bash "$here/openstack-down.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# Not running: start from clean state (a testbed left by an earlier run keeps its volumes and
# quota usage); already running: reuse it as it is.
if ! curl -fs -o /dev/null http://127.0.0.1:5000/v3 2>/dev/null; then started=1; export TESTBED_RESET=1; fi
bash "$here/openstack-up.sh" >"$TESTBED_DIR.up.log" 2>&1 || { tail -n 40 "$TESTBED_DIR.up.log"; exit 1; }
# shellcheck disable=SC1091
. "$TESTBED_DIR/env.sh"
export STORCTL_IT_OPENSTACK=1 STORCTL_IT_SWIFT=1 STORCTL_IT_KEYSTONE=1
export ST_AUTH=$TESTBED_SWIFT_V1_AUTH_URL ST_USER=$TESTBED_SWIFT_V1_USER ST_KEY=$TESTBED_SWIFT_V1_KEY

cd "$root"
report() { [ -n "${STORCTL_IT_REPORT_DIR:-}" ] && echo "--reporter=default --reporter=json --outputFile=$STORCTL_IT_REPORT_DIR/$1.json"; }
# shellcheck disable=SC2046
npx vitest run --config vitest.integration.config.ts --exclude 'test/integration/keyring.test.ts' $(report integration)

# The keyring path for real: a private session bus and an unlocked gnome-keyring.
unset OS_AUTH_URL ST_AUTH
KEYRING_REPORT=$(report keyring) dbus-run-session -- bash -c '
  printf "storctl-ci" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  STORCTL_IT_KEYRING=1 npx vitest run --config vitest.integration.config.ts test/integration/keyring.test.ts $KEYRING_REPORT
'
