/**
 * `Process`: Python's `multiprocessing.Process` on two backends. The target, a task reference,
 * runs in a new child, a forked Node process or a worker thread, which joins this context's
 * tree (primitives passed in its args work there, its trace events come here). Every method that
 * waits returns a Promise, so the same code runs on both backends.
 *
 * Daemons: a daemon child does not keep its parent alive (except while the parent awaits its
 * `start()`, `join()`, `terminate()` or `kill()`), is killed with SIGKILL when its parent exits
 * (Python sends SIGTERM, which a busy JS loop might never act on), and ends by itself if its
 * parent vanishes without exiting cleanly. A non-daemon child keeps its parent's event loop
 * alive until it ends, as Python joins non-daemonic children at exit.
 *
 * Thread backend: a thread cannot receive signals, so `terminate()` and `kill()` both stop it
 * with `worker.terminate()`, and its `exitCode` reports -15 or -9 as a process's would.
 */
import { assertNotBootstrapping } from './bootstrap';
import type { TaskRef } from '../../shared/worker-protocol';
import { errorFromData } from './context/remote-errors';
import { tracingActive } from './context/trace-out';
import { toWire } from './context/wire';
import { TaskLoadError } from './errors';
import { checkTimeout } from './primitives/wait-options';
import { notStarted, startedTwice } from './process-errors';
import { resolveProcessOptions, type ProcessOptions } from './process-options';
import type { ChildHandle, ProcessBackend } from './process-spawn';
import { superviseChild } from './process-supervise';

export type { ProcessOptions } from './process-options';
export type { ProcessBackend } from './process-spawn';

/** This context's identity (Python's `_identity`): empty in the root, `[1]` in `Process-1`, … */
let parentIdentity: readonly number[] = [];
let created = 0;
/** Children started here and not yet ended (Python's `active_children()`). */
const active = new Map<Process, ChildHandle>();
let exitHookInstalled = false;

/** Longest delay `setTimeout` keeps; longer joins wait without a timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** @internal Set by a Process child: its own children are named from its identity. */
export function setProcessIdentity(identity: readonly number[]): void {
  parentIdentity = Object.freeze([...identity]);
}

/** The Processes this context started that are still running (Python's `active_children()`). */
export function activeChildren(): Process[] {
  return [...active.keys()];
}

/**
 * @internal Waits for every running non-daemon child: a Process child calls it after its target
 * returned, as Python's children join theirs before exiting (daemons are killed at exit).
 */
export async function joinNonDaemonChildren(): Promise<void> {
  await Promise.all(activeChildren().map((child) => (child.daemon ? undefined : child.join())));
}

/** Daemon children die with their parent (Python terminates them at exit). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [child, handle] of active) if (child.daemon) handle.signal('SIGKILL');
  });
}

type State = 'initial' | 'running' | 'exited';

/** A function run in a child process or thread; see the module docs. */
export class Process {
  /** `Process-<n>` unless named. */
  readonly name: string;
  /** Whether the child dies with its parent instead of keeping it alive. */
  readonly daemon: boolean;
  readonly backend: ProcessBackend;
  /** The function the child runs. */
  readonly target: TaskRef;
  private readonly _args: unknown[];
  private readonly _identity: readonly number[];
  private _state: State = 'initial';
  private _handle: ChildHandle | null = null;
  private _exitCode: number | null = null;
  private _error: Error | null = null;
  /** A thread has no signals: the one asked for, to report it. */
  private _requested: 'SIGTERM' | 'SIGKILL' | null = null;
  private _exited: Promise<void> = Promise.resolve();
  /** Calls awaiting the child: while any is, even a daemon keeps this context alive. */
  private _awaited = 0;

  /** Throws TypeError/RangeError naming a bad option (an argument that cannot be sent: `args[i]`). */
  constructor(options: ProcessOptions) {
    assertNotBootstrapping('Process');
    const resolved = resolveProcessOptions(options);
    this.target = resolved.target;
    this._args = resolved.args;
    this.daemon = resolved.daemon;
    this.backend = resolved.backend;
    this._identity = [...parentIdentity, ++created];
    this.name = resolved.name ?? `Process-${this._identity.join(':')}`;
  }

  /** The child's pid once started (a thread's is this process's own). */
  get pid(): number | undefined {
    return this._handle?.pid;
  }

  /** The child's `threadId` once started: 0 for a process, the thread's id for a thread. */
  get threadId(): number | undefined {
    return this._handle?.threadId;
  }

  /**
   * null while running (or never started); then 0 when the target returned, 1 when it threw or
   * could not be loaded, `n` after `process.exit(n)`, `-<signal>` when a signal ended it.
   */
  get exitCode(): number | null {
    return this._exitCode;
  }

  /**
   * What the target threw (its remote stack kept in `stack`), or a `TaskLoadError` when it could
   * not be loaded; null otherwise.
   */
  get error(): Error | null {
    return this._error;
  }

  /** True from `start()` until the child ended. */
  isAlive(): boolean {
    return this._state === 'running';
  }

  /**
   * Starts the child; resolves once it runs (joined to this context, about to load the target),
   * or has already ended. A second call rejects with `ProcessStateError`, as Python refuses it.
   */
  async start(): Promise<void> {
    if (this._state !== 'initial') throw startedTwice(this.name);
    let resolveStarted!: () => void;
    const started = new Promise<void>((resolve) => (resolveStarted = resolve));
    let resolveExited!: () => void;
    this._exited = new Promise<void>((resolve) => (resolveExited = resolve));
    let handle: ChildHandle;
    try {
      handle = superviseChild({
        start: {
          type: 'start',
          target: this.target,
          args: toWire(this._args, this.backend),
          name: this.name,
          identity: [...this._identity],
          tracing: tracingActive(),
          daemon: this.daemon,
        },
        backend: this.backend,
        daemon: this.daemon,
        onStarted: resolveStarted,
        onFailed: (error, load) => {
          this._error = load
            ? new TaskLoadError(this.target, error)
            : errorFromData(error, `${this.name}, pid ${this.pid}`);
        },
        onExit: (exitCode) => {
          this._exitCode = exitCode;
          this._state = 'exited';
          active.delete(this);
          resolveStarted();
          resolveExited();
        },
        requestedSignal: () => this._requested,
      });
    } catch (error) {
      // No child, or one killed because its start could not be sent: nothing to wait for.
      this._state = 'exited';
      resolveExited();
      throw error;
    }
    this._handle = handle;
    this._state = 'running';
    active.set(this, handle);
    if (this.daemon) installExitHook();
    await this._awaiting(started);
  }

  /**
   * Resolves when the child has ended, or after `timeout` ms (then `exitCode` is still null).
   * Rejects with `ProcessStateError` before `start()`.
   */
  async join(timeout?: number | null): Promise<void> {
    const ms = checkTimeout(timeout);
    if (this._state === 'initial') throw notStarted('join', this.name);
    if (this._state === 'exited') return;
    if (ms === null || ms > MAX_TIMER_MS) return this._awaiting(this._exited);
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await this._awaiting(Promise.race([this._exited, elapsed]));
    clearTimeout(timer);
  }

  /** Ends the child with SIGTERM (a thread: `terminate()`); resolves once it is gone. */
  terminate(): Promise<void> {
    return this._end('SIGTERM', 'terminate');
  }

  /** Ends the child with SIGKILL (a thread: `terminate()`); resolves once it is gone. */
  kill(): Promise<void> {
    return this._end('SIGKILL', 'kill');
  }

  private async _end(signal: 'SIGTERM' | 'SIGKILL', method: string): Promise<void> {
    if (this._state === 'initial') throw notStarted(method, this.name);
    if (this._state === 'exited') return;
    this._requested ??= signal;
    this._handle!.signal(signal);
    await this._awaiting(this._exited);
  }

  /**
   * Awaits `promise`, keeping this context alive meanwhile: a daemon must not keep its parent
   * alive, but a parent awaiting it (as Python's join blocks) must not exit under the await.
   */
  private async _awaiting<T>(promise: Promise<T>): Promise<T> {
    if (!this.daemon) return promise;
    if (this._awaited++ === 0) this._handle?.setKeepAlive(true);
    try {
      return await promise;
    } finally {
      if (--this._awaited === 0 && this._state === 'running') this._handle?.setKeepAlive(false);
    }
  }
}
