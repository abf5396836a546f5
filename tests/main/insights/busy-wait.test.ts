import { describe, expect, it } from 'vitest';
import { BUSY_MIN_POLLS } from '../../../src/main/insights/busy-wait';
import { computeInsights } from '../../../src/main/insights/index';
import type { Actor, TraceEvent } from '../../../src/shared/trace-schema';
import {
  acq,
  get,
  obj,
  P1,
  P2,
  procStart,
  put,
  read,
  recv,
  rel,
  req,
  waitEnd,
  write,
  type Obj,
} from './trace-builder';

const busy = (events: TraceEvent[]) =>
  computeInsights(events, { cores: 2 }).filter((i) => i.kind === 'busy-wait');

/** `n` failed getNowait calls by `who` on `q`, `gap` µs apart from `from`. */
function emptyGets(who: Actor, q: Obj, n: number, from: number, gap: number): TraceEvent[] {
  return Array.from({ length: n }, (_, k) => get(from + k * gap, who, q, 0, 'empty'));
}

describe('busy-wait', () => {
  it('reports a consumer polling getNowait on an empty queue, naming it, the queue and the count', () => {
    const q = obj('queue', 'jobs');
    const events = [
      procStart(0, P1, 'Process-1'),
      ...emptyGets(P1, q, 300, 1000, 50),
      put(20_000, P2, q, 1),
      get(20_010, P1, q, 0),
    ];
    const [insight, ...rest] = busy(events);
    expect(rest).toEqual([]);
    expect(insight!.severity).toBe('warning');
    expect(insight!.message).toMatch(
      /^Process-1 \(pid 101\) tried to get from jobs 300 times without success over 15 ms/,
    );
    expect(insight!.evidence).toMatchObject({
      fromTs: 1000,
      toTs: 1000 + 299 * 50,
      objectIds: [q.objectId],
      pids: [101],
    });
    expect(insight!.fix).toContain('await q.get()');
  });

  it('reports spinning on a flag that does not change, also when each read takes the lock', () => {
    const flag = obj('value', 'done');
    const spin = Array.from({ length: 100 }, (_, k) => read(1000 + k * 100, P1, flag, 0));
    const [plain] = busy([...spin, write(11_000, P2, flag, 1), read(11_050, P1, flag, 1)]);
    expect(plain!.message).toContain('kept reading done 100 times while it stayed the same');
    expect(plain!.fix).toContain('ev.wait()');

    const lock = obj('lock', 'L');
    const locked = Array.from({ length: 100 }, (_, k) => {
      const ts = 1000 + k * 100;
      return [req(ts, P1, lock), acq(ts + 1, P1, lock), read(ts + 2, P1, flag, 0), rel(ts + 3, P1, lock)];
    }).flat();
    expect(busy(locked)).toHaveLength(1);
  });

  it('reports recv and Event waits with short timeouts, and failed non-blocking acquires', () => {
    const pipe = obj('pipe', 'conn');
    const recvs = Array.from({ length: 80 }, (_, k) => recv(k * 100, P1, pipe, 'timeout'));
    expect(busy(recvs)[0]!.message).toContain('tried to receive from conn 80 times');
    const ev = obj('event', 'go');
    const waits = Array.from({ length: 80 }, (_, k) => waitEnd(k * 100, P1, ev, false));
    expect(busy(waits)[0]!.message).toContain('waited with a short timeout on go 80 times');
    const lock = obj('lock', 'L');
    const tries = Array.from({ length: 80 }, (_, k) => [
      req(k * 100, P1, lock),
      acq(k * 100, P1, lock, 'timeout'),
    ]).flat();
    expect(busy(tries)[0]!.message).toContain('tried to acquire L 80 times');
  });

  it('does not report gets that block with a long timeout, however many', () => {
    const q = obj('queue');
    expect(busy(emptyGets(P1, q, 200, 0, 1_000_000).map((e) => ({ ...e, error: 'timeout' })))).toEqual([]);
  });

  it('does not report polls that keep making progress, nor too few polls, nor a changing value', () => {
    const q = obj('queue');
    const progress: TraceEvent[] = [];
    for (let k = 0; k < 400; k++) {
      progress.push(k % 10 === 9 ? get(k * 50, P1, q, 0) : get(k * 50, P1, q, 0, 'empty'));
    }
    expect(busy(progress)).toEqual([]);
    expect(busy(emptyGets(P1, q, BUSY_MIN_POLLS - 1, 0, 200))).toEqual([]);
    const counter = obj('value');
    expect(busy(Array.from({ length: 200 }, (_, k) => read(k * 100, P1, counter, k)))).toEqual([]);
  });

  it('does not join polls separated by a long pause into one streak', () => {
    const q = obj('queue');
    const events = [...emptyGets(P1, q, 40, 0, 200), ...emptyGets(P1, q, 40, 200_000, 200)];
    expect(busy(events)).toEqual([]);
  });

  it('keeps actors apart: two pollers sharing a queue are two insights', () => {
    const q = obj('queue');
    const events = [...emptyGets(P1, q, 100, 0, 100), ...emptyGets(P2, q, 100, 50, 100)];
    expect(busy(events).map((i) => i.evidence.pids)).toEqual([[101], [102]]);
  });
});
