/** Builds {@link CaseResult} rows from a spec and samples, so every case computes them the same way. */
import type { CaseSpec } from '../cases/specs';
import { median, targetMet } from './stats';
import type { CasePart, CaseResult, Target } from './types';

/** A measured row: medians of the samples, `ratio = parascope / peer`, and the target check. */
export function measuredCase(
  spec: CaseSpec,
  parascopeSamples: readonly number[],
  peerSamples: readonly number[] | null,
  extra: { note?: string; details?: Record<string, unknown> } = {},
): CaseResult {
  const parascope = median(parascopeSamples);
  const peer = peerSamples === null ? null : median(peerSamples);
  const ratio = peer === null ? null : parascope / peer;
  return {
    id: spec.id,
    status: 'measured',
    parascope,
    peer,
    peerName: spec.peerName,
    unit: spec.unit,
    ratio,
    target: spec.target,
    met: targetMet(spec.target, parascope, ratio),
    ...(extra.note === undefined ? {} : { note: extra.note }),
    details: {
      samples: { parascope: [...parascopeSamples], ...(peerSamples ? { peer: [...peerSamples] } : {}) },
      ...extra.details,
    },
  };
}

/** A row without numbers: the case is pending (`status` not-yet-measurable) or failed (`error`). */
export function unmeasuredCase(
  spec: CaseSpec,
  status: 'not-yet-measurable' | 'error',
  note: string,
): CaseResult {
  return {
    id: spec.id,
    status,
    parascope: null,
    peer: null,
    peerName: spec.peerName,
    unit: spec.unit,
    ratio: null,
    target: spec.target,
    met: null,
    note,
  };
}

/** What {@link part} needs: medians are taken here. */
export interface PartInput {
  label: string;
  parascope: readonly number[];
  peer: readonly number[];
  peerName: string;
  unit: string;
  target: Target;
}

/** One comparison of a multi-part case, from its samples (medians, ratio, verdict). */
export function part(input: PartInput): CasePart {
  const parascope = median(input.parascope);
  const peer = median(input.peer);
  const ratio = parascope / peer;
  return {
    label: input.label,
    parascope,
    peer,
    peerName: input.peerName,
    unit: input.unit,
    ratio,
    target: input.target,
    met: targetMet(input.target, parascope, ratio) ?? false,
  };
}

/**
 * A measured row made of parts: its numbers are the first part's (the headline), `met` holds
 * only when every part meets its target.
 */
export function measuredParts(
  spec: CaseSpec,
  parts: readonly CasePart[],
  extra: { note?: string; details?: Record<string, unknown> } = {},
): CaseResult {
  const [head] = parts;
  if (head === undefined) throw new RangeError('measuredParts: parts must not be empty');
  return {
    id: spec.id,
    status: 'measured',
    parascope: head.parascope,
    peer: head.peer,
    peerName: head.peerName,
    unit: head.unit,
    ratio: head.ratio,
    target: spec.target,
    met: parts.every((p) => p.met),
    parts: [...parts],
    ...(extra.note === undefined ? {} : { note: extra.note }),
    ...(extra.details === undefined ? {} : { details: extra.details }),
  };
}
