import { describe, expect, it, vi } from 'vitest';
import {
  newCall,
  recordResults,
  splitChunk,
  splitIntoChunks,
  type ResultStream,
} from '../../../src/workers/runtime/calls';
import { RemoteTaskError } from '../../../src/workers/runtime/errors';

const task = { module: '/abs/tasks.mjs', name: 'work' };
const where = { workerId: 0, pid: 1 };

function call(total: number, stream?: ResultStream) {
  return newCall(
    { task, total, tracing: true, resolve: () => {}, reject: () => {}, ...(stream ? { stream } : {}) },
    2,
    () => 123,
  );
}

describe('calls', () => {
  it('traces small calls task by task and larger ones compactly', () => {
    expect(call(2)).toMatchObject({ detailed: true, submitTs: 123, remaining: 2, total: 2 });
    expect(call(3).detailed).toBe(false);
  });

  it('splits a chunk at a worker’s task budget, keeping positions and the numbers block', () => {
    let id = 10;
    const items = Array.from({ length: 100 }, (_, i) => i);
    const [chunk] = splitIntoChunks(call(100), items, 100, { spread: false, numbers: true }, () => id++);
    const [head, tail] = splitChunk(chunk!, 2, () => id++);
    expect(head).toMatchObject({ chunkId: 10, start: 0, args: new Float64Array([0, 1]) });
    expect(tail).toMatchObject({ chunkId: 11, start: 2, args: new Float64Array(items.slice(2)) });
  });

  it('sends a few numbers as a plain array (JSON on the frame channel), many as one block', () => {
    const few = splitIntoChunks(call(3), [1, 2, 3], 3, { spread: false, numbers: true }, () => 0);
    expect(few[0]!.args).toEqual([1, 2, 3]);
    expect(Array.isArray(few[0]!.args)).toBe(true);
  });

  it('gives each chunk its own buffer with copy (a thread’s postMessage sends a view’s whole buffer)', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const form = { spread: false, numbers: true };
    const views = splitIntoChunks(call(100), items, 40, form, () => 0).map((c) => c.args as Float64Array);
    expect(views.map((v) => v.buffer.byteLength)).toEqual([800, 800, 800]);
    const copies = splitIntoChunks(call(100), items, 40, { ...form, copy: true }, () => 0);
    const own = copies.map((c) => c.args as Float64Array);
    expect(own.map((v) => v.buffer.byteLength)).toEqual([320, 320, 160]);
    expect(own.flatMap((v) => [...v])).toEqual(items);
  });

  it('hands a stream its results, and before a failure the results that precede it', () => {
    const stream = { push: vi.fn(), fail: vi.fn() };
    const c = call(6, stream);
    const [first, second] = splitIntoChunks(
      c,
      [0, 1, 2, 3, 4, 5],
      3,
      { spread: false, numbers: false },
      () => 0,
    );
    expect(recordResults(first!, [0, 1, 4], [], where)).toBe('pending');
    expect(stream.push).toHaveBeenLastCalledWith(0, [0, 1, 4]);
    const failure = { index: 1, error: { code: 'workload-error' as const, name: 'Error', message: 'x' } };
    const error = recordResults(second!, [9, undefined, 25], [failure], where);
    expect(error).toBeInstanceOf(RemoteTaskError);
    expect((error as RemoteTaskError).index).toBe(4);
    expect(stream.push).toHaveBeenLastCalledWith(3, [9]);
    expect(c.results).toEqual([]);
  });
});
