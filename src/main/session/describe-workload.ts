/**
 * Reading what a workload file declares (title, purpose, parameters, whether it knows the right
 * answer). That means importing it, i.e. running its top-level code: user code, so it happens in
 * a session process of its own, never in the host, and is killed if it takes too long.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorData } from '../../shared/errors';
import type { WorkloadInfo } from '../../shared/scenarios';
import type { FromSession, ToSession } from '../../shared/session-protocol';
import { killProcessGroup, waitForProcessGroup } from './process-group';
import { describeTimedOut, SessionError, sessionProcessDied, sessionSpawnFailed } from './session-errors';
import { forkSession, forwardLines, within } from './session-fork';
import type { OutputSource } from './session-runner';

/** Lines of stderr kept to explain an unexpected death. */
const STDERR_TAIL_LINES = 20;

/** What {@link describeWorkloadFile} needs. */
export interface DescribeOptions {
  /** The session process entry. */
  entry: string;
  /** Longest the import may take before the process is killed. */
  timeoutMs: number;
  /** Receives what the file prints while it is imported. */
  onOutput: (line: string, source: OutputSource) => void;
}

/**
 * Imports the (already resolved and checked) workload file `path` in a session process and
 * answers its description. Rejects with a {@link SessionError} carrying the error as data: the
 * file, line and stack for a syntax error, what it exports when `main` is missing, a timeout.
 */
export function describeWorkloadFile(path: string, options: DescribeOptions): Promise<WorkloadInfo> {
  const sessionId = `describe-${randomUUID()}`;
  const child = forkSession(options.entry);
  const pid = child.pid;
  const stderrTail: string[] = [];
  forwardLines(child.stdout, (line) => options.onOutput(line, { sessionId, stream: 'stdout' }));
  forwardLines(child.stderr, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    options.onOutput(line, { sessionId, stream: 'stderr' });
  });

  // 'close' follows 'exit' once stdio and the IPC channel are drained: no message trails it.
  const closed = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => child.pid === undefined && resolve());
  });

  return new Promise<WorkloadInfo>((resolve, reject) => {
    let answer: Extract<FromSession, { type: 'described' | 'failed' }> | undefined;
    let failure: ErrorData | undefined;
    const timer = setTimeout(() => {
      failure = describeTimedOut(path, options.timeoutMs);
      if (pid !== undefined) killProcessGroup(pid);
    }, options.timeoutMs);

    const settle = async (code: number | null, signal: string | null): Promise<void> => {
      clearTimeout(timer);
      // Anything the file started at import time (a pool, a timer) goes with its process group.
      if (pid !== undefined) {
        killProcessGroup(pid);
        await within(closed, 1000);
        await waitForProcessGroup(pid, Date.now() + 1000);
      }
      if (answer?.type === 'described') {
        const { title, purpose, params, hasExpected } = answer.workload;
        resolve({ id: path, path, title: title ?? path, purpose: purpose ?? '', params, hasExpected });
      } else {
        reject(new SessionError(answer?.error ?? failure ?? sessionProcessDied(code, signal, stderrTail)));
      }
    };

    child.on('message', (message: FromSession) => {
      if (!answer && (message.type === 'described' || message.type === 'failed')) answer = message;
    });
    child.once('exit', (code, signal) => void settle(code, signal));
    child.once('error', (error) => {
      // Also emitted for a failed send to a live child: only a spawn failure ends it here.
      if (child.pid !== undefined) return;
      failure = sessionSpawnFailed(error);
      void settle(null, null);
    });
    const request: ToSession = { type: 'describe', module: path };
    child.send(request, (error) => {
      if (error && pid !== undefined) killProcessGroup(pid);
    });
  });
}
