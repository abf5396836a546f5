/** `new Process(...)` options: validation and defaults, kept apart from the class. */
import type { TaskRef } from '../../shared/worker-protocol';
import { invalidArgument, invalidOption } from './errors';
import { unsendableProcessArg } from './process-errors';
import type { ProcessBackend } from './process-spawn';
import { validateTaskRef } from './task-ref';
import { toWire } from './context/wire';

/** Options of `new Process(...)`. */
export interface ProcessOptions {
  /** The function the child runs, named by `task(module, name)`. */
  target: TaskRef;
  /** Its arguments (structured-cloneable; primitives such as Lock or Queue may be among them). */
  args?: readonly unknown[];
  /** Defaults to Python's `Process-<n>` (`Process-1:2` for the second child of `Process-1`). */
  name?: string;
  /** A daemon does not keep its parent alive and is killed when its parent exits. Default false. */
  daemon?: boolean;
  /** 'process' (default): a forked Node process; 'thread': a worker thread of this process. */
  backend?: ProcessBackend;
}

/** Options after validation. */
export interface ResolvedProcessOptions {
  target: TaskRef;
  args: unknown[];
  name: string | undefined;
  daemon: boolean;
  backend: ProcessBackend;
}

const BACKENDS: readonly ProcessBackend[] = ['process', 'thread'];

function resolveBackend(value: unknown): ProcessBackend {
  if (value === undefined) return 'process';
  const allowed = "'process' or 'thread'";
  if (typeof value !== 'string') throw invalidOption('backend', `must be ${allowed}`, value, 'type');
  if (!(BACKENDS as readonly string[]).includes(value)) {
    throw invalidOption('backend', `must be ${allowed}`, value, 'range');
  }
  return value as ProcessBackend;
}

function cloneProblem(value: unknown): string | null {
  if (typeof value === 'function') return 'functions cannot be cloned';
  if (typeof value === 'symbol') return 'symbols cannot be cloned';
  if (typeof value !== 'object' || value === null) return null;
  try {
    structuredClone(value);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Checks every argument can reach the child, so that a bad one fails the constructor (naming
 * `args[i]`) instead of a child that started for nothing.
 */
function resolveArgs(value: unknown, backend: ProcessBackend): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidOption('args', 'must be an array', value, 'type');
  const args = [...(value as unknown[])];
  toWire(args, backend).forEach((arg, index) => {
    const problem = cloneProblem(arg);
    if (problem !== null) throw unsendableProcessArg(index, problem);
  });
  return args;
}

/** Validates the options of `new Process(options)`; throws TypeError/RangeError naming the option. */
export function resolveProcessOptions(options: unknown): ResolvedProcessOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidArgument('options', 'must be an object with at least a "target"', options, 'type');
  }
  const o = options as Record<string, unknown>;
  const target = validateTaskRef(o.target, 'target');
  const backend = resolveBackend(o.backend);
  if (o.name !== undefined && typeof o.name !== 'string') {
    throw invalidOption('name', 'must be a string', o.name, 'type');
  }
  if (o.daemon !== undefined && typeof o.daemon !== 'boolean') {
    throw invalidOption('daemon', 'must be a boolean', o.daemon, 'type');
  }
  return {
    target,
    args: resolveArgs(o.args, backend),
    name: o.name,
    daemon: o.daemon ?? false,
    backend,
  };
}
