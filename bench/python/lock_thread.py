"""Peer of `lock-thread`: `multiprocessing.Lock()` (a POSIX semaphore in shared memory) and a
`multiprocessing.Value('i', 0, lock=False)` (plain shared memory).

- uncontended: this process runs `--iterations` of acquire, `value.value += 1`, release.
- contended: two child processes meet at a barrier and run `--contended-iterations` each.
Each measurement repeats `--repeat` times after one small warm-up; the medians are printed as
`BENCH_RESULT <json>` (µs per lock+increment).
"""

import argparse
import json
import multiprocessing as mp

from lock_common import contended, loop, summary


def uncontended(lock, value, n):
    value.value = 0
    t0, t1 = loop(lock, value, n, None, None)
    if value.value != n:
        raise SystemExit(f"wrong count: {value.value} != {n}")
    return (t1 - t0) / n * 1e6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, required=True)
    parser.add_argument("--contended-iterations", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    args = parser.parse_args()
    lock = mp.Lock()
    value = mp.Value("i", 0, lock=False)
    uncontended(lock, value, min(args.iterations, 1000))
    un, co = [], []
    for _ in range(args.repeat):
        un.append(uncontended(lock, value, args.iterations))
        co.append(contended(lock, value, args.contended_iterations, mp.Barrier, mp.Queue))
    result = summary(un, co, iterations=args.iterations, contendedIterations=args.contended_iterations)
    print("BENCH_RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
