#!/bin/sh
# The pooling tests (test/scale/pgbouncer.test.ts) run a real PgBouncer in transaction mode in front
# of the test PostgreSQL. `npm test` runs this first: it uses the PgBouncer on PATH (or PGBOUNCER_PATH,
# or Debian's /usr/sbin/pgbouncer) and otherwise installs Debian's `pgbouncer` package with apt-get
# (as root, or through sudo). The package's own service is not used: the test starts its own
# process with its own configuration on a free loopback port.
set -eu
for candidate in "${PGBOUNCER_PATH:-}" /usr/sbin/pgbouncer "$(command -v pgbouncer 2>/dev/null || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then exit 0; fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-pgbouncer: no PgBouncer found and no apt-get to install one; install PgBouncer and set PGBOUNCER_PATH" >&2
  exit 1
fi
as_root=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
    echo "ensure-pgbouncer: no PgBouncer found; install Debian's pgbouncer package (as root) or set PGBOUNCER_PATH" >&2
    exit 1
  fi
fi
echo "ensure-pgbouncer: installing Debian's pgbouncer package for the pooling tests" >&2
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d is not touched: the package's service may start on a machine with an init system, on
# its own port (6432) and configuration; the tests never use it.
$as_root apt-get install -y -q pgbouncer >/dev/null || { $as_root apt-get update -q >/dev/null && $as_root apt-get install -y -q pgbouncer >/dev/null; }
