"""Shared by lock_process.py and lock_thread.py: the timed loop and the two measurements.

`loop` is the workload of both cases: `--iterations` times acquire the lock, increment a
shared value, release. A contended run starts two processes that meet at a barrier, then loop
at once; its number is the span from the first loop's start to the last loop's end divided by
all the iterations, i.e. the time the pair takes per lock+increment. time.perf_counter is the
machine's monotonic clock, so starts and ends of different processes compare directly.
"""

import multiprocessing as mp
import time


def loop(lock, value, n, barrier, out):
    if barrier is not None:
        barrier.wait()
    t0 = time.perf_counter()
    for _ in range(n):
        lock.acquire()
        value.value += 1
        lock.release()
    t1 = time.perf_counter()
    if out is None:
        return t0, t1
    out.put((t0, t1))
    return None


def contended(lock, value, n, barrier_factory, queue_factory):
    """Two processes, n iterations each; returns µs per lock+increment of the pair."""
    value.value = 0
    barrier = barrier_factory(2)
    out = queue_factory()
    children = [mp.Process(target=loop, args=(lock, value, n, barrier, out)) for _ in range(2)]
    for child in children:
        child.start()
    spans = [out.get() for _ in children]
    for child in children:
        child.join()
        if child.exitcode != 0:
            raise SystemExit(f"contended child exited with {child.exitcode}")
    if value.value != 2 * n:
        raise SystemExit(f"lost updates under the lock: {value.value} != {2 * n}")
    start = min(s[0] for s in spans)
    end = max(s[1] for s in spans)
    return (end - start) / (2 * n) * 1e6


def summary(uncontended, contended_runs, **extra):
    def mid(values):
        return sorted(values)[len(values) // 2]

    return {
        "uncontendedUs": mid(uncontended),
        "contendedUs": mid(contended_runs),
        "uncontendedRuns": uncontended,
        "contendedRuns": contended_runs,
        "startMethod": mp.get_start_method(),
        **extra,
    }


def clock():
    return time.perf_counter()
