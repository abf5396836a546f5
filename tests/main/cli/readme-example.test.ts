// The README shows the example workload in full; it must be the file `examples/` ships and
// bin.test.ts runs, so the documentation can never show code that does not work.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('README', () => {
  it('shows examples/prime-count.ts exactly as the file is', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const file = await readFile(join(root, 'examples', 'prime-count.ts'), 'utf8');
    const marker = '<!-- examples/prime-count.ts:';
    const start = readme.indexOf('```ts\n', readme.indexOf(marker));
    expect(readme.indexOf(marker)).toBeGreaterThan(-1);
    const block = readme.slice(start + '```ts\n'.length, readme.indexOf('```\n', start + 6));
    expect(block).toBe(file);
  });
});
