import { describe, expect, it } from 'vitest';
import {
  RemoteTaskError,
  TaskLoadError,
  WorkerDiedError,
  serializeThrown,
  toErrorData,
} from '../../../src/workers/runtime/errors';

const task = { module: '/abs/tasks.mjs', name: 'work' };

describe('runtime errors as data', () => {
  it('keep the remote name and stack of a task failure', () => {
    const remote = serializeThrown(new RangeError('too big'), 'workload-error');
    const error = new RemoteTaskError(remote, { task, index: 4, workerId: 1, pid: 99 });
    expect(toErrorData(error)).toEqual({
      code: 'workload-error',
      name: 'RangeError',
      message: 'too big',
      stack: remote.stack,
    });
  });

  it('mark dead workers and unloadable tasks with their codes', () => {
    const died = new WorkerDiedError(2, 123, null, 'SIGKILL', 'task');
    expect(died.message).toBe('Worker 2 (pid 123) was killed by SIGKILL while running a task');
    expect(toErrorData(died).code).toBe('worker-died');
    const load = new TaskLoadError(task, { code: 'not-found', name: 'Error', message: 'gone' });
    expect(load.message).toBe('Cannot load task "work" from module "/abs/tasks.mjs": gone');
    expect(toErrorData(load).code).toBe('not-found');
  });

  it('turn anything else into plain data with the fallback code', () => {
    expect(toErrorData(new TypeError('x'), 'internal')).toMatchObject({
      code: 'internal',
      name: 'TypeError',
      message: 'x',
    });
    expect(toErrorData(42)).toEqual({
      code: 'workload-error',
      name: 'Error',
      message: 'Non-error thrown: 42',
    });
  });
});
