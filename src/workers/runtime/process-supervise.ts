/**
 * The parent's side of one Process child: starts it, links it into this context's tree, passes
 * its output through (and records it while tracing), routes its messages, and reports its end
 * once, as Python's exit code, after the context tree and the trace have heard of it.
 */
import { constants } from 'node:os';
import type { ErrorData } from '../../shared/errors';
import type { FromChild, ToChild } from '../../shared/process-protocol';
import { isLinkMessage, linkChild } from './context/links';
import type { ChildPort } from './context/router';
import { emitTrace, flushTrace, nowUs } from './context/trace-out';
import { LineSplitter, writeThrough, type OutputStream } from './process-output';
import { spawnChild, type ChildHandle, type ProcessBackend } from './process-spawn';
import { processChunkSink } from './trace';

/** What to start and whom to tell. */
export interface ChildSpec {
  /** The `start` message (it says whether the child traces). */
  start: Extract<ToChild, { type: 'start' }>;
  backend: ProcessBackend;
  daemon: boolean;
  /** The child sent `started` (or ended before it could). */
  onStarted(): void;
  /** The target threw, or could not be loaded (`load`). */
  onFailed(error: ErrorData, load: boolean): void;
  /** The child is gone: Python's exit code, and the signal (a thread's: the one asked for). */
  onExit(exitCode: number, signal: string | null): void;
  /** For a thread, which has none: the signal `terminate()`/`kill()` asked for, if any. */
  requestedSignal(): 'SIGTERM' | 'SIGKILL' | null;
}

/** Python's exit code: the code, or minus the number of the signal that ended the child. */
function pythonExitCode(code: number | null, signal: string | null): number {
  if (code !== null) return code;
  const number = signal === null ? undefined : constants.signals[signal as keyof typeof constants.signals];
  return number === undefined ? -1 : -number;
}

function traceOutput(handle: () => ChildHandle): Record<OutputStream, LineSplitter> {
  const make = (stream: OutputStream): LineSplitter =>
    new LineSplitter((line) => {
      const { pid, threadId: tid } = handle();
      emitTrace({ type: 'output', ts: nowUs(), pid, tid, stream, line });
    });
  return { stdout: make('stdout'), stderr: make('stderr') };
}

/**
 * Starts the child and sends it `spec.start`. Throws when it cannot be started; when the start
 * message cannot be sent, kills the child and throws a TypeError naming `args`.
 */
export function superviseChild(spec: ChildSpec): ChildHandle {
  const { start, backend } = spec;
  const tracing = start.tracing;
  // Both are set before any event can arrive (events come from the loop, after this returns).
  let port: ChildPort | null = null;
  let handle: ChildHandle | null = null;
  const splitters = tracing ? traceOutput(() => handle!) : null;

  const onMessage = (message: FromChild): void => {
    switch (message.type) {
      case 'started':
        spec.onStarted();
        return;
      case 'failed':
        spec.onFailed(message.error, message.load);
        return;
      case 'trace':
        // Passed on undecoded (trace-chunk.ts): only the final consumer decodes.
        processChunkSink()?.(message.chunk);
        return;
      case 'output':
        writeThrough(message.stream, message.data);
        return;
      case 'exiting':
        return;
    }
  };

  const onExit = (code: number | null, signal: string | null): void => {
    splitters?.stdout.end();
    splitters?.stderr.end();
    const requested = spec.requestedSignal();
    // worker.terminate() ends a thread with code 1: report the signal it stands for.
    if (backend === 'thread' && requested !== null && code === 1) {
      code = null;
      signal = requested;
    }
    const exitCode = pythonExitCode(code, signal);
    port!.exited({ code, signal });
    if (tracing) {
      const { pid, threadId: tid } = handle!;
      emitTrace({ type: 'process-exit', ts: nowUs(), pid, tid, name: start.name, exitCode, signal });
      // Whoever awaits join() then finds the child's whole story in the sink.
      flushTrace();
    }
    spec.onExit(exitCode, signal);
  };

  const child = spawnChild(
    backend,
    {
      onMessage: (message) => {
        if (isLinkMessage(message)) port!.receive(message);
        else onMessage(message as FromChild);
      },
      onOutput: (stream, chunk) => {
        writeThrough(stream, chunk);
        splitters?.[stream].push(chunk);
      },
      onExit,
    },
    spec.daemon,
  );
  handle = child;
  port = linkChild(child.address, (message) => child.send(message));
  if (tracing) {
    emitTrace({
      type: 'process-start',
      ts: nowUs(),
      pid: child.pid,
      tid: child.threadId,
      name: start.name,
      backend,
      parentPid: process.pid,
      target: `${start.target.module}#${start.target.name}`,
    });
  }
  try {
    child.send(start);
  } catch (error) {
    child.signal('SIGKILL');
    const detail = error instanceof Error ? error.message : String(error);
    throw new TypeError(`Invalid option "args": cannot be sent to the child: ${detail}`, { cause: error });
  }
  return child;
}
