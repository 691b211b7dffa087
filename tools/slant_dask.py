#!/usr/bin/python3
"""slant on Dask: score shards on a Dask cluster, merge on the client.

    python3 tools/slant_dask.py [--workers N | --scheduler ADDRESS] [-o REPORT]
                                [--slant PATH] SHARD... [-- COMPARE_OPTION...]

Each shard (a .jsonl, .jsonl.gz or a folder, in the corpus' order) is one
task that runs `slant compare --partial -j 1 COMPARE_OPTION... SHARD` on a
worker and returns the partial's bytes; the client pipes the partials, in
shard order, into one `slant merge -`, whose report (stdout or -o REPORT)
is the one a single run over the shards in that order gives, byte for byte.
Partials are handed to merge as soon as the next one in order is done and
then released, so the client holds few of them at a time.

With --workers N (default: one per core) the cluster is a LocalCluster of N
single-threaded worker processes on this machine; with --scheduler ADDRESS
(tcp://host:8786) the tasks go to a running cluster.  Workers run slant in
the client's working folder, so relative shard paths (and --lexicon) must
name the same files there: a shared file system, mounted at the same place.
The slant binary is --slant, else $SLANT, else `slant` on PATH, on every
worker.  The exit status is merge's (1: documents were skipped, the report
lists them); a task that fails (compare exit 2 or more) stops the run with
compare's status.  Needs Debian's python3-distributed.
"""

import argparse
import os
import shutil
import subprocess
import sys


def score_shard(slant, shard, options, cwd):
    """Run on a worker: the partial of one shard, as bytes.

    compare's exit 1 means the partial was written and some documents were
    skipped (or the shard is empty): the merge reports them.  Anything else
    but 0 is a failure, raised with compare's message and status."""
    run = subprocess.run([slant, "compare", "--partial", "-j", "1", *options, shard],
                         cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if run.returncode > 1 or not run.stdout:
        raise ShardFailed(shard, run.returncode, run.stderr.decode("utf-8", "replace"))
    return run.stdout, run.stderr


class ShardFailed(Exception):
    """A shard whose compare failed: its path, exit status and stderr."""

    def __init__(self, shard, status, stderr):
        super().__init__(shard, status, stderr)
        self.shard, self.status, self.stderr = shard, status, stderr

    def __str__(self):
        return f"{self.shard}: slant compare failed (exit {self.status}): {self.stderr.strip()}"


def parse_args(argv):
    if "--" in argv:
        cut = argv.index("--")
        argv, options = argv[:cut], argv[cut + 1:]
    else:
        options = []
    p = argparse.ArgumentParser(
        prog="slant_dask.py",
        description="Score shards with `slant compare --partial` on Dask, merge in order.")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="worker processes of a LocalCluster (default: one per core)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="the scheduler of a running cluster, e.g. tcp://host:8786")
    p.add_argument("--slant", default=os.environ.get("SLANT") or shutil.which("slant") or "slant",
                   help="the slant binary on the workers (default: $SLANT, else slant on PATH)")
    p.add_argument("-o", "--output", metavar="REPORT", help="write the report here (default: stdout)")
    p.add_argument("--list", metavar="FILE", help="read the shards' paths from FILE, one a line")
    p.add_argument("shards", nargs="*", metavar="SHARD")
    a = p.parse_args(argv)
    if a.list:
        with open(a.list, encoding="utf-8") as f:
            a.shards += [line.rstrip("\r\n") for line in f if line.strip()]
    if not a.shards:
        p.error("give at least one SHARD (or --list FILE)")
    a.options = options
    return a


def run(a, client):
    """Map the shards, pipe the partials into `slant merge -` in shard order."""
    merge_cmd = [a.slant, "merge"] + (["-o", a.output] if a.output else []) + ["-"]
    cwd = os.getcwd()
    futures = client.map(score_shard, [a.slant] * len(a.shards), a.shards,
                         [a.options] * len(a.shards), [cwd] * len(a.shards), pure=False)
    merge = subprocess.Popen(merge_cmd, stdin=subprocess.PIPE)
    try:
        for i, fut in enumerate(futures):
            partial, warnings = fut.result()
            futures[i] = None  # released: the worker may drop the partial
            fut.release()
            for line in warnings.decode("utf-8", "replace").splitlines():
                print(f"{a.shards[i]}: {line}", file=sys.stderr)
            merge.stdin.write(partial)
    except ShardFailed as e:
        merge.kill()
        merge.wait()
        print(f"slant_dask: {e}", file=sys.stderr)
        return e.status
    except BrokenPipeError:
        pass  # merge stopped early; its status and message say why
    finally:
        if merge.stdin and not merge.stdin.closed:
            try:
                merge.stdin.close()
            except BrokenPipeError:
                pass
    return merge.wait()


def main(argv):
    a = parse_args(argv)
    from distributed import Client, LocalCluster  # after parsing: --help needs no Dask

    if a.scheduler:
        with Client(a.scheduler) as client:
            return run(a, client)
    with LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        return run(a, client)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
