"""Peer of `queue-throughput`: a producer Process puts `--items` integers into a
multiprocessing.Queue and this process gets them. The producer first puts "ready"; the clock
starts when this process has got it and stops when it has got the last item, so process
start-up stays outside the timed section. Items must arrive complete and in order.

Repeats `--repeat` times (a new producer each time) after a small warm-up; prints the median
as `BENCH_RESULT <json>`.
"""

import argparse
import json
import multiprocessing as mp
import time


def produce(queue, n):
    queue.put("ready")
    for i in range(n):
        queue.put(i)


def run(queue, n):
    producer = mp.Process(target=produce, args=(queue, n))
    producer.start()
    if queue.get() != "ready":
        raise SystemExit("producer did not start with 'ready'")
    t0 = time.perf_counter()
    for i in range(n):
        if queue.get() != i:
            raise SystemExit(f"item {i} arrived out of order")
    seconds = time.perf_counter() - t0
    producer.join()
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--warmup", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    args = parser.parse_args()
    queue = mp.Queue()
    run(queue, args.warmup)
    runs = [run(queue, args.items) for _ in range(args.repeat)]
    seconds = sorted(runs)[len(runs) // 2]
    result = {
        "items": args.items,
        "seconds": seconds,
        "itemsPerSecond": args.items / seconds,
        "repeatSeconds": runs,
        "startMethod": mp.get_start_method(),
    }
    print("BENCH_RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
