/**
 * Loading a scenario module or a user's workload file in the session process, and making what
 * goes wrong while doing so readable: a syntax error names the file, line and column (Node 20's
 * error for an ES module does not: then `node --check` is asked), a missing `main` says what the
 * file does export, and an error thrown by the workload names the first line of the file it
 * came from.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorData } from '../shared/errors';
import { parseParamDeclarations } from '../shared/scenario-params';
import type { WorkloadDescription } from '../shared/scenarios';
import { exportNames, hasExpected, isScenarioModule, type ScenarioModule } from './context';
import { notAScenarioModule, workloadNotDescribable } from './scenario-errors';

/** Longest `node --check` may take to find a syntax error's line. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * Imports `file` and returns it as a scenario module. A CommonJS file whose `main` is only on
 * `module.exports` (Node's `default`) works too. Throws what the import threw, or
 * {@link notAScenarioModule}.
 */
export async function loadWorkload(file: string): Promise<ScenarioModule> {
  const namespace: unknown = await import(pathToFileURL(file).href);
  // For CommonJS, Node's named exports are a guess (it may miss some); `default` is the real
  // `module.exports`, recognised by carrying the same `main`.
  const commonJs = (namespace as { default?: unknown }).default;
  if (isScenarioModule(commonJs) && (!isScenarioModule(namespace) || namespace.main === commonJs.main)) {
    return commonJs;
  }
  if (isScenarioModule(namespace)) return namespace;
  throw notAScenarioModule(file, exportNames(namespace));
}

/** What a loaded workload declares; throws a TypeError naming the file for a bad declaration. */
export function describeWorkload(mod: ScenarioModule, file: string): WorkloadDescription {
  const text = (value: unknown, what: 'title' | 'purpose'): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length > 200) throw workloadNotDescribable(file, what);
    return value;
  };
  const title = text(mod.title, 'title') ?? basename(file);
  const purpose = text(mod.purpose, 'purpose');
  return {
    title,
    ...(purpose === undefined ? {} : { purpose }),
    params: parseParamDeclarations(mod.params, file),
    hasExpected: hasExpected(mod),
  };
}

/** `file:line:col` and the source excerpt of a syntax error, when it can be found. */
interface SyntaxLocation {
  where: string;
  excerpt?: string;
}

/** `path:line` (optionally `:col`) on a line of its own, then the excerpt Node prints under it. */
const NODE_HEADER = /^(\S.*?:\d+(?::\d+)?)\n([\s\S]*?)\n\n/;
/** esbuild's (tsx's) wording: `path:line:col: ERROR: text`, the column counted from 0. */
const ESBUILD_LINE = /^(.+?):(\d+):(\d+): ERROR: (.*)$/m;

/** The source line and a caret under column `col` (1-based), as Node prints them. */
function excerptOf(path: string, line: number, col: number): string | undefined {
  try {
    const text = readFileSync(path, 'utf8').split(/\r?\n/)[line - 1];
    return text === undefined ? undefined : `${text}\n${' '.repeat(Math.max(0, col - 1))}^`;
  } catch {
    return undefined;
  }
}

function locate(error: Error, file: string): SyntaxLocation | null {
  const esbuild = ESBUILD_LINE.exec(error.message);
  if (esbuild) {
    const [, path, line, col] = esbuild;
    // Editors count columns from 1: `path:line:col` then opens at the right character.
    const where = `${path}:${line}:${Number(col) + 1}`;
    return { where, excerpt: excerptOf(path!, Number(line), Number(col) + 1) };
  }
  if (error.name !== 'SyntaxError') return null;
  const header = NODE_HEADER.exec(error.stack ?? '');
  if (header) return { where: header[1]!, excerpt: header[2] };
  // Node 20 reports an ES module's syntax error without a location; `--check` prints it.
  const checked = spawnSync(process.execPath, ['--check', file], {
    encoding: 'utf8',
    timeout: CHECK_TIMEOUT_MS,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const found = NODE_HEADER.exec(checked.stderr ?? '');
  return found ? { where: found[1]!, excerpt: found[2] } : null;
}

/**
 * Turns an error thrown while importing `file` into data that says where: for a syntax error
 * `SyntaxError: syntax error at /w.mjs:2:13: Unexpected token ';'`, with the source excerpt
 * above the stack. Other import errors keep their message (it names the missing module).
 */
export function loadErrorData(error: unknown, file: string, base: ErrorData): ErrorData {
  if (!(error instanceof Error)) return base;
  const location = locate(error, file);
  if (!location) return base;
  const detail = ESBUILD_LINE.exec(error.message)?.[4] ?? error.message;
  const excerpt = location.excerpt ? `${location.excerpt}\n\n` : '';
  return {
    ...base,
    name: 'SyntaxError',
    message: `syntax error at ${location.where}: ${detail}`,
    stack: `${location.where}\n${excerpt}${base.stack ?? error.stack ?? ''}`,
  };
}

/**
 * Adds ` (at file:line:col)` to an error's message: the first frame of its stack inside `file`,
 * so "a throw in main or a task" says which line of the user's file threw. Unchanged when no
 * frame is in the file or the message already names it.
 */
export function withWorkloadLocation(data: ErrorData, file: string): ErrorData {
  if (!data.stack) return data;
  const url = pathToFileURL(file).href;
  for (const line of data.stack.split('\n')) {
    const frame = /(?:\(|at )((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!frame) continue;
    const path = frame[1] === url ? file : frame[1];
    if (path !== file) continue;
    const where = `${file}:${frame[2]}:${frame[3]}`;
    return data.message.includes(where) ? data : { ...data, message: `${data.message} (at ${where})` };
  }
  return data;
}
