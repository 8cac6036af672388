"""``python -m benchmarks``: linking time, peak memory and blocking recall on a synthetic corpus.

Sizes default to 10k, 100k and 1M claims (``--sizes 10000,100000``). Each size
runs in its own process so peak memory (ru_maxrss) is that size's alone.
Growth is reported as ratios within this one run; nothing here is a timed test.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys

from benchmarks.run import run_size


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated claim counts")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"linking benchmark on {os.cpu_count()} cores", flush=True)
    results = []
    ctx = mp.get_context("spawn")
    for n in sizes:
        q = ctx.Queue()
        p = ctx.Process(target=run_size, args=(n, q))
        p.start()
        r = q.get()
        p.join()
        results.append(r)
        line = (f"{n:>9,} claims  {r['seconds']:>8.2f} s  {r['links']:>9,} links  "
                f"peak {r['peak_mb']:>6,} MB (corpus alone {r['corpus_mb']:,} MB)")
        if "recall" in r:
            line += (f"  recall vs exhaustive {r['recall']:.4f} of {r['exhaustive_links']:,} links"
                     f" (exhaustive {r['exhaustive_seconds']:.1f} s)")
        print(line, flush=True)
    first = results[0]
    for r in results[1:]:
        size = r["claims"] / first["claims"]
        print(f"{r['claims']:,} vs {first['claims']:,}: {size:.0f}x claims, "
              f"{r['seconds'] / first['seconds']:.1f}x time, {r['peak_mb'] / first['peak_mb']:.1f}x peak memory")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
