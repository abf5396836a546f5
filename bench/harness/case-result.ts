/** Builds {@link CaseResult} rows from a spec and samples, so every case computes them the same way. */
import type { CaseSpec } from '../cases/specs';
import { median, targetMet } from './stats';
import type { CaseResult } from './types';

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
