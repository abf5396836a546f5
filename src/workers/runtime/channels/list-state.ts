/**
 * The owner's state of a managed list (Python's `Manager().list()`): plain-data values. Each
 * operation is atomic on the owner; a read followed by a write is not.
 *
 * Op table (`serve(op, args)`; indexes count from the end when negative, as in Python):
 *
 * | op       | args                    | result                   | fails with (RangeError naming the argument) |
 * | -------- | ----------------------- | ------------------------ | ------------------------------------------- |
 * | `get`    | `[index]`               | the value                | index out of range                          |
 * | `set`    | `[index, value]`        | undefined                | index out of range                          |
 * | `append` | `[value]`               | undefined                |                                             |
 * | `insert` | `[index, value]`        | undefined                | (clamped, as Python's `insert`)             |
 * | `pop`    | `[index?]` (default -1) | the value removed        | empty list, index out of range              |
 * | `length` | `[]`                    | number                   |                                             |
 * | `slice`  | `[start?, end?]`        | a copy of that part      | (as `Array.prototype.slice`)                |
 * | `extend` | `[values]`              | undefined                | TypeError: `values` not an array            |
 * | `remove` | `[value]`               | undefined                | value not in the list                       |
 * | `index`  | `[value, start?, end?]` | number                   | value not in the list                       |
 * | `count`  | `[value]`               | number                   |                                             |
 * | `clear`  | `[]`                    | undefined                |                                             |
 *
 * Values are found by contents (`plainEqual`), like Python's `==`: a caller in another context
 * always holds a copy, never the stored object.
 */
import type { PrimitiveInfo } from '../context/identity';
import type { Caller, Served } from '../context/served';
import { invalidArgument } from '../errors';
import { unknownOp } from './channel-errors';
import { plainEqual } from './plain-equal';

function readInteger(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidArgument(name, 'must be an integer', value, 'type');
  if (!Number.isSafeInteger(value)) throw invalidArgument(name, 'must be an integer', value, 'range');
  return value;
}

function readOptionalInteger(value: unknown, name: string): number | undefined {
  return value === undefined || value === null ? undefined : readInteger(value, name);
}

/** State of one managed list, living in its owner context. */
export class ListState implements Served {
  readonly info: PrimitiveInfo;
  private readonly items: unknown[] = [];

  /** `info.kind` must be 'list'. */
  constructor(info: PrimitiveInfo) {
    if (info.kind !== 'list') throw invalidArgument('info.kind', "must be 'list'", info.kind, 'range');
    this.info = info;
  }

  /** Performs `op` (see the op table in the module docs); the caller and signal do not matter here. */
  serve(op: string, args: readonly unknown[], _caller: Caller, _signal: AbortSignal): unknown {
    const items = this.items;
    switch (op) {
      case 'get':
        return items[this.position(args[0], 'index')];
      case 'set':
        items[this.position(args[0], 'index')] = args[1];
        return undefined;
      case 'append':
        items.push(args[0]);
        return undefined;
      case 'insert': {
        const at = readInteger(args[0], 'index');
        items.splice(Math.max(0, at < 0 ? items.length + at : Math.min(at, items.length)), 0, args[1]);
        return undefined;
      }
      case 'pop': {
        if (items.length === 0)
          throw invalidArgument('index', `pop from empty ${this.info.name}`, args[0], 'range');
        return items.splice(this.position(args[0] ?? -1, 'index'), 1)[0];
      }
      case 'length':
        return items.length;
      case 'slice':
        return items.slice(readOptionalInteger(args[0], 'start'), readOptionalInteger(args[1], 'end'));
      case 'extend':
        if (!Array.isArray(args[0])) throw invalidArgument('values', 'must be an array', args[0], 'type');
        items.push(...(args[0] as unknown[]));
        return undefined;
      case 'remove':
        items.splice(this.find(args[0], undefined, undefined), 1);
        return undefined;
      case 'index':
        return this.find(args[0], readOptionalInteger(args[1], 'start'), readOptionalInteger(args[2], 'end'));
      case 'count':
        return items.reduce((n: number, v) => (plainEqual(v, args[0]) ? n + 1 : n), 0);
      case 'clear':
        items.length = 0;
        return undefined;
      default:
        throw unknownOp(this.info, op);
    }
  }

  /** The array position of a Python-style index, or a RangeError naming `name`. */
  private position(value: unknown, name: string): number {
    const index = readInteger(value, name);
    const at = index < 0 ? this.items.length + index : index;
    if (at < 0 || at >= this.items.length) {
      throw invalidArgument(
        name,
        `is out of range for ${this.info.name} of length ${this.items.length}`,
        index,
        'range',
      );
    }
    return at;
  }

  /** First position of `value` within [start, end) (slice semantics), or a RangeError naming `value`. */
  private find(value: unknown, start: number | undefined, end: number | undefined): number {
    const n = this.items.length;
    const from = start === undefined ? 0 : start < 0 ? Math.max(0, n + start) : Math.min(start, n);
    const to = end === undefined ? n : end < 0 ? Math.max(0, n + end) : Math.min(end, n);
    for (let i = from; i < to; i++) if (plainEqual(this.items[i], value)) return i;
    throw invalidArgument('value', `is not in ${this.info.name}`, value, 'range');
  }
}
