// Test support: runs a built-in scenario as the app and the CLI do (a session process, traced)
// and hands back its summary, trace and output lines.
import { runCli } from '../../src/main/cli/main';
import { createSessionRunner } from '../../src/main/session';
import type { Insight, InsightKind } from '../../src/shared/insights';
import type { ParamValues, RunSummary } from '../../src/shared/scenarios';
import type { TraceEvent } from '../../src/shared/trace-schema';
import { capture } from '../main/cli/capture';
import { recorder } from '../main/session/observe';

/** What one run left behind. */
export interface ScenarioRun {
  summary: RunSummary;
  events: TraceEvent[];
  /** Every line the session and its children printed, stdout and stderr. */
  output: string[];
}

/** Runs `scenario` with `params` through the session runner (traced, as the app runs it). */
export async function runScenario(scenario: string, params: ParamValues = {}): Promise<ScenarioRun> {
  const output: string[] = [];
  const runner = createSessionRunner({ onOutput: (line) => void output.push(line) });
  const rec = recorder();
  const summary = await runner.start({ scenario, params, tracing: true }, rec).done;
  return { summary, events: rec.events, output };
}

/** Runs `parascope run <scenario> --json …args` in-process; its exit code and printed summary. */
export async function runCliJson(
  scenario: string,
  args: string[] = [],
): Promise<{ code: number; summary: RunSummary; stderr: string }> {
  const c = capture(new AbortController().signal);
  const code = await runCli(['run', scenario, '--json', ...args], c.io);
  return { code, summary: JSON.parse(c.stdout()) as RunSummary, stderr: c.stderr() };
}

/** The insights of `kind` in a summary (which must have been traced). */
export function insightsOf(summary: RunSummary, kind: InsightKind): Insight[] {
  if (!summary.insights) throw new Error(`the summary of ${summary.scenario} has no insights`);
  return summary.insights.filter((i) => i.kind === kind);
}

/** Events of one type, typed. */
export function eventsOf<T extends TraceEvent['type']>(
  events: readonly TraceEvent[],
  type: T,
): Extract<TraceEvent, { type: T }>[] {
  return events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}

/** Events in time order (batches from different contexts arrive out of order). */
export function byTime<E extends TraceEvent>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => a.ts - b.ts);
}
