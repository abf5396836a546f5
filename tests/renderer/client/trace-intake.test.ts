import { describe, expect, it } from 'vitest';
import { decodeBatch, decodeCurrent } from '../../../src/renderer/client/trace-intake';
import { encodeEvents } from '../../../src/shared/trace-chunk';
import type { TraceEvent } from '../../../src/shared/trace-schema';

const submit = (i: number): TraceEvent => ({
  type: 'task-submit',
  ts: i,
  taskId: `1:${i}`,
  name: 'sq',
  args: `${i}`,
});

describe('trace intake', () => {
  it('decodes a pushed batch into its events, keeping the session id and host clock stamp', () => {
    const events = [
      submit(1),
      { type: 'task-start', ts: 2, taskId: '1:1', workerId: 0, pid: 4 } as TraceEvent,
    ];
    expect(decodeBatch({ sessionId: 's', chunk: encodeEvents(events), hostNowUs: 77 })).toEqual({
      sessionId: 's',
      events,
      hostNowUs: 77,
    });
  });

  it('joins the chunks of a current-session answer into one list, in arrival order', () => {
    const status = { sessionId: 's', scenario: 'p', state: 'finished', startedUs: 0, endedUs: 9 } as const;
    const current = {
      status,
      chunks: [encodeEvents([submit(1), submit(2)]), encodeEvents([]), encodeEvents([submit(3)])],
      truncated: true,
      hostNowUs: 5,
    };
    expect(decodeCurrent(current)).toEqual({
      status,
      events: [submit(1), submit(2), submit(3)],
      truncated: true,
      hostNowUs: 5,
    });
    expect(decodeCurrent(null)).toBeNull();
  });
});
