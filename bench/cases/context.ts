/** What every case runner is given. */
import type { BenchSizes } from '../harness/sizes';
import type { BenchMode, CaseId } from '../harness/types';
import { probeFailed } from '../harness/bench-errors';

/** A case runner's inputs. */
export interface CaseContext {
  mode: BenchMode;
  sizes: BenchSizes;
  /** The probe build (see harness/build.ts) the Node probes run from. */
  buildDir: string;
  /** The cases asked for (a runner measuring two cases skips arms only the other needs). */
  wanted: ReadonlySet<CaseId>;
  /** One progress line (to stderr, so stdout keeps only the table). */
  progress(line: string): void;
}

/** Reads a finite number field from a probe's result (an Error naming the probe otherwise). */
export function numberField(probe: string, result: unknown, field: string): number {
  const value = (result as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw probeFailed(probe, `result field ${field} is not a finite number`, '');
  }
  return value;
}
