"""Peer of `task-throughput`: `--repeat` timed rounds of `--tasks` single tasks submitted with
multiprocessing.Pool(processes).apply_async(inc, (i,)), pipelined: every task is submitted,
then every result is collected with `.get()`. The result is their median.

The pool is warmed up first with `--warmup` tasks the same way (workers started and running),
as Parascope's probe is. Prints one line, `BENCH_RESULT <json>`, which the harness reads.
"""

import argparse
import json
import multiprocessing as mp
import time


def inc(x):
    return x + 1


def run(pool, n):
    pending = [pool.apply_async(inc, (i,)) for i in range(n)]
    out = [r.get() for r in pending]
    if len(out) != n or out[0] != 1 or out[-1] != n:
        raise SystemExit("apply_async returned wrong results")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--processes", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    args = parser.parse_args()
    n = args.tasks
    runs = []
    with mp.Pool(args.processes) as pool:
        run(pool, args.warmup)
        for _ in range(args.repeat):
            cpu0 = time.process_time()
            t0 = time.perf_counter()
            run(pool, n)
            seconds = time.perf_counter() - t0
            runs.append((seconds, time.process_time() - cpu0))
    seconds, caller_cpu = sorted(runs)[len(runs) // 2]
    result = {
        "tasks": n,
        "seconds": seconds,
        "tasksPerSecond": n / seconds,
        "callerCpuSeconds": caller_cpu,
        "repeatSeconds": [r[0] for r in runs],
        "startMethod": mp.get_start_method(),
    }
    print("BENCH_RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
