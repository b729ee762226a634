#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on loopback for the store tests.
#
#   scripts/pg_start.sh DIR          # prints the SQLAlchemy URL of the running server on stdout
#   scripts/pg_start.sh --stop DIR   # stops it (the tests do this; DIR can then be removed)
#
# The cluster lives in DIR (created if missing), listens on 127.0.0.1 on a free port with its socket in DIR,
# trusts local connections, and has the superuser `aimaq`. When PostgreSQL is not installed the script
# installs the Debian package `postgresql` with apt-get, which needs root. When that is impossible it exits
# with status 3 and one line on stderr saying why; the tests then skip with that reason.
set -euo pipefail

die_unavailable() { echo "pg_start: $*" >&2; exit 3; }

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir; return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then echo "$newest"; return; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
}

install_postgres() {
    [ "$(id -u)" = 0 ] || die_unavailable "PostgreSQL is not installed and installing it needs root"
    command -v apt-get >/dev/null 2>&1 || die_unavailable "PostgreSQL is not installed and there is no apt-get"
    echo "pg_start: installing postgresql with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; } \
        || die_unavailable "apt-get could not install postgresql"
}

# initdb and postgres refuse to run as root: run them as the `postgres` user then.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || die_unavailable "running as root and there is no 'postgres' user"
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if [ "${1:-}" = "--stop" ]; then
    dir=${2:?usage: pg_start.sh --stop DIR}
    bindir=$(find_bindir)
    [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    exit 0
fi

dir=${1:?usage: pg_start.sh DIR}
bindir=$(find_bindir)
if [ -z "$bindir" ]; then install_postgres; bindir=$(find_bindir); fi
[ -n "$bindir" ] || die_unavailable "no initdb found after installing postgresql"

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ "$(id -u)" = 0 ]; then
    chown -R postgres "$dir"  # every directory above DIR must be searchable by `postgres` (use /tmp)
fi
port=$(free_port)
as_owner "$bindir/initdb" -D "$dir/data" -U aimaq --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || die_unavailable "initdb failed (see $dir/initdb.log)"
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null \
    || die_unavailable "the server did not start (see $dir/server.log)"
echo "postgresql://aimaq@127.0.0.1:$port/postgres"
