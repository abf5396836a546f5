import { describe, expect, it } from 'vitest';
import { execArgvFor } from '../../../src/main/session/session-fork';

describe('execArgvFor', () => {
  it("loads tsx when the entry is TypeScript (from source) or the workload is (a user's .ts file)", () => {
    for (const [entry, module] of [
      ['/app/session-process.ts', '/w/a.mjs'],
      ['/app/session-process.js', '/w/a.ts'],
      ['/app/session-process.js', '/w/a.mts'],
    ] as const) {
      const argv = execArgvFor(entry, module);
      expect(argv[0]).toBe('--import');
      expect(argv[1]).toMatch(/^file:\/\/.*tsx/);
    }
  });

  it('adds nothing for a built entry running a JavaScript workload', () => {
    expect(execArgvFor('/app/session-process.js', '/w/a.mjs')).toEqual([]);
    expect(execArgvFor('/app/session-process.js', '/w/a.cjs')).toEqual([]);
    expect(execArgvFor('/app/session-process.js')).toEqual([]);
  });
});
