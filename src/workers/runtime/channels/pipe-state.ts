/**
 * The owner's state of a Pipe: two ends, 0 and 1, each with the messages waiting to be received
 * there. Duplex pipes send both ways; a one-way pipe is Python's `Pipe(duplex=False)`, which
 * returns `(reader, writer)`: end 0 only receives, end 1 only sends.
 *
 * Op table (`serve(op, args)`; `timeoutMs` null/undefined = for ever, 0 = try once):
 *
 * | op      | args                        | result    | fails with                                         |
 * | ------- | --------------------------- | --------- | -------------------------------------------------- |
 * | `send`  | `[end, msg]`                | undefined | PipeClosedError (this end closed), BrokenPipeError |
 * | `recv`  | `[end, { timeoutMs? }?]`    | the msg   | PipeClosedError (end of file), PipeTimeoutError    |
 * | `poll`  | `[end, timeoutMs?]`         | boolean   | PipeClosedError (this end closed)                  |
 * | `close` | `[end]`                     | undefined |                                                    |
 * | `attach` | `[end]`                    | undefined |                                                    |
 *
 * `attach`: the caller received a copy of `end` (a Connection revived in another context), so it
 * counts as that end's user even before it sends or receives, as a child holds a copy of a
 * pipe's descriptor: if it ends without using the end, the other end still reads end of file.
 * Using the wrong end of a one-way pipe is a TypeError naming `end`. Python's `poll()` defaults
 * to no wait: the caller's side passes 0 for that.
 *
 * End of file: messages already sent stay readable; once an end's queue is empty, `recv` there
 * fails with PipeClosedError (Python: `EOFError`) when the other end is closed, or when the last
 * context that used the other end (or received a copy of it: `attach`) has ended, whatever its
 * exit code (as the OS closes a dead process's descriptors; here there are no descriptors to
 * count, so the last user stands for them). A blocked `recv` fails as soon as that happens.
 * `poll` then answers true: `recv` would not block. The other end comes back to life as soon as
 * any context uses it again.
 * `send` fails only when the other end was closed (BrokenPipeError); closing an end drops the
 * messages waiting there.
 */
import type { PrimitiveInfo } from '../context/identity';
import type { Caller, ContextExit, Served } from '../context/served';
import { invalidArgument } from '../errors';
import { Fifo } from '../fifo';
import { brokenPipe, pipeClosed, pipeTimeout, unknownOp, wrongDirection } from './channel-errors';
import { readEnd, readTimeout, readWaitOptions, type WaitMs } from './channel-options';
import { traceRecv, traceSend } from './channel-trace';
import { abortReason, WaitList } from './wait-list';

type End = 0 | 1;

/** The last user of an end, once it has ended. */
interface EndedUser {
  pid: number;
  exit: ContextExit;
}

function describeExit({ code, signal }: ContextExit): string {
  if (signal !== null) return `was killed by ${signal}`;
  return code === 0 ? 'exited' : `exited with code ${code}`;
}

/** State of one pipe, living in its owner context. */
export class PipeState implements Served {
  readonly info: PrimitiveInfo;
  readonly duplex: boolean;
  /** Messages waiting to be received at each end. */
  private readonly inbox: [Fifo<unknown>, Fifo<unknown>] = [new Fifo(), new Fifo()];
  private readonly closed: [boolean, boolean] = [false, false];
  private readonly users: [Caller | null, Caller | null] = [null, null];
  private readonly ended: [EndedUser | null, EndedUser | null] = [null, null];
  private readonly receivers: [WaitList<unknown>, WaitList<unknown>] = [new WaitList(), new WaitList()];
  private readonly pollers: [WaitList<boolean>, WaitList<boolean>] = [new WaitList(), new WaitList()];

  /** `info.kind` must be 'pipe'. */
  constructor(info: PrimitiveInfo, duplex = true) {
    if (info.kind !== 'pipe') throw invalidArgument('info.kind', "must be 'pipe'", info.kind, 'range');
    if (typeof duplex !== 'boolean') throw invalidArgument('duplex', 'must be a boolean', duplex, 'type');
    this.info = info;
    this.duplex = duplex;
  }

  /** Performs `op` for `caller` (see the op table in the module docs). */
  serve(op: string, args: readonly unknown[], caller: Caller, signal: AbortSignal): unknown {
    if (op !== 'send' && op !== 'recv' && op !== 'poll' && op !== 'close' && op !== 'attach') {
      throw unknownOp(this.info, op);
    }
    const end = readEnd(args[0]);
    if (signal.aborted) throw abortReason(signal);
    switch (op) {
      case 'send':
        return this.send(end, args[1], caller);
      case 'recv':
        return this.recv(end, readWaitOptions(args[1]), caller, signal);
      case 'poll':
        return this.poll(end, readTimeout(args[1]), caller, signal);
      case 'attach':
        if (!this.closed[end]) this.use(end, caller);
        return undefined;
      default:
        return this.close(end, caller);
    }
  }

  /** A context ended: withdraw its waits; an end it was the last user of now reads as closed. */
  callerGone(caller: Caller, exit: ContextExit): void {
    const gone = new Error(`${this.info.name}: the calling context ${caller.address} ended`);
    for (const list of [...this.receivers, ...this.pollers] as WaitList<unknown>[]) {
      for (const waiter of list.select((w) => w.caller.address === caller.address)) waiter.reject(gone);
    }
    for (const end of [0, 1] as const) {
      if (this.users[end]?.address !== caller.address || this.closed[end]) continue;
      this.ended[end] = { pid: caller.pid, exit };
      this.wakeAtEof(other(end));
    }
  }

  private send(end: End, msg: unknown, caller: Caller): undefined {
    if (!this.duplex && end === 0) throw wrongDirection(this.info, end, 'send');
    if (this.closed[end]) throw pipeClosed(this.info, end, 'send', 'this end is closed');
    this.use(end, caller);
    const peer = other(end);
    if (this.closed[peer]) throw brokenPipe(this.info, end);
    this.inbox[peer].push(msg);
    traceSend(this.info, caller, end, msg);
    this.deliver(peer);
    return undefined;
  }

  private recv(end: End, timeoutMs: WaitMs, caller: Caller, signal: AbortSignal): unknown {
    if (!this.duplex && end === 1) throw wrongDirection(this.info, end, 'recv');
    if (this.closed[end]) {
      traceRecv(this.info, caller, end, { error: 'closed' });
      throw pipeClosed(this.info, end, 'recv', 'this end is closed');
    }
    this.use(end, caller);
    if (this.inbox[end].length > 0) return this.take(end, caller);
    const eof = this.eofDetail(end);
    if (eof !== null) {
      traceRecv(this.info, caller, end, { error: 'eof' });
      throw pipeClosed(this.info, end, 'recv', eof);
    }
    const timedOut = (): never => {
      traceRecv(this.info, caller, end, { error: 'timeout' });
      throw pipeTimeout(this.info, end, timeoutMs ?? 0);
    };
    if (timeoutMs === 0) return timedOut();
    return this.receivers[end].wait(caller, signal, timeoutMs, undefined, {
      onTimeout: timedOut,
      onCancel: () => traceRecv(this.info, caller, end, { error: 'cancelled' }),
    });
  }

  private poll(end: End, timeoutMs: WaitMs, caller: Caller, signal: AbortSignal): boolean | Promise<boolean> {
    if (!this.duplex && end === 1) throw wrongDirection(this.info, end, 'poll');
    if (this.closed[end]) throw pipeClosed(this.info, end, 'poll', 'this end is closed');
    this.use(end, caller);
    if (this.inbox[end].length > 0 || this.eofDetail(end) !== null) return true;
    if (timeoutMs === 0) return false;
    return this.pollers[end].wait(caller, signal, timeoutMs, undefined, {
      onTimeout: () => false,
      onCancel: () => undefined,
    });
  }

  private close(end: End, caller: Caller): undefined {
    if (this.closed[end]) return undefined;
    this.closed[end] = true;
    this.users[end] = caller;
    this.inbox[end].clear();
    for (const r of this.receivers[end].select()) {
      traceRecv(this.info, r.caller, end, { error: 'closed' });
      r.reject(pipeClosed(this.info, end, 'recv', 'this end was closed while waiting'));
    }
    for (const p of this.pollers[end].select()) {
      p.reject(pipeClosed(this.info, end, 'poll', 'this end was closed while waiting'));
    }
    this.wakeAtEof(other(end));
    return undefined;
  }

  private use(end: End, caller: Caller): void {
    this.users[end] = caller;
    this.ended[end] = null;
  }

  private take(end: End, caller: Caller): unknown {
    const msg = this.inbox[end].shift();
    traceRecv(this.info, caller, end, { msg });
    return msg;
  }

  /** Why `end` is at end of file (its queue aside), or null while the other end is alive. */
  private eofDetail(end: End): string | null {
    const peer = other(end);
    if (this.closed[peer]) return `the other end (${peer}) is closed`;
    const gone = this.ended[peer];
    if (gone === null) return null;
    return `the last user of the other end (${peer}), pid ${gone.pid}, ${describeExit(gone.exit)}`;
  }

  /** Hands waiting messages at `end` to its blocked receivers, then tells its pollers. */
  private deliver(end: End): void {
    for (let r = this.receivers[end].first(); r !== undefined && this.inbox[end].length > 0;) {
      r.resolve(this.take(end, r.caller));
      r = this.receivers[end].first();
    }
    if (this.inbox[end].length > 0) for (const p of this.pollers[end].select()) p.resolve(true);
  }

  /** `end` may have reached end of file: fail its blocked receivers, answer its pollers. */
  private wakeAtEof(end: End): void {
    const eof = this.eofDetail(end);
    if (eof === null || this.closed[end] || this.inbox[end].length > 0) return;
    for (const r of this.receivers[end].select()) {
      traceRecv(this.info, r.caller, end, { error: 'eof' });
      r.reject(pipeClosed(this.info, end, 'recv', eof));
    }
    for (const p of this.pollers[end].select()) p.resolve(true);
  }
}

function other(end: End): End {
  return end === 0 ? 1 : 0;
}
