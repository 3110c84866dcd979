#!/usr/bin/env python3
"""Where a pooled batch's wall time goes, in a way that holds on a busy machine: for each worker
process, its life split into time on a CPU, time waiting for a CPU (the machine's load: not the
pool's doing) and time asleep (waiting for work or for its result to be read: the pool's cost).
Read from /proc/PID/schedstat (on-CPU and run-queue nanoseconds) every 20 ms.

    python3 idle_gaps.py TRACKPORT FOLDER [--jobs N] [--runs R] [TRACKPORT2 ...]

Prints, per run, wall seconds, the workers' CPU seconds, their run-queue wait and their sleep,
and sleep as a share of the workers' lives; with several binaries, runs them interleaved.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HZ = os.sysconf("SC_CLK_TCK")


def children_map():
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, "rb") as stat:
                    text = stat.read()
            except OSError:
                continue
            fields = text[text.rindex(b")") + 2:].split()
            parents.setdefault(int(fields[1]), []).append(int(entry))
    return parents


def sample(pid):
    """(on-CPU ns, run-queue ns) of every thread of `pid`, summed."""
    on = wait = 0
    try:
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/schedstat" % (pid, task)) as stat:
                a, b, _ = stat.read().split()
                on += int(a)
                wait += int(b)
    except OSError:
        return None
    return on, wait


def run(binary, folder, jobs, extra):
    out = tempfile.mkdtemp() + "/out.xlsx"
    start = time.monotonic()
    process = subprocess.Popen([binary, "convert", folder, "-o", out, "--quiet", "--jobs", str(jobs)] + extra,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = {}  # worker pid -> [first seen, last seen, on, wait, on at first, wait at first]
    while process.poll() is None:
        now = time.monotonic()
        tree = children_map()
        servers = tree.get(process.pid, [])
        for server in servers:
            for worker in tree.get(server, []):
                got = sample(worker)
                if got is None:
                    continue
                record = seen.setdefault(worker, [now, now, 0, 0, got[0], got[1]])
                record[1], record[2], record[3] = now, got[0], got[1]
        time.sleep(0.02)
    wall = time.monotonic() - start
    life = sum(r[1] - r[0] for r in seen.values())
    # Counted between the first and the last sample, so the life and its parts cover the same span.
    on = sum(r[2] - r[4] for r in seen.values()) / 1e9
    wait = sum(r[3] - r[5] for r in seen.values()) / 1e9
    asleep = life - on - wait  # within a sample (20 ms) a worker
    return wall, len(seen), life, on, wait, asleep


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--folder", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("%-28s %7s %7s %8s %8s %8s %8s %6s" % ("binary", "wall s", "workers", "life s", "cpu s",
                                                "queue s", "asleep s", "asleep"))
    for _ in range(args.runs):
        for binary in args.binaries:
            wall, workers, life, on, wait, asleep = run(binary, args.folder, args.jobs, [])
            print("%-28s %7.1f %7d %8.1f %8.1f %8.1f %8.2f %5.1f%%" % (
                binary[-28:], wall, workers, life, on, wait, asleep, 100 * asleep / life if life else 0))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
