"""One benchmark size, run in its own process (see ``python -m benchmarks``)."""
from __future__ import annotations

import os
import resource
import time


def run_size(n: int, queue) -> None:
    from attribution.link import find_links
    from benchmarks.corpus import make_claims

    claims = make_claims(n, seed=1)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load = os.getloadavg()[0]
    t, cpu = time.perf_counter(), time.process_time()
    links = find_links(claims)
    seconds, cpu_seconds = time.perf_counter() - t, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {"claims": n, "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2), "links": len(links),
           "peak_mb": round(peak / 1024), "corpus_mb": round(base / 1024), "load": round(load, 1)}
    if n <= 10_000:
        t = time.perf_counter()
        exhaustive = {l["id"] for l in find_links(claims, exhaustive=True)}
        out["exhaustive_seconds"] = round(time.perf_counter() - t, 2)
        blocked = {l["id"] for l in links}
        out["exhaustive_links"] = len(exhaustive)
        out["recall"] = round(len(blocked & exhaustive) / len(exhaustive), 4) if exhaustive else None
    queue.put(out)
