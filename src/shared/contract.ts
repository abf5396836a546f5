/**
 * The one contract between the renderer and the host.
 *
 * Both shells carry exactly these calls and pushes: the Electron shell over `ipcMain.handle`
 * / `webContents.send` (through the preload), the browser shell over one WebSocket. Channel
 * names exist once, here; every other file derives its types from {@link InvokeMap} and
 * {@link PushMap}. Request payloads are validated on arrival by schemas that are checked
 * against these types at compile time (`src/shared/contract-schema.ts`).
 */
import type { ErrorData, Result } from './errors';
import type { CoreSample } from './samples';
import type { ParamValues, RunSummary, ScenarioInfo, WorkloadInfo } from './scenarios';
import type { Topology } from './topology';
import { TRACE_CHUNK_STRIDE, type TraceChunk } from './trace-chunk';

/** Which shell the renderer is talking to. */
export type ShellKind = 'electron' | 'browser';

/** Static facts about the host, asked once at start-up. */
export interface HostInfo {
  shell: ShellKind;
  version: string;
  /** Logical CPUs, so the renderer can size its views before the first sample. */
  cpus: number;
  samplerHz: number;
  /** Whether `workload:pick` can show a file dialog (the Electron shell); elsewhere a path is typed. */
  filePicker: boolean;
}

/**
 * What `session:start` runs: a built-in scenario by id, or a workload file by path (on the host
 * machine; relative paths are resolved against the host's working directory, `~` is home).
 */
export type SessionStartRequest =
  { scenario: string; params: ParamValues } | { file: string; params: ParamValues };

/** Request/response calls: channel → request payload and response value. */
export interface InvokeMap {
  'host:info': { request: null; response: HostInfo };
  'topology:get': { request: null; response: Topology };
  'sampler:set-rate': { request: { hz: number }; response: { hz: number } };
  'scenarios:list': { request: null; response: ScenarioInfo[] };
  'session:start': { request: SessionStartRequest; response: { sessionId: string } };
  'session:stop': { request: { sessionId: string }; response: { stopped: boolean } };
  /** The current (or last finished) session and its trace so far; null before the first run. */
  'session:current': { request: null; response: CurrentSession | null };
  /**
   * Opens a workload file: checks it exists and is `.js/.mjs/.cjs/.ts`, reads what it declares
   * (in a session process, never in the host), and adds it to the recent files. Fails with the
   * file, line and stack when it does not load.
   */
  'workload:open': { request: { path: string }; response: WorkloadInfo };
  /** The recently opened workload files, newest first (at most {@link MAX_RECENT_WORKLOADS}). */
  'workload:recent': { request: null; response: string[] };
  /** Shows the shell's file dialog; the chosen path, or null when cancelled (see `HostInfo.filePicker`). */
  'workload:pick': { request: null; response: { path: string | null } };
}

/** How many recent workload files the host remembers. */
export const MAX_RECENT_WORKLOADS = 10;
/** Longest workload path the host accepts. */
export const MAX_PATH_LENGTH = 4096;

/** Life-cycle states of a session. */
export type SessionState = 'running' | 'finished' | 'failed' | 'stopped';

/**
 * A change in a session's state; the last one carries the summary or the error.
 *
 * Times are on the trace clock: the host's monotonic clock in µs
 * (`process.hrtime.bigint() / 1000n`), the clock every trace event's `ts` is read from.
 */
export interface SessionStatus {
  sessionId: string;
  scenario: string;
  state: SessionState;
  /** When the session started (trace clock, µs): time zero of its timeline. */
  startedUs: number;
  /**
   * When the session process ended (trace clock, µs). Present on the final status only;
   * tasks cut off by a stop or a crash are drawn up to here.
   */
  endedUs?: number;
  summary?: RunSummary;
  error?: ErrorData;
}

/**
 * A batch of trace events from one session (many events per message, never one each), packed
 * as the runtime wrote it: the host forwards the chunk without decoding it, and the renderer
 * decodes it once, on arrival (`decodeChunk` in `trace-chunk.ts` gives the `TraceEvent`s).
 */
export interface TraceBatch {
  sessionId: string;
  chunk: TraceChunk;
  /**
   * The host's trace clock (µs) when it pushed this batch. A renderer maps its own clock onto
   * the trace clock with it (the newest `hostNowUs` plus the local time elapsed since the batch
   * arrived), so running tasks can grow to "now" without guessing an offset.
   */
  hostNowUs: number;
}

/**
 * Most trace events the host keeps for {@link CurrentSession}. Beyond this it keeps the
 * newest chunks (whole ones: an answer may hold up to one chunk fewer) and the reply says
 * `truncated: true`.
 */
export const MAX_SESSION_EVENTS = 200_000;

/**
 * Most bytes of trace chunks the host keeps for {@link CurrentSession} (records' bytes plus the
 * text of strings and of events kept as objects), so the reply stays one reasonable message
 * even when events carry long error texts; beyond this, too, it keeps the newest chunks and
 * says `truncated: true`.
 */
export const MAX_SESSION_BYTES = 32 * 1024 * 1024;

/**
 * Answer of `session:current`: the host's current session, or the last one once it ended,
 * with its trace so far, so a page that opens or reconnects mid-run (or after it) can show it.
 */
export interface CurrentSession {
  /** The newest status of the session. */
  status: SessionStatus;
  /** Its trace chunks in arrival order: all of them, or the newest that fit the bounds above. */
  chunks: TraceChunk[];
  /** True when older events were dropped to stay within {@link MAX_SESSION_EVENTS} / {@link MAX_SESSION_BYTES}. */
  truncated: boolean;
  /** The host's trace clock (µs) when it answered (anchors the clock like {@link TraceBatch.hostNowUs}). */
  hostNowUs: number;
}

/** Host → renderer pushes: channel → payload. */
export interface PushMap {
  'sampler:sample': CoreSample;
  'session:trace': TraceBatch;
  'session:status': SessionStatus;
}

/** Names of request/response channels. */
export type InvokeChannel = keyof InvokeMap;
/** Names of push channels. */
export type PushChannel = keyof PushMap;
/** Request payload type of an invoke channel. */
export type InvokeRequest<C extends InvokeChannel> = InvokeMap[C]['request'];
/** Response value type of an invoke channel. */
export type InvokeResponse<C extends InvokeChannel> = InvokeMap[C]['response'];

/**
 * Every invoke channel, once, at run time. `satisfies` makes the compiler reject a list that
 * misses or invents a channel, so this array and {@link InvokeMap} cannot drift.
 */
export const INVOKE_CHANNELS = [
  'host:info',
  'topology:get',
  'sampler:set-rate',
  'scenarios:list',
  'session:start',
  'session:stop',
  'session:current',
  'workload:open',
  'workload:recent',
  'workload:pick',
] as const satisfies readonly InvokeChannel[];

/** Every push channel, once, at run time (see {@link INVOKE_CHANNELS}). */
export const PUSH_CHANNELS = [
  'sampler:sample',
  'session:trace',
  'session:status',
] as const satisfies readonly PushChannel[];

// Compile-time proof that the arrays above list every key of the maps.
type Missing<All, Listed> = Exclude<All, Listed>;
const everyInvokeListed: Missing<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> extends never
  ? true
  : false = true;
const everyPushListed: Missing<PushChannel, (typeof PUSH_CHANNELS)[number]> extends never ? true : false =
  true;
void everyInvokeListed;
void everyPushListed;

/** What the renderer sees, whichever shell it runs in. */
export interface ParascopeApi {
  /** Calls the host; rejects with an `Error` carrying the host's {@link ErrorData}. */
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  /** Listens to a push channel; returns the function that stops listening. */
  on<C extends PushChannel>(channel: C, listener: (payload: PushMap[C]) => void): () => void;
}

/**
 * What the preload exposes as `window.parascope`: the raw bridge, whose `invoke` resolves to
 * a {@link Result} so that errors cross the context bridge as data.
 */
export interface PreloadBridge {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>>>;
  on<C extends PushChannel>(channel: C, listener: (payload: PushMap[C]) => void): () => void;
}

/** Browser shell wire format: client → host. */
export interface WireInvoke {
  kind: 'invoke';
  /** Chosen by the client; echoed in the reply. */
  id: number;
  channel: string;
  payload: unknown;
}

/**
 * Browser shell wire format: host → client. A message is one JSON text frame, except a message
 * that carries trace chunks (the `session:trace` push, the reply to `session:current`), which is
 * one binary frame ({@link WireBinaryHeader} has the layout) so that the records travel as raw bytes.
 */
export type WireServerMessage =
  | { kind: 'reply'; id: number; result: Result<unknown> }
  | { kind: 'push'; channel: PushChannel; payload: PushMap[PushChannel] };

/** Alignment of the first blob of a binary frame (a `Float64Array` view needs 8). */
export const WIRE_BLOB_ALIGN = 8;

/**
 * The header of a binary frame from the host. Layout of the frame: bytes 0..3: the header's length in bytes (uint32,
 * little-endian); then the header, UTF-8 JSON `{ blobs, message }`: `message` is the
 * {@link WireServerMessage} with each chunk's `records` replaced by the index of its blob, and
 * `blobs` the length of each blob in numbers; then zero bytes up to a multiple of
 * {@link WIRE_BLOB_ALIGN}; then the blobs back to back, each the records' float64s
 * (little-endian), so the client can view them in place as `Float64Array`s without a copy.
 * Only the host sends binary frames (a client's binary frame is refused).
 */
export interface WireBinaryHeader {
  /** Numbers in each blob, in order. */
  blobs: number[];
  /** The message, each chunk's `records` replaced by its blob's index. */
  message: WireServerMessage;
}

/** Largest message, in bytes, that the host accepts from a renderer. */
export const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * Why `value` is not a {@link TraceChunk} (the shape the renderer decodes), or null when it is
 * one: whole records in a `Float64Array`, strings, `[objectId, kind, name]` triples and event
 * objects with a `type` and a `ts`. Checks the shape only, in time linear in the strings and
 * objects (never per record): a chunk from our own host is trusted to index them correctly.
 */
export function traceChunkProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'chunk must be an object';
  const c = value as Record<string, unknown>;
  if (!(c.records instanceof Float64Array)) return 'chunk.records must be a Float64Array';
  if (c.records.length % TRACE_CHUNK_STRIDE !== 0)
    return `chunk.records must hold whole records of ${TRACE_CHUNK_STRIDE} numbers`;
  if (!Array.isArray(c.strings) || !c.strings.every((s) => typeof s === 'string'))
    return 'chunk.strings must be an array of strings';
  if (
    !Array.isArray(c.infos) ||
    !c.infos.every((i) => Array.isArray(i) && i.length === 3 && i.every((part) => typeof part === 'string'))
  )
    return 'chunk.infos must be an array of [objectId, kind, name] strings';
  if (
    !Array.isArray(c.objects) ||
    !c.objects.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as { type?: unknown }).type === 'string' &&
        typeof (e as { ts?: unknown }).ts === 'number',
    )
  )
    return 'chunk.objects must be an array of trace events';
  return null;
}

/** True when `value` has the shape of a {@link TraceChunk} (see {@link traceChunkProblem}). */
export function isTraceChunk(value: unknown): value is TraceChunk {
  return traceChunkProblem(value) === null;
}
