#!/usr/bin/env python3
"""Time two crosscheck binaries side by side on one corpus, alternating whole processes.

Usage: python3 benches/compare.py OLD_BIN NEW_BIN CORPUS [--runs N]

For each command (ingest into a fresh index, discrepancies over that index, extract to JSON
Lines) the old and new binaries run in turn, old new old new ..., so a drift in the machine's
speed hits both alike. Prints the median wall and CPU seconds (user + system, children
included) of each, and the median of the per-pair new/old ratios: the figure to quote.
"""
import argparse, os, resource, shutil, statistics, subprocess, tempfile, time


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="cc-compare-")
    ix = {b: os.path.join(tmp, name) for b, name in ((a.old, "old"), (a.new, "new"))}

    def ingest(b):
        shutil.rmtree(ix[b], ignore_errors=True)
        return [b, "--quiet", "--index", ix[b], "ingest", a.corpus]

    commands = {
        "ingest": ingest,
        "discrepancies": lambda b: [b, "--quiet", "--index", ix[b], "discrepancies"],
        "extract": lambda b: [b, "extract", "--format", "jsonl", a.corpus],
    }
    for name, make in commands.items():
        timed(make(a.old)), timed(make(a.new))  # warm-up (and the indexes for discrepancies)
        rows = {"old": [], "new": []}
        for _ in range(a.runs):
            rows["old"].append(timed(make(a.old)))
            rows["new"].append(timed(make(a.new)))
        med = lambda xs, k: statistics.median(x[k] for x in xs)
        ratio = lambda k: statistics.median(n[k] / o[k] for o, n in zip(rows["old"], rows["new"]))
        print(f"{name:14} old wall {med(rows['old'], 0):.3f} s cpu {med(rows['old'], 1):.3f} s | "
              f"new wall {med(rows['new'], 0):.3f} s cpu {med(rows['new'], 1):.3f} s | "
              f"new/old wall {ratio(0):.2f} cpu {ratio(1):.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
