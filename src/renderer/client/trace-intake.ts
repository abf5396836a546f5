/**
 * Where the renderer decodes trace chunks: once, as each push or `session:current` answer
 * arrives, into the `TraceEvent`s the app's reducers fold. Nothing before this point (host,
 * shells, preload, socket) decodes a chunk.
 */
import type { CurrentSession, TraceBatch } from '../../shared/contract';
import { decodeChunk } from '../../shared/trace-chunk';
import type { TraceEvent } from '../../shared/trace-schema';

/** A {@link TraceBatch}, decoded. */
export interface TraceEvents {
  sessionId: string;
  events: TraceEvent[];
  /** As {@link TraceBatch.hostNowUs}. */
  hostNowUs: number;
}

/** A {@link CurrentSession}, its chunks decoded into one list of events in arrival order. */
export type CurrentTrace = Omit<CurrentSession, 'chunks'> & { events: TraceEvent[] };

/** The events of a pushed batch. */
export function decodeBatch(batch: TraceBatch): TraceEvents {
  return { sessionId: batch.sessionId, events: decodeChunk(batch.chunk), hostNowUs: batch.hostNowUs };
}

/** The `session:current` answer with its events (null stays null). */
export function decodeCurrent(current: CurrentSession | null): CurrentTrace | null {
  if (current === null) return null;
  const { chunks, ...rest } = current;
  const events: TraceEvent[] = [];
  for (const chunk of chunks) for (const event of decodeChunk(chunk)) events.push(event);
  return { ...rest, events };
}
