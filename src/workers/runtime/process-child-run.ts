/**
 * The child's side of a `Process`, on either backend: wait for `start`, join the parent's
 * context tree, load and run the target, report a failure (printed to stderr like Python's
 * traceback, and sent to the parent as data), join non-daemon children, then exit with Python's
 * code once every message is out.
 */
import { router } from './context/router';
import type { FromChild, ToChild } from '../../shared/process-protocol';
import type { Transport } from '../transport';
import { beforeExit, flushLink, fromParent, isLinkMessage, joinParent } from './context/links';
import { fromWire } from './context/wire';
import { serializeThrown } from './errors';
import { joinNonDaemonChildren, setProcessIdentity } from './process';
import { setOutputUplink } from './process-output';
import { TaskLoader } from './task-loader';
// Every primitive module registers how its wire forms revive: the child must know them all.
import './index';

/** How the child reaches its parent and ends. */
export interface ChildEnvironment {
  transport: Transport;
  /** Sends the last message; resolves once it is out (or cannot be). */
  sendLast(message: FromChild): Promise<void>;
  /** Ends this process or thread with `code`. */
  exit(code: number): void;
}

type StartMessage = Extract<ToChild, { type: 'start' }>;

/** Resolves once `stream` has written everything queued before this call. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    try {
      stream.write('', () => resolve());
    } catch {
      resolve();
    }
  });
}

/** Starts listening for the parent's `start`; the child then runs until its target is done. */
export function runProcessChild(env: ChildEnvironment): void {
  const { transport } = env;
  const send = (message: FromChild): void => {
    // One-way primitive operations made before it (a put, a release) go first.
    flushLink();
    transport.send(message);
  };
  let start: StartMessage | null = null;
  let failed = false;

  const fail = (thrown: unknown, load: boolean): void => {
    if (failed) return;
    failed = true;
    const error = serializeThrown(thrown, load ? 'not-found' : 'workload-error');
    // Python prints the child's traceback to its stderr; so do we, then tell the parent.
    const text = error.stack ?? `${error.name}: ${error.message}`;
    process.stderr.write(`Process ${start?.name ?? ''}:\n${text}\n`);
    try {
      send({ type: 'failed', error, load });
    } catch {
      // The parent is gone: the exit code still says it.
    }
  };

  const finish = async (code: number): Promise<void> => {
    await joinNonDaemonChildren();
    beforeExit();
    // The router sends what the target queued at the end of the tick: let it go first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    await env.sendLast({ type: 'exiting', code });
    env.exit(code);
  };

  const run = async (message: StartMessage): Promise<void> => {
    setProcessIdentity(message.identity);
    joinParent({ send: (m) => transport.send(m), tracing: message.tracing });
    setOutputUplink((stream, data) => send({ type: 'output', stream, data }));
    // What the target leaves unhandled fails it, as an uncaught error would end a Python child.
    process.on('uncaughtException', (error) => fail(error, false));
    process.on('unhandledRejection', (reason) => fail(reason, false));
    send({ type: 'started' });
    const loader = new TaskLoader();
    try {
      const fn = await loader.load(message.target).catch((error: unknown) => {
        fail(error, true);
        return null;
      });
      if (fn !== null) await fn(...fromWire(message.args));
    } catch (error) {
      fail(error, false);
    }
    await finish(failed ? 1 : 0);
  };

  transport.onMessage((message) => {
    if (isLinkMessage(message)) {
      fromParent(message);
      return;
    }
    const msg = message as ToChild;
    if (msg.type === 'start' && start === null) {
      start = msg;
      void run(msg);
    }
  });
  // A parent that died before the start, or the parent of a daemon: nothing left to do here.
  transport.onDisconnect(() => {
    if (start === null || start.daemon) env.exit(1);
    // A non-daemon child runs on (as Python's does), but whatever it asked its parent for can
    // never be answered: fail those calls instead of leaving them waiting.
    router.uplinkClosed();
  });
}
