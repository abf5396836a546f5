import { describe, expect, it } from 'vitest';
import type {
  CurrentSession,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  ParascopeApi,
  PushChannel,
  PushMap,
} from '../../../src/shared/contract';
import type { ConnectionState } from '../../../src/renderer/client/ws-client';
import { createAppStore, type StoreClient } from '../../../src/renderer/app/app-store';
import { encodeEvents } from '../../../src/shared/trace-chunk';

/** A client whose connection and `session:current` answers the test controls. */
function fakeClient(initial: ConnectionState) {
  let state = initial;
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const pushListeners = new Map<string, Set<(payload: unknown) => void>>();
  /** One entry per `session:current` call; `answered` settles after the store saw the answer. */
  const asked: {
    resolve: (reply: CurrentSession | null) => void;
    reject: (e: Error) => void;
    answered: Promise<unknown>;
  }[] = [];
  const api: ParascopeApi = {
    invoke<C extends InvokeChannel>(channel: C, _request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
      if (channel !== 'session:current') return Promise.reject(new Error(`unexpected ${channel}`));
      let resolve!: (reply: CurrentSession | null) => void;
      let reject!: (e: Error) => void;
      const answer = new Promise<CurrentSession | null>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Callbacks run in the order they were added: this one runs after the store's own.
      asked.push({ resolve, reject, answered: answer.then(undefined, () => undefined) });
      return answer as Promise<InvokeResponse<C>>;
    },
    on<C extends PushChannel>(channel: C, listener: (payload: PushMap[C]) => void) {
      const set = pushListeners.get(channel) ?? new Set();
      pushListeners.set(channel, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const client: StoreClient = {
    api,
    connection: {
      getState: () => state,
      subscribe(listener) {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
    },
  };
  return {
    client,
    asked,
    setState(next: ConnectionState) {
      state = next;
      for (const l of stateListeners) l(next);
    },
    push<C extends PushChannel>(channel: C, payload: PushMap[C]) {
      for (const l of pushListeners.get(channel) ?? []) l(payload);
    },
  };
}

const reply = (sessionId: string, hostNowUs: number): CurrentSession => ({
  status: { sessionId, scenario: 'pool-map', state: 'running', startedUs: 1_000 },
  chunks: [encodeEvents([{ type: 'task-submit', ts: 2_000, taskId: '1:0', name: 'sq', args: '1' }])],
  truncated: false,
  hostNowUs,
});

describe('createAppStore', () => {
  it('asks for the current session on connect and again on every reconnect', async () => {
    const fake = fakeClient('connecting');
    let localMs = 10;
    const store = createAppStore(
      fake.client,
      () => () => {},
      () => localMs,
    );
    expect(fake.asked).toHaveLength(0);

    fake.setState('open');
    expect(fake.asked).toHaveLength(1);
    fake.asked[0]!.resolve(reply('s1', 50_000));
    await fake.asked[0]!.answered;
    store.flush();
    expect(store.getSnapshot().session?.sessionId).toBe('s1');
    expect(store.getSnapshot().clock).toEqual({ hostUs: 50_000, localMs: 10 });

    fake.setState('reconnecting');
    expect(fake.asked).toHaveLength(1);
    fake.setState('open');
    expect(fake.asked).toHaveLength(2);
    // Meanwhile another client started a run: the reply replaces what this page showed.
    localMs = 20;
    fake.asked[1]!.resolve(reply('s2', 90_000));
    await fake.asked[1]!.answered;
    store.flush();
    expect(store.getSnapshot()).toMatchObject({
      connection: 'open',
      session: { sessionId: 's2', phase: 'running' },
      clock: { hostUs: 90_000, localMs: 20 },
      retired: ['s1'],
    });
  });

  it('asks at once over a bridge that is open from the start, and survives a dropped answer', async () => {
    const fake = fakeClient('open');
    const store = createAppStore(
      fake.client,
      () => () => {},
      () => 0,
    );
    expect(fake.asked).toHaveLength(1);
    fake.asked[0]!.reject(new Error('connection closed'));
    await fake.asked[0]!.answered;
    store.flush();
    expect(store.getSnapshot().session).toBeNull();
  });

  it('stamps trace batches with the local arrival time', () => {
    const fake = fakeClient('connecting');
    const store = createAppStore(
      fake.client,
      () => () => {},
      () => 33,
    );
    fake.push('session:trace', { sessionId: 's1', chunk: encodeEvents([]), hostNowUs: 70_000 });
    store.flush();
    expect(store.getSnapshot().clock).toEqual({ hostUs: 70_000, localMs: 33 });
  });

  it('decodes pushed chunks and the current session into the tasks the Timeline shows', async () => {
    const fake = fakeClient('open');
    const store = createAppStore(
      fake.client,
      () => () => {},
      () => 0,
    );
    fake.asked[0]!.resolve(reply('s1', 50_000));
    await fake.asked[0]!.answered;
    fake.push('session:trace', {
      sessionId: 's1',
      chunk: encodeEvents([
        { type: 'task-start', ts: 2_500, taskId: '1:0', workerId: 0, pid: 7 },
        { type: 'task-end', ts: 3_000, taskId: '1:0', workerId: 0, pid: 7, ok: true },
      ]),
      hostNowUs: 60_000,
    });
    store.flush();
    const task = store.getSnapshot().session?.trace.tasks.get('1:0');
    expect(task).toMatchObject({ name: 'sq', submitTs: 2_000, startTs: 2_500, endTs: 3_000, workerId: 0 });
  });
});
