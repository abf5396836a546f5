import { describe, expect, it } from 'vitest';
import { TaskLoader } from '../../../src/workers/runtime/task-loader';
import { task } from '../../../src/workers/runtime/task-ref';
import { fixture } from './helpers';

describe('TaskLoader', () => {
  it('loads an exported function from an ES module, a TypeScript module and a CommonJS module', async () => {
    const loader = new TaskLoader();
    expect((await loader.load(task(fixture('math.mjs'), 'cube')))(2)).toBe(8);
    expect((await loader.load(task(fixture('math.ts'), 'square')))(7)).toBe(49);
    // A CommonJS module's exports may only be visible on its default export.
    expect((await loader.load(task(fixture('math.cjs'), 'negate')))(3)).toBe(-3);
  });

  it('names the missing export, and an export that is not a function', async () => {
    const loader = new TaskLoader();
    await expect(loader.load(task(fixture('math.ts'), 'nope'))).rejects.toThrow(/no export named "nope"/);
    await expect(loader.load(task(fixture('math.ts'), 'notAFunction'))).rejects.toThrow(
      /export "notAFunction" is not a function \(got 42\)/,
    );
  });

  it('rejects with the import error for a missing module', async () => {
    const loader = new TaskLoader();
    await expect(loader.load(task(fixture('no-such-module.ts'), 'x'))).rejects.toThrow(/no-such-module/);
  });
});
