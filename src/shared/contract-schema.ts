/**
 * Run-time validation of every request payload in the contract. Each schema is checked
 * against {@link InvokeRequest} at compile time (`satisfies`), so the types in
 * `contract.ts` stay the single source and this file cannot silently disagree with them.
 * Pure code: no Node or Electron imports, so any process may use it.
 */
import { z } from 'zod';
import {
  MAX_PATH_LENGTH,
  type InvokeChannel,
  type InvokeRequest,
  type SessionStartRequest,
} from './contract';
import { SAMPLER_MAX_HZ, SAMPLER_MIN_HZ } from './samples';
import { MAX_PARAM_TEXT, MAX_PARAMS } from './scenario-params';

const id = z.string().min(1).max(200);
const path = z.string().min(1).max(MAX_PATH_LENGTH);

/** One parameter value: its kind (and range) is checked later, against the scenario's declaration. */
const paramValue = z.union([z.number(), z.string().max(MAX_PARAM_TEXT), z.boolean()], {
  error: `expected a finite number, a boolean or a string of at most ${MAX_PARAM_TEXT} characters`,
});

const params = z.record(z.string().max(64), paramValue).refine((p) => Object.keys(p).length <= MAX_PARAMS, {
  message: `too many parameters (at most ${MAX_PARAMS})`,
});

/**
 * `session:start` names a scenario or a file, never both. One strict object with both optional
 * (rather than a union of two) keeps zod's messages pointing at the offending field.
 */
const sessionStart = z
  .strictObject({ scenario: id.optional(), file: path.optional(), params })
  .refine((r) => (r.scenario === undefined) !== (r.file === undefined), {
    message: 'give either scenario (an id) or file (a path), not both',
  })
  .transform((r): SessionStartRequest =>
    r.file !== undefined ? { file: r.file, params: r.params } : { scenario: r.scenario!, params: r.params },
  );

/** Request schemas by channel; strict objects reject unknown keys. */
export const requestSchemas = {
  'host:info': z.null(),
  'topology:get': z.null(),
  'sampler:set-rate': z.strictObject({
    hz: z.number().int().min(SAMPLER_MIN_HZ).max(SAMPLER_MAX_HZ),
  }),
  'scenarios:list': z.null(),
  'session:start': sessionStart,
  'session:stop': z.strictObject({ sessionId: id }),
  'session:current': z.null(),
  'workload:open': z.strictObject({ path }),
  'workload:recent': z.null(),
  'workload:pick': z.null(),
} satisfies { [C in InvokeChannel]: z.ZodType<InvokeRequest<C>> };

/** True when `name` is a channel of the contract (a type guard usable on untrusted input). */
export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/**
 * Validates an untrusted request. Returns the parsed payload, or a one-line message naming
 * the channel and the offending field.
 */
export function parseRequest<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
): { ok: true; value: InvokeRequest<C> } | { ok: false; message: string } {
  const result = requestSchemas[channel].safeParse(payload);
  if (result.success) return { ok: true, value: result.data as InvokeRequest<C> };
  const issue = result.error.issues[0];
  // The path can hold attacker-chosen keys of any length: clip each segment so one bad
  // request cannot make a megabyte error reply and log line.
  const where =
    issue && issue.path.length > 0 ? ` at ${issue.path.map((p) => clip(String(p), 64)).join('.')}` : '';
  return {
    ok: false,
    message: `invalid payload for ${channel}${where}: ${clip(issue?.message ?? 'rejected', 200)}`,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// The trace chunk shape check lives beside the types (contract.ts), free of zod, so the renderer
// can run it on every chunk without bundling the request schemas.
export { isTraceChunk, traceChunkProblem } from './contract';
