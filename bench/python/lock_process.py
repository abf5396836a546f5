"""Peer of `lock-process`: a `Manager().Lock()` and a `Manager().Value('i', 0)` (both proxies to
the manager's server process, so every acquire, read, write and release is a round trip).

- uncontended: one child process runs `--iterations` of acquire, `value.value += 1`, release;
  the number is the child's loop time / iterations.
- contended: two child processes meet at a barrier and run `--contended-iterations` each.
Each measurement repeats `--repeat` times after one small warm-up; the medians are printed as
`BENCH_RESULT <json>` (µs per lock+increment).
"""

import argparse
import json
import multiprocessing as mp

from lock_common import contended, loop, summary


def uncontended_child(lock, value, n, out):
    out.put(loop(lock, value, n, None, None))


def uncontended(lock, value, n):
    value.value = 0
    out = mp.Queue()
    child = mp.Process(target=uncontended_child, args=(lock, value, n, out))
    child.start()
    t0, t1 = out.get()
    child.join()
    if value.value != n:
        raise SystemExit(f"wrong count: {value.value} != {n}")
    return (t1 - t0) / n * 1e6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, required=True)
    parser.add_argument("--contended-iterations", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    args = parser.parse_args()
    with mp.Manager() as manager:
        lock = manager.Lock()
        value = manager.Value("i", 0)
        uncontended(lock, value, min(args.iterations, 100))
        un, co = [], []
        for _ in range(args.repeat):
            un.append(uncontended(lock, value, args.iterations))
            co.append(contended(lock, value, args.contended_iterations, manager.Barrier, mp.Queue))
    result = summary(un, co, iterations=args.iterations, contendedIterations=args.contended_iterations)
    print("BENCH_RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
