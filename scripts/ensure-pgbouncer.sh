#!/bin/sh
# The pooling tests (test/scale/pgbouncer.test.ts) run a real PgBouncer in transaction mode in front
# of the test PostgreSQL. `npm test` runs this first: it uses the PgBouncer on PATH (or PGBOUNCER_PATH,
# or Debian's /usr/sbin/pgbouncer) and otherwise installs Debian's `pgbouncer` package with apt-get
# (as root, or through sudo). The package's own service is not used: the test starts its own
# process with its own configuration on a free loopback port (policy-rc.d is not touched: on a
# machine with an init system the package's service may start on its own port 6432; the tests
# never use it).
set -eu
for candidate in "${PGBOUNCER_PATH:-}" /usr/sbin/pgbouncer "$(command -v pgbouncer 2>/dev/null || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then exit 0; fi
done
exec sh "$(dirname "$0")/apt-install.sh" ensure-pgbouncer PgBouncer pgbouncer PGBOUNCER_PATH "the pooling tests"
