#!/bin/sh
# Slurm: a single-node cluster started here (munged, slurmctld and slurmd
# with a throwaway munge key and slurm.conf in a temporary folder, on free
# loopback ports; proctrack/linuxproc and task/none, so no cgroups), the
# recipe of tools/slurm/ (a job array of `compare --partial` tasks and a
# merge job after it) run on it, and the merged report compared with one
# run over the same shards, byte for byte (lib.sh: unequal shards, one
# empty; every line of DESIGNS), with one shard a task and with several.
#
# Skips (exit 77) when slurm-wlm or munge is not installed, and when not
# root and the daemons do not come up as this user (slurmd launches jobs
# as their user, which needs root for any user but its own).
# usage: test-slurm.sh SLANT_BINARY
set -eu
slant=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

for c in munged munge slurmctld slurmd sbatch squeue scontrol sinfo; do
    command -v "$c" > /dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
    command -v "$c" > /dev/null 2>&1 || skip "'$c' not found: install slurm-wlm and munge (tools/setup does)"
done

# munged wants its socket's folder (and the folders above it) open to all,
# and the socket path must stay short (a Unix socket's path has 108 bytes)
work=$(mktemp -d /tmp/slant-slurm.XXXXXX)
chmod 755 "$work"
cleanup() {
    set +e
    if [ -f "$work/slurm.conf" ]; then
        SLURM_CONF=$work/slurm.conf scontrol shutdown > /dev/null 2>&1
        for f in slurmctld.pid slurmd.pid; do
            [ -f "$work/$f" ] || continue
            pid=$(cat "$work/$f")
            n=0
            while kill -0 "$pid" 2> /dev/null && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
            kill "$pid" 2> /dev/null
        done
    fi
    [ -S "$work/sock/munge.socket" ] && munged --stop --socket="$work/sock/munge.socket" > /dev/null 2>&1
    [ -f "$work/munge/munged.pid" ] && kill "$(cat "$work/munge/munged.pid")" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
me=$(id -un)
node=$(hostname -s)

# two free TCP ports on the loopback
set -- $(python3 -c '
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in ss))')
ctld_port=$1 slurmd_port=$2

mkdir -p munge sock state spool log
chmod 700 munge
chmod 755 sock
dd if=/dev/urandom of=munge/munge.key bs=1024 count=1 2> /dev/null
chmod 400 munge/munge.key
munged --key-file="$work/munge/munge.key" --socket="$work/sock/munge.socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" \
    --seed-file="$work/munge/munged.seed" ||
    { cat munge/munged.log >&2; die "munged did not start"; }
munge -S "$work/sock/munge.socket" -n | unmunge -S "$work/sock/munge.socket" > /dev/null ||
    die "munge credentials do not round-trip"

cat > slurm.conf <<EOF
ClusterName=slanttest
SlurmctldHost=$node(127.0.0.1)
SlurmUser=$me
SlurmdUser=$me
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$work/sock/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
InactiveLimit=0
KillWait=5
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
daemons_failed() {
    for f in log/slurmctld.log log/slurmd.log; do
        [ -f "$f" ] && { echo "== $f" >&2; tail -n 20 "$f" >&2; }
    done
    if [ "$(id -u)" -ne 0 ]; then
        skip "not root, and slurmctld/slurmd did not come up as '$me' ($1)"
    fi
    die "$1"
}
slurmctld || daemons_failed "slurmctld did not start"
slurmd || daemons_failed "slurmd did not start"
n=0
until [ "$(sinfo -h -n "$node" -o %T 2> /dev/null)" = idle ]; do
    n=$((n + 1))
    [ $n -lt 60 ] || daemons_failed "the node is not idle after 30 s: $(sinfo -h -o %T 2>&1)"
    sleep 0.5
done
echo "ok: a single-node Slurm is up (slurmctld :$ctld_port, slurmd :$slurmd_port)"

make_corpus
export SLANT="$slant"
runs=0
run_sharded() {
    out=$1
    shift
    runs=$((runs + 1))
    "$top/tools/slurm/run-sharded" --wait $tasks shards.txt "parts$runs" "$out" "$@" > /dev/null ||
        { cat "parts$runs"/slurm-*.out >&2; return 1; }
}
tasks=""
check_designs "slurm, a shard a task"
tasks="--tasks 4"
check_designs "slurm, 6 shards in 4 tasks"

# a failed task: the merge never runs, and run-sharded --wait says so
status=0
"$top/tools/slurm/run-sharded" --wait shards.txt parts-bad bad.json --no-such-option > /dev/null 2> err.txt || status=$?
if [ "$status" -ne 0 ] && [ ! -e bad.json ] && grep -q "ended CANCELLED" err.txt; then
    echo "ok: a failed array task cancels the merge"; ok
else fail "failed task: status $status, $(cat err.txt)"; fi

finish
