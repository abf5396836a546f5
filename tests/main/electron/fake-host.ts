/** A fake {@link Host} that records calls and lets a test push to its subscribers. */
import { vi } from 'vitest';
import type { PushChannel, PushMap } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/errors';
import type { Host, PushListener } from '../../../src/main/host/host';

/** The fake and its controls. */
export interface FakeHost extends Host {
  readonly invokeMock: ReturnType<
    typeof vi.fn<(channel: unknown, payload: unknown) => Promise<Result<unknown>>>
  >;
  readonly disposeMock: ReturnType<typeof vi.fn<() => Promise<void>>>;
  readonly listeners: Set<PushListener>;
  push<C extends PushChannel>(channel: C, payload: PushMap[C]): void;
}

/** A host answering every call with `{ ok: true, value: { echo: [channel, payload] } }`. */
export function fakeHost(): FakeHost {
  const listeners = new Set<PushListener>();
  const invokeMock = vi.fn(async (channel: unknown, payload: unknown): Promise<Result<unknown>> => ({
    ok: true,
    value: { echo: [channel, payload] },
  }));
  const disposeMock = vi.fn(async () => {});
  return {
    invokeMock,
    disposeMock,
    listeners,
    invoke: invokeMock,
    dispose: disposeMock,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    push(channel, payload) {
      for (const listener of listeners) listener(channel, payload);
    },
  };
}
