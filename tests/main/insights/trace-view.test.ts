import { describe, expect, it } from 'vitest';
import { buildView } from '../../../src/main/insights/trace-view';
import { MAIN, P1, procExit, procStart, spawn, T1, workerExit } from './trace-builder';

describe('buildView', () => {
  it('orders events by time, keeping arrival order among equal times', () => {
    const events = [procExit(5, P1, 'a'), procStart(1, P1, 'a'), procExit(1, T1, 'b')];
    expect(buildView(events, { cores: 1 }).order).toEqual([1, 2, 0]);
  });

  it('names contexts the way messages speak of them', () => {
    const view = buildView(
      [procStart(1, P1, 'Process-1'), procStart(1, T1, 'Process-2', 'thread'), spawn(1, 3, 301)],
      { cores: 1 },
    );
    expect(view.nameOf(P1.pid, 0)).toBe('Process-1 (pid 101)');
    expect(view.nameOf(T1.pid, T1.tid)).toBe('Process-2 (thread 1)');
    expect(view.nameOf(301, 0)).toBe('worker 3 (pid 301)');
    expect(view.nameOf(MAIN.pid, 0)).toBe('the main process (pid 100)');
    expect(view.nameOf(555, 2)).toBe('pid 555 thread 2');
  });

  it('knows when a context ended: a process takes its threads along, a thread only itself', () => {
    const view = buildView(
      [
        procStart(1, P1, 'p'),
        procExit(7, P1, 'p'),
        procStart(1, T1, 't', 'thread'),
        procExit(8, T1, 't'),
        spawn(1, 0, 301),
        workerExit(9, 0, 301),
      ],
      { cores: 1 },
    );
    expect(view.exitOf(P1.pid, 0)).toBe(7);
    expect(view.exitOf(P1.pid, 4)).toBe(7);
    expect(view.exitOf(T1.pid, T1.tid)).toBe(8);
    expect(view.exitOf(T1.pid, 0)).toBeUndefined();
    expect(view.exitOf(301, 0)).toBe(9);
    expect(view.isChild(301, 0) && view.isChild(T1.pid, T1.tid)).toBe(true);
    expect(view.isChild(MAIN.pid, 0)).toBe(false);
  });
});
