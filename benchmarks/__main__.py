"""``python -m benchmarks``: linking time, peak memory and blocking recall on a synthetic corpus.

Sizes default to 10k and 100k claims; ``--sizes 10000,100000,1000000`` or the
environment variable BENCH_SIZES (``make bench BENCH_SIZES=...``) chooses others.
Each size runs in its own process so peak memory (ru_maxrss) is that size's
alone; a size that runs past ``--timeout`` seconds or ``--max-gb`` of memory is
stopped and reported as such. Wall time depends on what else the machine runs,
so CPU time (all threads) and the load average are reported beside it. Growth
is reported as ratios within this one run; nothing here is a timed test.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue as queues
import sys
import time

from benchmarks.run import run_size

DEFAULT_SIZES = "10000,100000"


def _rss_mb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def _run(ctx, n: int, timeout: float, max_mb: int) -> dict:
    q = ctx.Queue()
    p = ctx.Process(target=run_size, args=(n, q))
    started = time.perf_counter()
    p.start()
    peak = 0
    try:
        while True:
            try:
                return q.get(timeout=1.0)
            except queues.Empty:
                pass
            peak = max(peak, _rss_mb(p.pid))
            elapsed = time.perf_counter() - started
            if not p.is_alive():
                return {"claims": n, "stopped": f"the process died (exit code {p.exitcode})", "peak_mb": peak}
            if elapsed > timeout:
                return {"claims": n, "stopped": f"still running after {elapsed:.0f} s (--timeout)", "peak_mb": peak}
            if peak > max_mb:
                return {"claims": n, "stopped": f"over {max_mb:,} MB after {elapsed:.0f} s (--max-gb)",
                        "peak_mb": peak}
    finally:
        if p.is_alive():
            p.kill()
        p.join()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES") or DEFAULT_SIZES,
                    help=f"comma-separated claim counts (default: $BENCH_SIZES or {DEFAULT_SIZES})")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds one size may run (default 1200)")
    ap.add_argument("--max-gb", type=float, default=16, help="memory one size may use (default 16)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"linking benchmark on {os.cpu_count()} cores", flush=True)
    results = []
    ctx = mp.get_context("spawn")
    for n in sizes:
        r = _run(ctx, n, args.timeout, int(args.max_gb * 1024))
        results.append(r)
        if "stopped" in r:
            print(f"{n:>9,} claims  stopped: {r['stopped']} (peak {r['peak_mb']:,} MB)", flush=True)
            continue
        line = (f"{n:>9,} claims  {r['seconds']:>8.2f} s  (CPU {r['cpu_seconds']:.1f} s, load {r['load']})  "
                f"{r['links']:>9,} links  peak {r['peak_mb']:>6,} MB (corpus alone {r['corpus_mb']:,} MB)")
        if "recall" in r:
            line += (f"  recall vs exhaustive {r['recall']:.4f} of {r['exhaustive_links']:,} links"
                     f" (exhaustive {r['exhaustive_seconds']:.1f} s)")
        print(line, flush=True)
    done = [r for r in results if "stopped" not in r]
    for first, r in zip(done, done[1:]):
        size = r["claims"] / first["claims"]
        print(f"{r['claims']:,} vs {first['claims']:,}: {size:.0f}x claims, {r['links'] / first['links']:.1f}x links, "
              f"{r['seconds'] / first['seconds']:.1f}x time, {r['cpu_seconds'] / first['cpu_seconds']:.1f}x CPU, "
              f"{r['peak_mb'] / first['peak_mb']:.1f}x peak memory, "
              f"{(r['peak_mb'] - r['corpus_mb']) / max(1, first['peak_mb'] - first['corpus_mb']):.1f}x "
              f"memory above the corpus")
    print(json.dumps(results))
    return 1 if len(done) < len(results) else 0


if __name__ == "__main__":
    sys.exit(main())
