#!/bin/sh
# GNU parallel across hosts: the README's --sshlogin recipe against a second
# "host" made here: a network namespace with one end of a veth pair, an
# sshd in it with a throwaway host key, and a throwaway user key, all in a
# temporary folder.  The pair's two ends carry IPv6 link-local addresses
# only (fe80::/64, on the pair alone: nothing routes them anywhere else),
# and ssh reaches the namespace through an ssh_config alias, strictly
# checking its host key.  parallel sends each shard to the host
# (--transferfile), runs compare --partial there in a folder of its own
# (--workdir), brings the partial back (--return) and removes its copies
# (--cleanup); the merge of the returned partials must be the bytes of one
# run (lib.sh: unequal shards, one empty; every line of DESIGNS), with one
# sshlogin and with two (two names for the one host).
#
# The second host shares this machine's file system (a network namespace
# separates the network only), so the slant binary is found at the same
# path there; the transfers still go through ssh and rsync as between two
# machines, into their own folder.
#
# Skips (exit 77) when not root (a network namespace needs it), when sshd,
# rsync, parallel or ip is missing, or when this system cannot make a
# network namespace or a veth pair.
# usage: test-ssh.sh SLANT_BINARY
set -eu
slant=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
PATH=$PATH:/usr/sbin:/sbin

[ "$(id -u)" -eq 0 ] || skip "not root: creating a network namespace needs root"
for c in ip sshd ssh ssh-keygen rsync parallel; do
    command -v "$c" > /dev/null 2>&1 ||
        skip "'$c' not found: install iproute2, openssh-server, openssh-client, rsync and parallel (tools/setup does)"
done

# names of our own, so that runs side by side do not meet
tag=$(printf '%05d' $(($$ % 100000)))
ns=slant$tag
veth_h=slh$tag
veth_n=sln$tag
work=$(mktemp -d)
cleanup() {
    set +e
    for h in second third; do
        [ -S "$work/cm-$h" ] && ssh -F "$work/ssh_config" -O exit "$h" 2> /dev/null
    done
    [ -f "$work/sshd.pid" ] && kill "$(cat "$work/sshd.pid")" 2> /dev/null
    ip link del "$veth_h" 2> /dev/null
    ip netns del "$ns" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

ip netns add "$ns" 2> err.txt || skip "cannot make a network namespace: $(cat err.txt)"
ip link add "$veth_h" type veth peer name "$veth_n" 2> err.txt ||
    skip "cannot make a veth pair: $(cat err.txt)"
ip link set "$veth_n" netns "$ns"
ip -6 addr add fe80::5:1/64 dev "$veth_h" nodad
ip link set "$veth_h" up
ip netns exec "$ns" ip -6 addr add fe80::5:2/64 dev "$veth_n" nodad
ip netns exec "$ns" ip link set "$veth_n" up
ip netns exec "$ns" ip link set lo up

ssh-keygen -q -t ed25519 -N '' -C slant-test-host -f hostkey
ssh-keygen -q -t ed25519 -N '' -C slant-test-user -f userkey
cp userkey.pub authorized_keys
chmod 600 authorized_keys
cat > sshd_config <<EOF
ListenAddress [fe80::5:2%$veth_n]:22
HostKey $work/hostkey
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
X11Forwarding no
AllowTcpForwarding no
PrintMotd no
LogLevel INFO
EOF
# sshd wants its privilege separation folder
[ -d /run/sshd ] || { mkdir -p /run/sshd && chmod 755 /run/sshd; }
sshd=$(command -v sshd)
ip netns exec "$ns" "$sshd" -f "$work/sshd_config" -E "$work/sshd.log" ||
    { cat sshd.log >&2; die "sshd did not start in the namespace"; }

# two names for the one host, to give parallel two sshlogins as in the README;
# one connection per name, kept open (ControlMaster) for all the transfers
cat > ssh_config <<EOF
Host second third
    HostName fe80::5:2%%$veth_h
    User $(id -un)
    IdentityFile $work/userkey
    IdentitiesOnly yes
    HostKeyAlias slant-second-host
    UserKnownHostsFile $work/known_hosts
    StrictHostKeyChecking yes
    GlobalKnownHostsFile /dev/null
    BatchMode yes
    ConnectTimeout 10
    LogLevel ERROR
    ControlMaster auto
    ControlPath $work/cm-%n
    ControlPersist 120
EOF
echo "slant-second-host $(cat hostkey.pub)" > known_hosts
n=0
until ssh -F ssh_config second true 2> ssh.err; do
    n=$((n + 1))
    [ $n -lt 20 ] || { cat ssh.err sshd.log >&2; die "ssh to the second host fails"; }
    sleep 0.5
done
remote_ns=$(ssh -F ssh_config second ip netns identify 2> /dev/null || true)
echo "ok: ssh reaches the second host (network namespace '$remote_ns')"

make_corpus
mkdir remote
export SLANT_DATA_DIR
# the README's recipe, with the ssh of this test
run_sharded() {
    out=$1
    shift
    rm -f shard*.jsonl.partial
    parallel --will-cite -j 2 --ssh "ssh -F $work/ssh_config" --sshlogin "$logins" \
        --workdir "$work/remote" --env SLANT_DATA_DIR \
        --transferfile {} --return {}.partial --cleanup \
        "\"$slant\" compare --partial -j 1 $* -o {}.partial {} 2> /dev/null || test \$? -eq 1" \
        :::: shards.txt || return 1
    # shellcheck disable=SC2046
    "$slant" merge $(sed 's/$/.partial/' shards.txt) > "$out"
}
logins=second
check_designs "parallel --sshlogin second"
logins=second,third
check_designs "parallel --sshlogin second,third"

accepted=$(grep -c "Accepted publickey" sshd.log || true)
left=$(find remote -type f | wc -l)
if [ "$accepted" -ge 2 ] && [ "$left" -eq 0 ]; then
    echo "ok: $accepted ssh logins on the second host; --cleanup left nothing there"; ok
else fail "ssh logins $accepted, files left on the second host: $left"; fi

finish
