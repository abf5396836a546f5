/**
 * Run-time validation of every request payload in the contract. Each schema is checked
 * against {@link InvokeRequest} at compile time (`satisfies`), so the types in
 * `contract.ts` stay the single source and this file cannot silently disagree with them.
 * Pure code: no Node or Electron imports, so any process may use it.
 */
import { z } from 'zod';
import type { InvokeChannel, InvokeRequest } from './contract';
import { SAMPLER_MAX_HZ, SAMPLER_MIN_HZ } from './samples';

const id = z.string().min(1).max(200);

/** Request schemas by channel; strict objects reject unknown keys. */
export const requestSchemas = {
  'host:info': z.null(),
  'topology:get': z.null(),
  'sampler:set-rate': z.strictObject({
    hz: z.number().int().min(SAMPLER_MIN_HZ).max(SAMPLER_MAX_HZ),
  }),
  'scenarios:list': z.null(),
  'session:start': z.strictObject({
    scenario: id,
    params: z.record(z.string().max(64), z.number().finite()).refine((p) => Object.keys(p).length <= 32, {
      message: 'too many parameters (at most 32)',
    }),
  }),
  'session:stop': z.strictObject({ sessionId: id }),
  'session:current': z.null(),
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
