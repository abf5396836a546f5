/**
 * The browser-shell client of `event-pipeline`: connects to the shell's WebSocket as a page
 * would (token and Origin), starts the flood session, counts every trace event it receives and,
 * at the session's final status, reports to its parent (the host probe) over IPC. It reads
 * frames with the page's own parser (`parseServerMessage`: trace batches come as binary frames
 * whose records it views in place) and decodes every chunk into events, as the page does, so its
 * CPU per event is what a page pays.
 *
 * Times are on the trace clock (`process.hrtime`, µs): the machine's monotonic clock, which the
 * events' own `ts` use too, so the client can measure from an event's birth in a worker to its
 * arrival here without translating clocks.
 *
 * Args (JSON): { port, token, tasks, workers }.
 */
import { WebSocket } from 'ws';
import { parseServerMessage } from '../../src/renderer/client/wire-router';
import type { SessionStatus, TraceBatch } from '../../src/shared/contract';
import { decodeChunk } from '../../src/shared/trace-chunk';
import { probeCheckFailed } from '../harness/bench-errors';
import { positiveNumber, readProbeArgs } from './probe-io';
import { TraceCount } from './trace-count';

const PROBE = 'pipeline-client';
const args = readProbeArgs(PROBE);
const port = positiveNumber(PROBE, args, 'port');
const tasks = positiveNumber(PROBE, args, 'tasks');
const workers = positiveNumber(PROBE, args, 'workers');
const token = String(args.token);

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** What the client tells the host probe. */
export interface ClientReport {
  events: number;
  tasksEnded: number;
  byType: Record<string, number>;
  batches: number;
  /** Trace-clock µs: first `task-start`, newest event `ts`, arrival of the last batch. */
  firstStartUs: number | null;
  newestEventUs: number | null;
  lastArrivalUs: number | null;
  /** Events whose `ts` is at or after the first `task-start` (the window's events). */
  eventsInWindow: number;
  /** CPU time of this client from its first trace batch to the final status. */
  cpuSeconds: number;
  finalState: string;
  /** The workload's result (tasks, events produced), from the final status. */
  result: unknown;
  error: string | null;
}

const count = new TraceCount();
const report: ClientReport = {
  events: 0,
  tasksEnded: 0,
  byType: count.byType,
  batches: 0,
  firstStartUs: null,
  newestEventUs: null,
  lastArrivalUs: null,
  eventsInWindow: 0,
  cpuSeconds: 0,
  finalState: 'none',
  result: null,
  error: null,
};
/** Every event's ts, kept to count the window's events once its start is known. */
const stamps: number[] = [];

let cpuAtFirstBatch: NodeJS.CpuUsage | undefined;

function onTrace(events: { ts: number; type: string }[]): void {
  cpuAtFirstBatch ??= process.cpuUsage();
  report.lastArrivalUs = nowUs();
  report.batches++;
  count.add(events);
  for (const event of events) {
    stamps.push(event.ts);
    if (event.type === 'task-start' && (report.firstStartUs === null || event.ts < report.firstStartUs)) {
      report.firstStartUs = event.ts;
    }
    if (report.newestEventUs === null || event.ts > report.newestEventUs) report.newestEventUs = event.ts;
  }
}

let finished = false;

function finish(error: string | null): void {
  if (finished) return;
  finished = true;
  report.events = count.events;
  report.tasksEnded = count.tasksEnded;
  const start = report.firstStartUs;
  report.eventsInWindow = start === null ? 0 : stamps.filter((ts) => ts >= start).length;
  report.error = error;
  const cpu = process.cpuUsage(cpuAtFirstBatch);
  report.cpuSeconds = cpuAtFirstBatch ? (cpu.user + cpu.system) / 1e6 : 0;
  // Report, then leave cleanly: close the socket and let the process end on its own.
  process.send?.(report, () => {
    process.disconnect?.();
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'done');
  });
}

const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
  headers: { Authorization: `Bearer ${token}`, Origin: `http://127.0.0.1:${port}` },
  // A call's task-submit events travel as one batch; a page has no such limit either.
  maxPayload: 1024 * 1024 * 1024,
});
// As a page's socket: binary frames arrive as ArrayBuffers (text ones too, with isBinary false).
ws.binaryType = 'arraybuffer';
const utf8 = new TextDecoder();
ws.on('open', () => {
  const payload = { scenario: 'bench-event-flood', params: { tasks, workers } };
  ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'session:start', payload }));
});
ws.on('message', (data: ArrayBuffer, isBinary: boolean) => {
  const message = parseServerMessage(isBinary ? data : utf8.decode(data));
  if (message === null) {
    finish(`a frame the page cannot read (${isBinary ? 'binary' : 'text'}, ${data.byteLength} bytes)`);
  } else if (message.kind === 'reply') {
    if (!message.result.ok) finish(`session:start refused: ${message.result.error.message}`);
  } else if (message.channel === 'session:trace') {
    onTrace(decodeChunk((message.payload as TraceBatch).chunk));
  } else if (message.channel === 'session:status') {
    const status = message.payload as SessionStatus;
    if (status.state === 'running') return;
    report.finalState = status.state;
    report.result = status.summary?.result ?? null;
    finish(null);
  }
});
ws.on('error', (error) => finish(probeCheckFailed(PROBE, `socket error: ${error.message}`).message));
ws.on('close', () => {
  if (report.finalState === 'none') finish('the socket closed before the session ended');
});
