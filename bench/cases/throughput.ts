/**
 * The throughput group: `map-throughput`, `task-throughput` and `tracing-overhead`, whose two
 * halves (the map on/off and the single tasks on/off) come from the map and task runners. A
 * failure of one half leaves the other's rows intact.
 */
import { measuredParts, part, unmeasuredCase } from '../harness/case-result';
import type { CaseId, CaseResult } from '../harness/types';
import type { CaseContext } from './context';
import { runMapCases } from './map-cases';
import { caseSpec } from './specs';
import { runTaskCases, type TaskOutcome } from './task-cases';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function only(ctx: CaseContext, ids: readonly CaseId[]): CaseContext {
  return { ...ctx, wanted: new Set(ids.filter((id) => ctx.wanted.has(id))) };
}

/** Runs the wanted cases of the group and returns their rows. */
export async function runThroughputCases(ctx: CaseContext): Promise<CaseResult[]> {
  const rows = new Map<CaseId, CaseResult>();
  const wantOverhead = ctx.wanted.has('tracing-overhead');

  const mapCtx = only(ctx, ['map-throughput', 'tracing-overhead']);
  if (mapCtx.wanted.size > 0) {
    try {
      for (const row of await runMapCases(mapCtx)) rows.set(row.id, row);
    } catch (error) {
      ctx.progress(`map cases failed: ${message(error)}`);
      for (const id of mapCtx.wanted) rows.set(id, unmeasuredCase(caseSpec(id), 'error', message(error)));
    }
  }

  const taskCtx = only(ctx, ['task-throughput', 'tracing-overhead']);
  let tasks: TaskOutcome = { row: null, overheadHalf: null };
  let taskProblem = 'not measured';
  if (taskCtx.wanted.size > 0) {
    try {
      tasks = await runTaskCases(taskCtx);
      if (tasks.row) rows.set('task-throughput', tasks.row);
    } catch (error) {
      ctx.progress(`task cases failed: ${message(error)}`);
      taskProblem = `failed: ${message(error)}`;
      if (ctx.wanted.has('task-throughput')) {
        rows.set('task-throughput', unmeasuredCase(caseSpec('task-throughput'), 'error', message(error)));
      }
    }
  }

  const mapOverhead = rows.get('tracing-overhead');
  if (wantOverhead && mapOverhead?.status === 'measured') {
    if (tasks.overheadHalf === null) {
      mapOverhead.note = `map half only; task half ${taskProblem}`;
    } else {
      const samples = mapOverhead.details?.samples as { parascope: number[]; peer: number[] };
      const spec = caseSpec('tracing-overhead');
      const mapHalf = part({
        label: 'map half',
        parascope: samples.parascope,
        peer: samples.peer,
        peerName: spec.peerName ?? 'tracing off',
        unit: 'items/s',
        target: spec.target,
      });
      rows.set(
        'tracing-overhead',
        measuredParts(spec, [mapHalf, tasks.overheadHalf.part], {
          details: { map: mapOverhead.details, task: tasks.overheadHalf.details },
        }),
      );
    }
  }
  return [...rows.values()];
}
