/**
 * Model-based test of QueueState: random sequences of operations (blocking and not, bounded and
 * unbounded, with cancellations and joins) against a plain-array model of a FIFO queue with FIFO
 * blocked getters and putters. After every step, the promises the real queue settled must be
 * exactly those the model settled, with the same values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueueState } from '../../../../src/workers/runtime/channels/queue-state';
import { newPrimitiveInfo } from '../../../../src/workers/runtime/context/identity';
import { call, caller, settle } from './helpers';

type Command =
  | { op: 'put' | 'get' | 'putNowait' | 'getNowait' | 'qsize' | 'full' | 'taskDone' | 'join' }
  | { op: 'cancel'; pick: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Command>({ op: 'put' }, { op: 'get' }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Command>(
      { op: 'putNowait' },
      { op: 'getNowait' },
      { op: 'qsize' },
      { op: 'full' },
      { op: 'taskDone' },
      { op: 'join' },
    ),
  },
  { weight: 1, arbitrary: fc.nat(20).map((pick): Command => ({ op: 'cancel', pick })) },
);

interface Blocked {
  id: number;
  kind: 'put' | 'get' | 'join';
  item?: number;
  abort: AbortController;
}

/** The model: what a FIFO queue with FIFO waiters must do. */
class Model {
  items: number[] = [];
  putters: Blocked[] = [];
  getters: Blocked[] = [];
  joiners: Blocked[] = [];
  unfinished = 0;
  log: string[] = [];

  constructor(readonly maxsize: number) {}

  room(): boolean {
    return this.maxsize === 0 || this.items.length < this.maxsize;
  }

  insert(item: number): void {
    this.items.push(item);
    this.unfinished++;
  }

  pump(): void {
    for (;;) {
      if (this.getters.length > 0 && this.items.length > 0) {
        this.log.push(`${this.getters.shift()!.id}=${this.items.shift()}`);
      } else if (this.putters.length > 0 && this.room()) {
        const putter = this.putters.shift()!;
        this.insert(putter.item!);
        this.log.push(`${putter.id}=put`);
      } else return;
    }
  }
}

async function runCommands(maxsize: number, commands: Command[]): Promise<void> {
  const q = new QueueState(newPrimitiveInfo('joinable-queue'), maxsize);
  const model = new Model(maxsize);
  const realLog: string[] = [];
  const me = caller(920001);
  let blocked: Blocked[] = [];
  const block = (entry: Blocked, promise: Promise<unknown>): void => {
    blocked.push(entry);
    promise.then(
      (value) => realLog.push(`${entry.id}=${entry.kind === 'put' ? 'put' : String(value)}`),
      () => realLog.push(`${entry.id}=cancelled`),
    );
  };
  for (const [step, command] of commands.entries()) {
    const entry = { id: step, abort: new AbortController() };
    switch (command.op) {
      case 'put': {
        const promise = call(q, 'put', [step], me, entry.abort.signal);
        const waits = model.putters.length > 0 || !model.room();
        if (waits) model.putters.push({ ...entry, kind: 'put', item: step });
        else model.insert(step);
        block({ ...entry, kind: 'put', item: step }, promise);
        if (!waits) model.log.push(`${step}=put`);
        break;
      }
      case 'get': {
        const promise = call(q, 'get', [], me, entry.abort.signal);
        if (model.items.length === 0) model.getters.push({ ...entry, kind: 'get' });
        else model.log.push(`${step}=${model.items.shift()}`);
        block({ ...entry, kind: 'get' }, promise);
        break;
      }
      case 'putNowait': {
        const accepted = model.putters.length === 0 && model.room();
        const outcome = call(q, 'putNowait', [step], me).then(
          () => 'ok',
          (e: Error) => e.name,
        );
        await expect(outcome).resolves.toBe(accepted ? 'ok' : 'QueueFullError');
        if (accepted) model.insert(step);
        break;
      }
      case 'getNowait': {
        const expected = model.items.length > 0 ? model.items.shift() : 'QueueEmptyError';
        await expect(call(q, 'getNowait', [], me).catch((e: Error) => e.name)).resolves.toBe(expected);
        break;
      }
      case 'qsize':
        expect(await call(q, 'qsize', [], me)).toBe(model.items.length);
        break;
      case 'full':
        expect(await call(q, 'full', [], me)).toBe(maxsize > 0 && model.items.length >= maxsize);
        break;
      case 'taskDone': {
        const ok = model.unfinished > 0;
        await expect(
          call(q, 'taskDone', [], me).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        ).resolves.toBe(ok ? 'ok' : 'RangeError');
        if (ok && --model.unfinished === 0) {
          for (const joiner of model.joiners.splice(0)) model.log.push(`${joiner.id}=true`);
        }
        break;
      }
      case 'join': {
        const promise = call(q, 'join', [], me, entry.abort.signal);
        if (model.unfinished === 0) model.log.push(`${step}=true`);
        else model.joiners.push({ ...entry, kind: 'join' });
        block({ ...entry, kind: 'join' }, promise);
        break;
      }
      case 'cancel': {
        const waiting = [...model.getters, ...model.putters, ...model.joiners].sort((a, b) => a.id - b.id);
        if (waiting.length === 0) break;
        const victim = waiting[command.pick % waiting.length];
        model.getters = model.getters.filter((w) => w !== victim);
        model.putters = model.putters.filter((w) => w !== victim);
        model.joiners = model.joiners.filter((w) => w !== victim);
        model.log.push(`${victim.id}=cancelled`);
        blocked.find((b) => b.id === victim.id)!.abort.abort();
        break;
      }
    }
    model.pump();
    await settle();
    // Within one step, promises settle in an order set by microtask depth, not by the queue:
    // compare as sets. Who got which item (and, through later gets, where each put landed)
    // carries the order.
    expect([...realLog].sort()).toEqual([...model.log].sort());
  }
  // Leave nothing blocked behind.
  for (const entry of blocked) entry.abort.abort();
  blocked = [];
  await settle();
}

describe('QueueState against a FIFO model', () => {
  it('settles the same operations with the same items, first in, first out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1, 2, 3), fc.array(commandArb, { maxLength: 40 }), runCommands),
      { numRuns: 150 },
    );
  });
});
