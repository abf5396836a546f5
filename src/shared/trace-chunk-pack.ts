/**
 * Which event objects have a packed form, and writing them in it: what `ChunkWriter.add` does
 * with an event (encodeEvents, the `'events'` → `'chunks'` sink conversion). An event is packed
 * only when its record decodes to an object equal to it (same keys, none undefined); any other
 * stays an object.
 */
import { CHANNEL_CODE_OF_TYPE, packableChannelEvent } from './trace-chunk-channel';
import { taskId } from './trace-chunk-format';
import type { ChunkWriter } from './trace-chunk-writer';
import type { TraceEvent } from './trace-schema';

/** `"<int>:<int>"` task ids (every id the runtime makes) as two numbers; null otherwise. */
function splitTaskId(id: string): [number, number] | null {
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const call = Number(id.slice(0, colon));
  const index = Number(id.slice(colon + 1));
  if (!Number.isSafeInteger(call) || !Number.isSafeInteger(index) || call < 0 || index < 0) return null;
  // Only ids that print back the same way (no "01:2", "1e3:0", " 1:0").
  return taskId(call, index) === id ? [call, index] : null;
}

/** Writes `event` to `writer` as a record when it has an exact one; false when it has none. */
export function packEvent(writer: ChunkWriter, event: TraceEvent): boolean {
  switch (event.type) {
    case 'task-submit':
    case 'task-start':
    case 'task-end': {
      const ids = splitTaskId(event.taskId);
      if (ids === null) return false;
      if (event.type === 'task-submit') {
        if (Object.keys(event).length !== 5) return false;
        writer.addTaskSubmit(event.ts, ids[0], ids[1], event.name, event.args);
      } else if (event.type === 'task-start') {
        if (Object.keys(event).length !== 5) return false;
        writer.addTaskStart(event.ts, ids[0], ids[1], event.workerId, event.pid);
      } else {
        if (Object.keys(event).length !== ('error' in event ? 7 : 6)) return false;
        writer.addTaskEnd(event.ts, ids[0], ids[1], event.workerId, event.pid, event.ok, event.error);
      }
      return true;
    }
    case 'queue-put':
    case 'queue-get':
    case 'pipe-send':
    case 'pipe-recv': {
      if (!packableChannelEvent(event)) return false;
      const { ts, pid, tid } = event;
      const code = CHANNEL_CODE_OF_TYPE[event.type];
      const ok = event.type !== 'pipe-send' && event.ok;
      const x = event.type === 'queue-put' || event.type === 'queue-get' ? event.depth : event.end;
      const error = event.type === 'queue-get' || event.type === 'pipe-recv' ? event.error : undefined;
      // The event itself names the primitive: the writer interns it by its fields.
      writer.addChannel(code, ts, event, pid, tid, ok, x, event.item, error);
      return true;
    }
    default:
      return false;
  }
}
