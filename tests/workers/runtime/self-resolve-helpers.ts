/**
 * A user's project outside this checkout, written at test time under os.tmpdir(): workload and
 * task modules that `import … from 'parascope/runtime'` as a user's would, in `.mjs` (ES module)
 * and in `.ts` without a package.json (so tsx compiles it to CommonJS: the `require` path) or
 * in a `"type": "module"` package.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Tasks that prove one runtime instance: `init` keeps a Value and a Lock revived by the runtime,
 * `bump` checks they are instances of the classes this module imported, then adds one under
 * the lock. `child` does the same in a Process.
 */
const TASKS_MJS = `import { Lock, Value } from 'parascope/runtime';
let counter;
let lock;
export function init(c, l) {
  if (!(c instanceof Value) || !(l instanceof Lock)) throw new Error('two copies of the runtime');
  counter = c;
  lock = l;
}
export async function bump(x) {
  await lock.acquire();
  try { await counter.set((await counter.get()) + 1); } finally { lock.release(); }
  return x * x;
}
export async function child(c, l, times) {
  init(c, l);
  for (let i = 0; i < times; i++) await bump(i);
}
`;

const TASKS_TS = `import { Lock, Value } from 'parascope/runtime';
let counter: Value | undefined;
let lock: Lock | undefined;
export function init(c: unknown, l: unknown): void {
  if (!(c instanceof Value) || !(l instanceof Lock)) throw new Error('two copies of the runtime');
  counter = c;
  lock = l;
}
export async function bump(x: number): Promise<number> {
  await lock!.acquire();
  try { await counter!.set(((await counter!.get()) as number) + 1); } finally { lock!.release(); }
  return x * x;
}
`;

/** A workload (main) running `bump` on a pool over the given task module. */
const workload = (
  tasks: string,
  ts: boolean,
): string => `import { Lock, Pool, Value, task } from 'parascope/runtime';
export const params = [
  { kind: 'enum', name: 'backend', label: 'Backend', options: ['process', 'thread'], default: 'process' },
];
export async function main(ctx${ts ? ': { log(line: string): void }' : ''}, params${ts ? ": { backend: 'process' | 'thread' }" : ''}) {
  const counter = new Value('i', 0);
  const lock = new Lock();
  const tasks = new URL('./${tasks}', import.meta.url);
  const pool = new Pool({ processes: 2, backend: params.backend, initializer: task(tasks, 'init'), initargs: [counter, lock] });
  try {
    const squares = await pool.map(task(tasks, 'bump'), [1, 2, 3, 4, 5, 6], { chunksize: 1 });
    ctx.log('squares ' + squares.join(','));
    return { squares, counter: await counter.get() };
  } finally {
    await pool.terminate();
  }
}
export const expected = () => ({ squares: [1, 4, 9, 16, 25, 36], counter: 6 });
`;

/** A user's project: its directory and the absolute path of each file. */
export interface UserProject {
  dir: string;
  /** ES module tasks (`init`, `bump`, `child`). */
  tasksMjs: string;
  /** TypeScript tasks, CommonJS by location (`init`, `bump`). */
  tasksTs: string;
  /** The same TypeScript tasks in a `"type": "module"` package (`esm/`): an ES module. */
  tasksEsmTs: string;
  /** That package's package.json. */
  esmPackage: string;
  /** Workload in `.mjs` over tasks.mjs. */
  workloadMjs: string;
  /** Workload in `.ts` (CommonJS by location) over tasks.ts. */
  workloadTs: string;
  /** Workload in `.mjs` over tasks.ts: only the workers meet TypeScript. */
  workloadMixed: string;
  dispose(): void;
}

/** Writes a user's project under os.tmpdir() (outside this checkout). */
export function userProject(): UserProject {
  // realpath: macOS's tmpdir is a symlink, and the runtime reports real paths.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'parascope-user-')));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  return {
    dir,
    tasksMjs: file('tasks.mjs', TASKS_MJS),
    tasksTs: file('tasks.ts', TASKS_TS),
    tasksEsmTs: file(join('esm', 'tasks.ts'), TASKS_TS),
    workloadMjs: file('workload.mjs', workload('tasks.mjs', false)),
    workloadTs: file('workload.ts', workload('tasks.ts', true)),
    workloadMixed: file('mixed.mjs', workload('tasks.ts', false)),
    esmPackage: file(join('esm', 'package.json'), '{ "type": "module" }\n'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
