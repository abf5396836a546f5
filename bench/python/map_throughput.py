"""Peer of `map-throughput`: `--repeat` timed multiprocessing.Pool(processes).map(f, items)
calls on one pool, over items = list(range(--items)); the result is their median.

The pool is warmed up first with a map of `--warmup` items (workers started and running), as
Parascope's probe is. Prints one line, `BENCH_RESULT <json>`, which the harness reads.
"""

import argparse
import json
import multiprocessing as mp
import time


def f(x):
    return x * x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--processes", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    args = parser.parse_args()
    n = args.items
    # The input is built once, outside the timed calls, as Parascope's probe builds its array.
    items = list(range(n))
    runs = []
    with mp.Pool(args.processes) as pool:
        pool.map(f, range(args.warmup))
        for _ in range(args.repeat):
            cpu0 = time.process_time()
            t0 = time.perf_counter()
            out = pool.map(f, items)
            seconds = time.perf_counter() - t0
            caller_cpu = time.process_time() - cpu0
            if len(out) != n or out[-1] != (n - 1) ** 2:
                raise SystemExit("map returned wrong results")
            runs.append((seconds, caller_cpu))
    seconds, caller_cpu = sorted(runs)[len(runs) // 2]
    result = {
        "items": n,
        "seconds": seconds,
        "itemsPerSecond": n / seconds,
        "callerCpuSeconds": caller_cpu,
        "repeatSeconds": [r[0] for r in runs],
        "startMethod": mp.get_start_method(),
    }
    print("BENCH_RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
