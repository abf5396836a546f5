/**
 * The owner's state of a managed dict (Python's `Manager().dict()`): string keys, plain-data
 * values, insertion order kept. Every operation is one step on the owner, so each is atomic, but
 * a read followed by a write is not (as in Python: `d[k] += 1` from two contexts can lose one).
 *
 * Op table (`serve(op, args)`):
 *
 * | op        | args                   | result                                        |
 * | --------- | ---------------------- | --------------------------------------------- |
 * | `get`     | `[key, default?]`      | the value, or `default` (undefined) if absent |
 * | `set`     | `[key, value]`         | undefined                                     |
 * | `delete`  | `[key]`                | boolean: whether the key was there            |
 * | `has`     | `[key]`                | boolean                                       |
 * | `keys`    | `[]`                   | string[]                                      |
 * | `values`  | `[]`                   | unknown[]                                     |
 * | `entries` | `[]`                   | [string, unknown][]                           |
 * | `size`    | `[]`                   | number                                        |
 * | `clear`   | `[]`                   | undefined                                     |
 * | `update`  | `[source]`             | undefined: a plain object, a Map or [key, value] pairs |
 *
 * A key that is not a string is a TypeError naming `key`. Values are stored as given: callers in
 * other contexts always send copies.
 */
import type { PrimitiveInfo } from '../context/identity';
import { NO_WAITING_OPS, type Caller, type Served } from '../context/served';
import { invalidArgument } from '../errors';
import { unknownOp } from './channel-errors';

function readKey(key: unknown, name = 'key'): string {
  if (typeof key !== 'string') throw invalidArgument(name, 'must be a string', key, 'type');
  return key;
}

/** The [key, value] pairs of an `update` source, checked. */
function readSource(source: unknown): [string, unknown][] {
  if (source instanceof Map) return [...source].map(([k, v]) => [readKey(k, 'source key'), v]);
  if (Array.isArray(source)) {
    return source.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw invalidArgument(`source[${i}]`, 'must be a [key, value] pair', pair, 'type');
      }
      return [readKey(pair[0], `source[${i}][0]`), pair[1]];
    });
  }
  if (typeof source === 'object' && source !== null) return Object.entries(source);
  throw invalidArgument(
    'source',
    'must be an object, a Map or an array of [key, value] pairs',
    source,
    'type',
  );
}

/** State of one managed dict, living in its owner context. */
export class DictState implements Served {
  /** No op waits (see Served). */
  readonly waitingOps = NO_WAITING_OPS;
  readonly info: PrimitiveInfo;
  private readonly map = new Map<string, unknown>();

  /** `info.kind` must be 'dict'. */
  constructor(info: PrimitiveInfo) {
    if (info.kind !== 'dict') throw invalidArgument('info.kind', "must be 'dict'", info.kind, 'range');
    this.info = info;
  }

  /** Performs `op` (see the op table in the module docs); the caller and signal do not matter here. */
  serve(op: string, args: readonly unknown[], _caller: Caller, _signal: AbortSignal): unknown {
    const map = this.map;
    switch (op) {
      case 'get': {
        const key = readKey(args[0]);
        return map.has(key) ? map.get(key) : args[1];
      }
      case 'set':
        map.set(readKey(args[0]), args[1]);
        return undefined;
      case 'delete':
        return map.delete(readKey(args[0]));
      case 'has':
        return map.has(readKey(args[0]));
      case 'keys':
        return [...map.keys()];
      case 'values':
        return [...map.values()];
      case 'entries':
        return [...map.entries()];
      case 'size':
        return map.size;
      case 'clear':
        map.clear();
        return undefined;
      case 'update':
        // Checked in full first, so a bad pair changes nothing.
        for (const [key, value] of readSource(args[0])) map.set(key, value);
        return undefined;
      default:
        throw unknownOp(this.info, op);
    }
  }
}
