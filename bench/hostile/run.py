#!/usr/bin/env python3
"""Runs trackport over the hostile suite made by make_hostile.py and judges it as issue 13 does:
every bad file a single line naming it, every good file converted with the items it gives alone,
peak memory of the whole process tree, and nothing left behind after SIGTERM or SIGKILL.

    python3 run.py TRACKPORT OUT [--cases] [--batch] [--kill] [--jobs N] [--output EXT]

--cases   converts each hostile case alone (default options), one run each
--batch   converts OUT/batch (default options) into one output, then each file the batch should
          convert alone, and compares them
--kill    runs the batch again and stops it with SIGTERM, then with SIGKILL, part-way through:
          what is left beside the output, in TMPDIR, and among the processes
Memory is sampled every 10 ms as the sum over the command and all its descendants of resident
memory (RSS, so pages shared after a fork count in each process: an upper bound) and of
proportional set size (PSS, shared pages divided among their sharers: what the tree holds).
Prints one line a case that failed its expectation, then a summary; exits 1 when any did.
Standard library only. Linux only (/proc).
"""
import argparse
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

PAGE = os.sysconf("SC_PAGE_SIZE")


def descendants(root):
    """`root` and every process below it, found through /proc/*/stat."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, "rb") as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rindex(b")") + 2:].split()
        parents.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def rss_and_pss(pid, with_pss):
    try:
        with open("/proc/%d/statm" % pid) as statm:
            rss = int(statm.read().split()[1]) * PAGE
        pss = 0
        if with_pss:
            with open("/proc/%d/smaps_rollup" % pid) as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        pss = int(line.split()[1]) * 1024
                        break
        return rss, pss
    except (OSError, ValueError, IndexError):
        return 0, 0


class TreeMemory:
    """Samples the process tree under `pid` until stopped; peak sums of RSS and PSS, and the
    most processes seen at once."""

    def __init__(self, pid, interval=0.01):
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = self.most = self.peak_root = 0
        self.all_pids = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        tick = 0
        while not self._stop.is_set():
            pids = descendants(self.pid)
            self.all_pids.update(pids)
            with_pss = tick % 5 == 0 or len(pids) > 1
            rss = pss = 0
            for pid in pids:
                r, p = rss_and_pss(pid, with_pss)
                rss += r
                pss += p
                if pid == self.pid:
                    self.peak_root = max(self.peak_root, r)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.most = max(self.most, len(pids))
            tick += 1
            self._stop.wait(self.interval)

    def stop(self):
        self._stop.set()
        self._thread.join()


SAMPLE_SECONDS = 0.01  # how often the process tree's memory is sampled (--interval)


def run_measured(command, timeout, env=None, cwd=None):
    """Runs `command`; returns (exit code or -signal, stdout, stderr, seconds, peak RSS, peak PSS,
    user+sys CPU seconds of the tree)."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        memory = TreeMemory(process.pid, SAMPLE_SECONDS)
        before = os.times()
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            for pid in descendants(process.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            process.wait()
            code = "timeout"
        after = os.times()
        memory.stop()
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        run_measured.peak_root = memory.peak_root  # the command's own process
        return code, out.read(), err.read(), seconds, memory.peak_rss, memory.peak_pss, cpu


def messages(stderr):
    """stderr as trackport's messages: each starts with 'trackport: ' at the start of a line (a
    file name may hold a newline, so a message may span lines)."""
    text = stderr.decode("utf-8", "surrogateescape")
    parts = []
    for line in text.split("\n"):
        if line.startswith("trackport: ") or not parts:
            parts.append(line)
        else:
            parts[-1] += "\n" + line
    return [p for p in parts if p.startswith("trackport: ")]


def named(message, path):
    return message.startswith("trackport: " + path + ":")


def load_documents(path):
    try:
        return json.loads(pathlib.Path(path).read_bytes().decode("utf-8", "surrogateescape"))
    except (OSError, ValueError):
        return None


def as_json_text(path):
    """A file name as JSON (UTF-8) writes it: bytes that are not UTF-8 replaced."""
    return os.fsencode(path).decode("utf-8", "replace")


def comparable(document):
    """A document as a batch and a lone run must agree on (everything it holds)."""
    return json.dumps(document, sort_keys=True, ensure_ascii=True)


MB = 1 << 20


def fmt_mb(value):
    return "%d MB" % (value // MB)


# ---------------------------------------------------------------------------------------------

def convert_alone(trackport, path, work, timeout=600):
    work.mkdir(parents=True, exist_ok=True)
    target = work / "alone.json"
    if target.exists():
        target.unlink()
    result = run_measured([trackport, "convert", path, "-o", str(target)], timeout)
    documents = load_documents(target) if target.exists() else None
    left = sorted(os.listdir(work))
    return result, documents, left


# What a run of one file may say beside that file's own line.
SUMMARY_LINES = ("trackport: nothing converted; ", "trackport: no input files to convert")


def judge_alone(case, result, documents, left):
    code, _, err, seconds, rss, pss, _ = result
    said = [m for m in messages(err) if not m.startswith(SUMMARY_LINES)]
    problems = []
    path = case["abs"]
    if code == "timeout":
        problems.append("did not finish")
    elif isinstance(code, int) and (code < 0 or code > 2):
        problems.append("exit %s (a signal or a crash)" % code)
    if case["expect"] == "fail":
        if code != 1:
            problems.append("exit %s, not 1" % code)
        if len(said) != 1 or not named(said[0], path):
            problems.append("%d lines on stderr, not one naming the file: %r" % (len(said), said[:3]))
    elif case["expect"] == "convert":
        if code != 0 or said:
            problems.append("not converted: exit %s %r" % (code, said[:2]))
    else:
        if code == 1 and (len(said) != 1 or not named(said[0], path)):
            problems.append("%d lines on stderr, not one naming the file: %r" % (len(said), said[:3]))
        if code == 0 and said:
            problems.append("converted, with lines on stderr: %r" % said[:2])
    if any(name != "alone.json" for name in left):
        problems.append("left behind: %s" % [n for n in left if n != "alone.json"])
    if code == 1 and "alone.json" in left and case["expect"] == "fail":
        problems.append("an output was written for a file that failed alone")
    if documents is not None and "root:x:0:0" in json.dumps(documents):
        problems.append("the output holds /etc/passwd (XXE)")
    return problems


def run_cases(args, out, trackport):
    cases = json.loads((out / "cases.json").read_text())
    failures = 0
    slowest = []
    work = pathlib.Path(tempfile.mkdtemp(prefix="hostile-cases-"))
    peak = (0, 0, "")
    for case in cases:
        if case["expect"] == "walk":
            continue
        case["abs"] = os.fsdecode(os.path.abspath(os.fsencode(str(out / "hostile" / case["path"]))))
        result, documents, left = convert_alone(trackport, case["abs"], work / "out", args.timeout)
        problems = judge_alone(case, result, documents, left)
        code, _, err, seconds, rss, pss, _ = result
        slowest.append((seconds, case["path"]))
        if rss > peak[0]:
            peak = (rss, pss, case["path"])
        first = messages(err)[:1]
        if args.verbose or problems:
            print("%-6s %-62s exit %-4s %6.2f s %7s  %s%s" % (
                "FAIL" if problems else "ok", case["path"].replace("\n", "\\n")[:62], code, seconds,
                fmt_mb(rss), "; ".join(problems) if problems else "",
                "" if problems else (first[0][len("trackport: ") + len(case["abs"]) + 2:][:70] if first else "converted")))
        failures += bool(problems)
        shutil.rmtree(work / "out", ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    slowest.sort(reverse=True)
    print("cases: %d run alone, %d failed their expectation; slowest: %s; most memory: %s (%s RSS, %s PSS)" % (
        sum(1 for c in cases if c["expect"] != "walk"), failures,
        ", ".join("%s %.1f s" % (p, s) for s, p in slowest[:4]), peak[2], fmt_mb(peak[0]), fmt_mb(peak[1])))
    return failures


def batch_command(trackport, batch, output, extra=()):
    return [trackport, "convert", str(batch), "-o", str(output)] + list(extra)


def run_batch(args, out, trackport):
    listed = json.loads((out / "batch.json").read_text())
    batch = (out / "batch").resolve()
    work = pathlib.Path(tempfile.mkdtemp(prefix="hostile-batch-"))
    output = work / ("batch." + args.output)
    result = run_measured(batch_command(trackport, batch, output, args.extra), args.timeout)
    code, _, err, seconds, rss, pss, cpu = result
    said = messages(err)
    print("batch: %d files, exit %s, %.1f s wall, %.1f s CPU, peak %s RSS / %s PSS (whole tree; "
          "trackport's own process %s), %d lines on stderr"
          % (len(listed), code, seconds, cpu, fmt_mb(rss), fmt_mb(pss), fmt_mb(run_measured.peak_root), len(said)))
    failures = 0
    if code == "timeout" or not isinstance(code, int) or code not in (0, 1):
        print("FAIL   batch exit %s" % code)
        failures += 1
    if rss > args.memory_mb * MB:
        print("FAIL   batch peak memory %s RSS over %d MB" % (fmt_mb(rss), args.memory_mb))
        failures += 1
    if args.output != "json":
        # the memory run; the items are judged from a JSON run
        output = work / "batch.json"
        code, _, err, *_ = run_measured(batch_command(trackport, batch, output, args.extra), args.timeout)
        said = messages(err)
    documents = load_documents(output) or []
    by_source = {}
    for document in documents:
        by_source.setdefault(document["source"]["file"], []).append(document)
    by_message = {}
    for message in said:
        for entry in listed:
            path = str(batch.parent / entry["path"])
            if named(message, path):
                by_message.setdefault(entry["path"], []).append(message)
                break
        else:
            by_message.setdefault(None, []).append(message)
    checked = 0

    def alone(entry):
        path = str(batch.parent / entry["path"])
        lone = work / ("alone-%d" % threading.get_ident())
        return convert_alone(trackport, path, lone, args.timeout)

    to_compare = [e for e in listed if e["expect"] in ("convert", "either")
                  and not by_message.get(e["path"])]
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        lone_results = dict(zip((e["path"] for e in to_compare), pool.map(alone, to_compare)))
    for entry in listed:
        path = str(batch.parent / entry["path"])
        lines = by_message.get(entry["path"], [])
        docs = by_source.get(path) or by_source.get(as_json_text(path), [])
        items = sum(len(d.get("items", [])) for d in docs)
        problems = []
        if entry["expect"] == "fail":
            if len(lines) != 1:
                problems.append("%d lines, not one" % len(lines))
            if items:
                problems.append("%d items from a bad file" % items)
        elif len(lines) > 1:
            problems.append("%d lines" % len(lines))
        elif entry["expect"] == "convert" and lines:
            problems.append("failed in the batch: %s" % lines[0])
        if entry["path"] in lone_results:
            (lone_code, *_), lone_docs, _ = lone_results[entry["path"]]
            if entry["expect"] == "convert" and lone_code != 0:
                problems.append("does not convert alone either (exit %s)" % lone_code)
            if lone_docs is not None:
                lone_docs = [d for d in lone_docs if d["source"]["file"] in (path, as_json_text(path))] or lone_docs
                if [comparable(d) for d in docs] != [comparable(d) for d in lone_docs]:
                    problems.append("its documents differ from converting it alone (%d vs %d items)" % (
                        items, sum(len(d.get("items", [])) for d in lone_docs)))
            elif docs and any(d.get("items") for d in docs):
                problems.append("items in the batch, none alone")
        if "root:x:0:0" in json.dumps(docs):
            problems.append("the output holds /etc/passwd (XXE)")
        checked += 1
        if problems:
            failures += 1
            print("FAIL   %-60s %s" % (entry["path"].replace("\n", "\\n"), "; ".join(problems)))
    for message in by_message.get(None, []):
        if ": skipped: " not in message:
            print("NOTE   a line naming no listed file: %s" % message.replace("\n", "\\n")[:200])
    good = sum(1 for e in listed if e["expect"] == "convert")
    print("batch: %d files checked (%d good, %d hostile), %d failed their expectation" % (
        checked, good, checked - good, failures))
    shutil.rmtree(work, ignore_errors=True)
    return failures, seconds


def leftovers_after(trackport, batch, output_ext, sig, delay, extra):
    """Starts the batch, sends `sig` to trackport after `delay` seconds; what it left."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="hostile-kill-"))
    tmp = work / "tmp"
    tmp.mkdir()
    out_dir = work / "out"
    out_dir.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp))
    process = subprocess.Popen(batch_command(trackport, batch, out_dir / ("batch." + output_ext), extra),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(delay)
    tree = descendants(process.pid)
    if process.poll() is not None:  # finished first: its output is whole, nothing to judge
        process.wait()
        shutil.rmtree(work, ignore_errors=True)
        return None
    process.send_signal(sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    time.sleep(1.0)
    alive = [pid for pid in tree if os.path.exists("/proc/%d" % pid)
             and not open("/proc/%d/stat" % pid).read().split(") ")[1].startswith("Z")]
    left = sorted(os.listdir(out_dir))
    in_tmp = sorted(os.listdir(tmp))
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    shutil.rmtree(work, ignore_errors=True)
    return process.returncode, left, in_tmp, alive


def run_kill(args, out, trackport, seconds):
    batch = (out / "batch").resolve()
    failures = 0
    for ext in ("xlsx", "json", "sqlite", "jsonl"):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for share in (0.3, 0.7):
                stopped = leftovers_after(trackport, batch, ext, sig, seconds * share, args.extra)
                if stopped is None:
                    print("-      %-8s at %3d%% into -o batch.%-6s finished before the signal" % (
                        signal.Signals(sig).name, share * 100, ext))
                    continue
                code, left, in_tmp, alive = stopped
                allowed = {"batch.sqlite"} if ext == "sqlite" else set()
                # a database keeps what it committed, with SQLite's own write-ahead log and index
                stray = [n for n in left if n not in allowed and not n.startswith("batch.sqlite-")]
                ok = not stray and not in_tmp and not alive
                failures += not ok
                if args.verbose or not ok:
                    print("%-6s %-8s at %3d%% into -o batch.%-6s exit %-4s left beside the output: %s; in TMPDIR: %s; processes alive: %s"
                          % ("ok" if ok else "FAIL", signal.Signals(sig).name, share * 100, ext, code, left or "-",
                             in_tmp or "-", alive or "-"))
    print("kill: runs stopped by SIGTERM or SIGKILL, %d left something behind" % failures)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trackport")
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--cases", action="store_true")
    parser.add_argument("--batch", action="store_true")
    parser.add_argument("--kill", action="store_true")
    parser.add_argument("--output", default="xlsx", help="the batch's output format for the memory run")
    parser.add_argument("--jobs", type=int, default=2, help="lone conversions at once")
    parser.add_argument("--memory-mb", type=int, default=1024, help="the whole tree's memory goal")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--extra", nargs="*", default=[], help="more trackport options (default: none)")
    parser.add_argument("--interval", type=float, default=0.01,
                        help="seconds between samples of the process tree's memory")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    global SAMPLE_SECONDS
    SAMPLE_SECONDS = args.interval
    trackport = str(pathlib.Path(args.trackport).resolve())
    failures = 0
    seconds = None
    if args.cases:
        failures += run_cases(args, args.out, trackport)
    if args.batch:
        batch_failures, seconds = run_batch(args, args.out, trackport)
        failures += batch_failures
    if args.kill:
        if seconds is None:
            seconds = run_measured(batch_command(trackport, (args.out / "batch").resolve(),
                                                 pathlib.Path(tempfile.mkdtemp()) / "t.xlsx", args.extra),
                                   args.timeout)[3]
        failures += run_kill(args, args.out, trackport, seconds)
    print("hostile: %s" % ("every expectation met" if not failures else "%d failed their expectation" % failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
