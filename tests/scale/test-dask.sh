#!/bin/sh
# Dask: tools/slant_dask.py maps the shards through `slant compare
# --partial` on a LocalCluster of two workers, and on a running cluster
# given by its scheduler's address, and merges with `slant merge -`; the
# report must be the bytes of one run over the shards (lib.sh: unequal
# shards, one empty; every line of DESIGNS).  A failing shard stops the
# run with compare's status and message.
# Skips (exit 77) when Debian's python3 has no `distributed` module.
# usage: test-dask.sh SLANT_BINARY
set -eu
slant=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/lib.sh"
# Debian's interpreter, which python3-distributed installs for
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" -c 'import distributed' 2> /dev/null ||
    skip "$py has no 'distributed' module: install python3-distributed (tools/setup does)"
work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
make_corpus

run_sharded() {
    out=$1
    shift
    "$py" "$top/tools/slant_dask.py" $where --slant "$slant" -o "$out" $(cat shards.txt) -- "$@" 2> dask.err ||
        { cat dask.err >&2; return 1; }
}
where="--workers 2"
check_designs "dask LocalCluster, 2 workers"

# a cluster that is already running: a scheduler and two workers in another
# process, which prints the scheduler's address and stops when its stdin closes
mkfifo ctl
"$py" -c '
import sys
from distributed import LocalCluster
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                  scheduler_port=0, host="127.0.0.1") as c:
    print(c.scheduler_address, flush=True)
    sys.stdin.read()
' < ctl > address.txt 2> cluster.err &
pid=$!
exec 3> ctl
n=0
until [ -s address.txt ]; do
    n=$((n + 1))
    [ $n -lt 120 ] || { cat cluster.err >&2; die "the Dask cluster did not start in 60 s"; }
    sleep 0.5
done
where="--scheduler $(cat address.txt)"
check_designs "dask --scheduler $(cat address.txt)"
exec 3>&-
wait "$pid" || true
pid=""

# a failing shard: compare's status (2, an unknown option) and its message
status=0
"$py" "$top/tools/slant_dask.py" --workers 2 --slant "$slant" $(cat shards.txt) -- --no-such-option \
    > /dev/null 2> err.txt || status=$?
if [ "$status" -eq 2 ] && grep -q "^slant_dask: shard00.jsonl: slant compare failed (exit 2): slant: error: unknown option --no-such-option" err.txt; then
    echo "ok: a failing shard stops the run with compare's status"; ok
else fail "failing shard: status $status, $(cat err.txt)"; fi

finish
