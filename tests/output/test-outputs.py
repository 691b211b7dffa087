#!/usr/bin/env python3
"""-o FILE: whole or not at all, and what FILE may be.

For each command that writes with -o (compare, score, merge, lexicon
import, explain) and each way of writing (the unnamed O_TMPFILE file, and
the fallback of a named temporary file, forced with tests/fault's shim:
SLANT_FAULT_NO_TMPFILE), checks that:

  - a new FILE holds exactly what standard output gets, with mode 0666
    less the umask, and its folder holds nothing else afterwards;
  - an existing FILE is replaced and keeps its permission bits;
  - a name of 250 bytes works (the temporary name is short);
  - a symbolic link is followed: the link stays, its target is replaced
    (through a chain of links, relative and absolute, and a dangling link
    creates its target); a loop of links is refused (exit 4);
  - a named pipe is written in place (a reader gets every byte) and stays
    a pipe; a character device (made with mknod, when allowed) stays one;
  - a read-only FILE (mode 0444) is refused with exit 4 and left as it
    was, whoever runs the test, root included;
  - a folder as FILE is refused with exit 4.

usage: test-outputs.py --slant BIN --source-dir DIR --fault-lib SO
"""

import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

ARTICLES = "tests/data/cli/articles.jsonl"
LEXICON = "tests/data/cli/lexicon.json"
WORDLIST = "A good\t2\nbad\t-3\n"


class Checker:
    def __init__(self, slant, source_dir, fault_lib):
        self.slant = os.path.abspath(slant)
        self.src = os.path.abspath(source_dir)
        self.fault_lib = os.path.abspath(fault_lib)
        self.failures = []
        self.checks = 0
        self.umask = os.umask(0o022)
        os.umask(self.umask)

    def commands(self, work):
        """name -> argument list without -o (a partial is made for merge)."""
        lex = os.path.join(self.src, LEXICON)
        art = os.path.join(self.src, ARTICLES)
        partial = os.path.join(work, "shard.partial")
        if not os.path.exists(partial):
            subprocess.run([self.slant, "compare", "--partial", "-j", "1", "-l", lex,
                            "-o", partial, art], check=True)
        wordlist = os.path.join(work, "list.tsv")
        with open(wordlist, "w", encoding="utf-8") as f:
            f.write(WORDLIST)
        return {
            "compare": ["compare", "-j", "1", "--bootstrap", "50", "-l", lex, art],
            "score": ["score", "-j", "1", "-l", lex, art],
            "merge": ["merge", "-l", lex, partial],
            "import": ["lexicon", "import", wordlist],
            "explain": ["explain", "-j", "1", "-l", lex, art],
        }

    def run(self, args, out, env_extra):
        env = dict(os.environ, LC_ALL="C.UTF-8", SLANT_DATA_DIR=self.src)
        env.update(env_extra)
        return subprocess.run([self.slant] + args + ["-o", out], capture_output=True, env=env,
                              timeout=120)

    def expect(self, ok, what):
        self.checks += 1
        if not ok:
            self.failures.append(what)
            print("FAIL " + what)

    def only(self, folder, names, what):
        left = sorted(os.listdir(folder))
        self.expect(left == sorted(names), f"{what}: the folder holds {left}, expected {sorted(names)}")

    def check_command(self, name, args, mode, env, reference):
        tag = f"{name} ({mode})"
        with tempfile.TemporaryDirectory(prefix="slant-out-") as d:
            # a new file
            out = os.path.join(d, "new.out")
            p = self.run(args, out, env)
            self.expect(p.returncode == 0, f"{tag}: new file: exit {p.returncode}: {p.stderr!r}")
            self.expect(os.path.exists(out) and open(out, "rb").read() == reference,
                        f"{tag}: new file: not what standard output gets")
            if os.path.exists(out):
                self.expect(stat.S_IMODE(os.stat(out).st_mode) == 0o666 & ~self.umask,
                            f"{tag}: new file: mode {oct(os.stat(out).st_mode)}")
            self.only(d, ["new.out"], f"{tag}: new file")

            # an existing file: replaced, its mode kept
            with open(out, "wb") as f:
                f.write(b"old")
            os.chmod(out, 0o600)
            p = self.run(args, out, env)
            self.expect(p.returncode == 0 and open(out, "rb").read() == reference,
                        f"{tag}: existing file not replaced: {p.stderr!r}")
            self.expect(stat.S_IMODE(os.stat(out).st_mode) == 0o600,
                        f"{tag}: existing file: mode {oct(os.stat(out).st_mode)}, expected 0o600")
            self.only(d, ["new.out"], f"{tag}: existing file")
            if os.path.exists(out):
                os.unlink(out)

            # a name as long as names go: the temporary name must not add to it
            out = os.path.join(d, "n" * 245 + ".json")
            p = self.run(args, out, env)
            self.expect(p.returncode == 0 and os.path.exists(out) and open(out, "rb").read() == reference,
                        f"{tag}: 250-byte name: exit {p.returncode}: {p.stderr!r}")
            self.only(d, [os.path.basename(out)], f"{tag}: 250-byte name")
            if os.path.exists(out):
                os.unlink(out)

            # a folder
            os.mkdir(os.path.join(d, "folder"))
            p = self.run(args, os.path.join(d, "folder"), env)
            self.expect(p.returncode == 4 and b"Is a directory" in p.stderr,
                        f"{tag}: a folder as output: exit {p.returncode}: {p.stderr!r}")
            self.only(d, ["folder"], f"{tag}: a folder as output")

    def check_links_and_special(self, name, args, mode, env, reference):
        """Links are followed; pipes and devices are written in place."""
        tag = f"{name} ({mode})"
        with tempfile.TemporaryDirectory(prefix="slant-out-") as d:
            os.mkdir(os.path.join(d, "real"))
            target = os.path.join(d, "real", "target.out")
            with open(target, "wb") as f:
                f.write(b"old")
            # link -> (absolute) link -> (relative) target
            os.symlink("real/target.out", os.path.join(d, "rel.link"))
            os.symlink(os.path.join(d, "rel.link"), os.path.join(d, "abs.link"))
            p = self.run(args, os.path.join(d, "abs.link"), env)
            self.expect(p.returncode == 0, f"{tag}: through links: exit {p.returncode}: {p.stderr!r}")
            self.expect(os.path.islink(os.path.join(d, "abs.link")) and
                        os.path.islink(os.path.join(d, "rel.link")),
                        f"{tag}: a link was replaced instead of its target")
            self.expect(open(target, "rb").read() == reference, f"{tag}: the link's target not written")
            self.only(d, ["abs.link", "real", "rel.link"], f"{tag}: through links")
            self.only(os.path.join(d, "real"), ["target.out"], f"{tag}: through links")

            # a dangling link: its target is made
            os.symlink("real/made.out", os.path.join(d, "dangling.link"))
            p = self.run(args, os.path.join(d, "dangling.link"), env)
            self.expect(p.returncode == 0 and os.path.islink(os.path.join(d, "dangling.link")) and
                        open(os.path.join(d, "real", "made.out"), "rb").read() == reference,
                        f"{tag}: a dangling link's target not made: {p.stderr!r}")

            # a loop of links
            os.symlink("loop.b", os.path.join(d, "loop.a"))
            os.symlink("loop.a", os.path.join(d, "loop.b"))
            p = self.run(args, os.path.join(d, "loop.a"), env)
            self.expect(p.returncode == 4 and b"Too many levels of symbolic links" in p.stderr,
                        f"{tag}: a loop of links: exit {p.returncode}: {p.stderr!r}")

            # a named pipe, with a reader
            fifo = os.path.join(d, "pipe")
            os.mkfifo(fifo)
            got = []
            def read_pipe():
                try:
                    with open(fifo, "rb") as f:
                        got.append(f.read())
                except OSError:
                    pass
            # a daemon: if slant replaced the pipe, the reader waits for ever
            reader = threading.Thread(target=read_pipe, daemon=True)
            reader.start()
            p = self.run(args, fifo, env)
            reader.join(20)
            self.expect(p.returncode == 0 and got == [reference],
                        f"{tag}: a named pipe did not get the output: exit {p.returncode}: {p.stderr!r}")
            self.expect(stat.S_ISFIFO(os.lstat(fifo).st_mode), f"{tag}: the named pipe was replaced")

            # a character device: the null device, made here (root can, in most containers)
            dev = os.path.join(d, "null")
            try:
                os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            except OSError:
                dev = None
            if dev is not None:
                p = self.run(args, dev, env)
                st = os.lstat(dev)
                self.expect(p.returncode == 0 and stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3),
                            f"{tag}: a device was replaced (exit {p.returncode}: {p.stderr!r})")
            left = set(os.listdir(d)) - {"abs.link", "rel.link", "real", "dangling.link", "loop.a",
                                         "loop.b", "pipe", "null"}
            self.expect(not left, f"{tag}: left behind: {sorted(left)}")

    def check_read_only(self, name, args, mode, env, reference):
        """A file whose mode grants no write is refused, root or not."""
        tag = f"{name} ({mode})"
        with tempfile.TemporaryDirectory(prefix="slant-out-") as d:
            out = os.path.join(d, "kept.out")
            with open(out, "wb") as f:
                f.write(b"keep me")
            os.chmod(out, 0o444)
            p = self.run(args, out, env)
            self.expect(p.returncode == 4 and
                        f"cannot write '{out}': Permission denied".encode() in p.stderr,
                        f"{tag}: a read-only file: exit {p.returncode}: {p.stderr!r}")
            self.expect(open(out, "rb").read() == b"keep me" and
                        stat.S_IMODE(os.stat(out).st_mode) == 0o444,
                        f"{tag}: a read-only file was changed")
            # through a link, too
            os.symlink("kept.out", os.path.join(d, "link"))
            p = self.run(args, os.path.join(d, "link"), env)
            self.expect(p.returncode == 4 and open(out, "rb").read() == b"keep me",
                        f"{tag}: a read-only file behind a link: exit {p.returncode}")
            self.only(d, ["kept.out", "link"], f"{tag}: a read-only file")

    def main(self):
        work = tempfile.mkdtemp(prefix="slant-out-work-")
        try:
            cmds = self.commands(work)
            modes = {"unnamed file": {},
                     "named temporary file": {"LD_PRELOAD": self.fault_lib,
                                              "SLANT_FAULT_NO_TMPFILE": "1",
                                              "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "")
                                              + ":verify_asan_link_order=0"}}
            for name, args in cmds.items():
                env = dict(os.environ, LC_ALL="C.UTF-8", SLANT_DATA_DIR=self.src)
                ref = subprocess.run([self.slant] + args, capture_output=True, env=env, timeout=120)
                if ref.returncode != 0:
                    self.expect(False, f"{name}: the reference run failed: {ref.stderr!r}")
                    continue
                for mode, extra in modes.items():
                    self.check_command(name, args, mode, extra, ref.stdout)
                    self.check_links_and_special(name, args, mode, extra, ref.stdout)
                    self.check_read_only(name, args, mode, extra, ref.stdout)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"{self.checks - len(self.failures)} of {self.checks} checks passed")
        return 1 if self.failures else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--slant", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--fault-lib", required=True)
    a = ap.parse_args()
    sys.exit(Checker(a.slant, a.source_dir, a.fault_lib).main())
