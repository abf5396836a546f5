/**
 * Scenario `error-callback`, from the notebook's use of `error_callback` with
 * `apply_async`: a task that throws in a worker, and the error, with the stack trace of where
 * it was thrown in that worker, handed to the caller's error callback.
 *
 * The Python original:
 *
 *     def print_traceback(e):
 *         print(traceback.print_exception(type(e), e, e.__traceback__))
 *
 *     pool.apply_async(producer, args=(q, i), error_callback=print_traceback)
 *
 * Four records are parsed on a pool of two workers; one of them, `c=three`, is not a number.
 * Its task throws a TypeError deep inside the worker; the caller's `errorCallback` receives a
 * `RemoteTaskError` whose `remoteStack` is the worker's stack (the functions `toNumber` and
 * `parseRecord`, with their lines in this file) and prints it, as `print_traceback` does. The
 * other three tasks succeed: one failing task does not disturb the pool. The result carries
 * the parsed values and each error with its remote stack, so the app shows it too.
 *
 * On the timeline: four tasks, one of them failed (red when coloured by status); its tooltip
 * names the error.
 */
import { Pool, RemoteTaskError, task } from '../workers/runtime';
import type { ScenarioContext } from './context';

const RECORDS = ['a=1', 'b=2', 'c=three', 'd=4'];

/** One error as the error callback received it. */
export interface CaughtError {
  /** The record whose task threw. */
  record: string;
  /** The task that threw. */
  task: string;
  /** `Name: message` as thrown in the worker. */
  error: string;
  /** The stack trace from the worker, where the error was thrown. */
  remoteStack: string;
}

/** What a run returns: the records that parsed, and the errors of those that did not. */
export interface ErrorCallbackResult {
  parsed: Record<string, number>;
  errors: CaughtError[];
}

function toNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new TypeError(`not a number: ${JSON.stringify(text)}`);
  return value;
}

/** The task: parses one `name=value` record; a value that is not a number throws. */
export function parseRecord(record: string): [string, number] {
  const [name = '', value = ''] = record.split('=');
  return [name, toNumber(value)];
}

/** Parses every record with `applyAsync`, collecting results and errors through the callbacks. */
export async function main(ctx: ScenarioContext): Promise<ErrorCallbackResult> {
  const parsed: Record<string, number> = {};
  const errors: CaughtError[] = [];
  const pool = new Pool({ processes: 2 });
  const calls = RECORDS.map((record) =>
    pool.applyAsync<[string, number]>(task(import.meta.url, 'parseRecord'), [record], {
      callback: ([name, value]) => {
        parsed[name] = value;
      },
      // print_traceback: the callback runs here, in the caller, with the worker's stack.
      errorCallback: (error) => {
        ctx.log(error.stack ?? String(error));
        const remote = error instanceof RemoteTaskError ? error : undefined;
        errors.push({
          record,
          task: remote?.taskName ?? 'parseRecord',
          error: `${remote?.remoteName ?? error.name}: ${error.message}`,
          remoteStack: remote?.remoteStack ?? error.stack ?? '',
        });
      },
    }),
  );
  pool.close();
  await pool.join();
  // Every callback has run once each call is ready.
  await Promise.all(calls.map((call) => call.wait()));
  ctx.log(`${Object.keys(parsed).length} records parsed, ${errors.length} failed`);
  return { parsed, errors };
}
