import { describe, expect, it } from 'vitest';
import { createFrameStore } from '../../../src/renderer/state/frame-store';

/** A frame clock the test advances by hand. */
function manualFrames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => {
      queued.push(fn);
      return () => {
        const i = queued.indexOf(fn);
        if (i >= 0) queued.splice(i, 1);
      };
    },
    pending: () => queued.length,
    tick: () => queued.splice(0).forEach((fn) => fn()),
  };
}

const sum = (state: number, actions: readonly number[]): number => actions.reduce((a, b) => a + b, state);

describe('createFrameStore', () => {
  it('applies all actions of a frame in one reducer call and notifies once', () => {
    const frames = manualFrames();
    const batches: number[][] = [];
    const store = createFrameStore(
      0,
      (s: number, a: readonly number[]) => {
        batches.push([...a]);
        return sum(s, a);
      },
      frames.schedule,
    );
    let notified = 0;
    store.subscribe(() => notified++);
    for (let i = 1; i <= 100; i++) store.dispatch(i);
    expect(store.getSnapshot()).toBe(0);
    expect(frames.pending()).toBe(1);
    frames.tick();
    expect(store.getSnapshot()).toBe(5050);
    expect(batches).toHaveLength(1);
    expect(notified).toBe(1);
  });

  it('does not schedule frames or notify when nothing was dispatched or nothing changed', () => {
    const frames = manualFrames();
    const store = createFrameStore({ n: 1 }, (s) => s, frames.schedule);
    let notified = 0;
    store.subscribe(() => notified++);
    expect(frames.pending()).toBe(0);
    store.dispatch('noop');
    frames.tick();
    expect(notified).toBe(0);
  });

  it('keeps the snapshot identity stable between flushes (as useSyncExternalStore needs)', () => {
    const frames = manualFrames();
    const store = createFrameStore(
      { n: 0 },
      (s, a: readonly number[]) => ({ n: sum(s.n, a) }),
      frames.schedule,
    );
    store.dispatch(1);
    frames.tick();
    const first = store.getSnapshot();
    store.dispatch(2);
    expect(store.getSnapshot()).toBe(first);
  });

  it('folds at once when too many actions are waiting (no frames in a hidden tab)', () => {
    const frames = manualFrames();
    const store = createFrameStore(0, sum, frames.schedule, 10);
    for (let i = 0; i < 10; i++) store.dispatch(1);
    expect(store.getSnapshot()).toBe(10);
    expect(frames.pending()).toBe(0);
  });

  it('stops notifying a listener after it unsubscribes, and dispose drops queued work', () => {
    const frames = manualFrames();
    const store = createFrameStore(0, sum, frames.schedule);
    let notified = 0;
    const off = store.subscribe(() => notified++);
    store.dispatch(1);
    frames.tick();
    off();
    store.dispatch(1);
    frames.tick();
    expect(notified).toBe(1);
    store.dispatch(5);
    store.dispose();
    frames.tick();
    expect(store.getSnapshot()).toBe(2);
  });
});
