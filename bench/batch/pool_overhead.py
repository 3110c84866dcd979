#!/usr/bin/env python3
"""What the pool of worker processes costs a batch: the same folder converted into one workbook
by the default pool (each file in a worker, --timeout and --memory-limit at their defaults) and
with --in-process (no isolation, no limits), at --jobs 1 and 2, the runs interleaved, ROUNDS
rounds; prints each run and then the median wall and CPU seconds per mode and the pool's ratio.

    bench/batch/pool_overhead.py TRACKPORT FOLDER [ROUNDS]       (default 5 rounds)

Issue 13 and 14 ask the pool to cost at most 5% of the batch's wall time. Run it on a quiet
machine: the load average before and after is printed, as a busy machine's scheduling shows up
as the pool's cost (see idle_gaps.py for a measure that holds under load).
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def run(binary, folder, out, jobs, in_process):
    command = [binary, "convert", folder, "-o", out, "--jobs", str(jobs), "--quiet"]
    if in_process:
        command.append("--in-process")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):  # 1: some input failed, as a hostile folder may have
        sys.exit(f"pool_overhead.py: {' '.join(command)} exited {done.returncode}: {done.stderr}")
    return wall, cpu


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, folder = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    files = sum(len(names) for _, _, names in os.walk(folder))
    print(f"{files} files in {folder}; load average before: {os.getloadavg()}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="trackport-pool-") as scratch:
        out = os.path.join(scratch, "out.xlsx")
        run(binary, folder, out, 2, False)  # warm the page cache
        for r in range(rounds):
            for jobs in (1, 2):
                for in_process in (False, True):
                    wall, cpu = run(binary, folder, out, jobs, in_process)
                    mode = "in-process" if in_process else "pool"
                    results.setdefault((mode, jobs), []).append((wall, cpu))
                    print(f"round {r + 1} --jobs {jobs} {mode:10s} wall {wall:6.2f} s  cpu {cpu:6.2f} s",
                          flush=True)
    print(f"load average after: {os.getloadavg()}")
    print("\n| jobs | pool wall (median) | in-process wall | pool / in-process | pool CPU | in-process CPU |")
    print("|---|---|---|---|---|---|")
    for jobs in (1, 2):
        pool = results[("pool", jobs)]
        inproc = results[("in-process", jobs)]
        pw = statistics.median(w for w, _ in pool)
        iw = statistics.median(w for w, _ in inproc)
        pc = statistics.median(c for _, c in pool)
        ic = statistics.median(c for _, c in inproc)
        print(f"| {jobs} | {pw:.2f} s | {iw:.2f} s | {pw / iw:.3f} | {pc:.2f} s | {ic:.2f} s |")


if __name__ == "__main__":
    main()
