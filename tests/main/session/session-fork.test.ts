import { describe, expect, it } from 'vitest';
import { execArgvFor } from '../../../src/main/session/session-fork';

describe('execArgvFor', () => {
  it('loads tsx when the entry is TypeScript (from source)', () => {
    for (const entry of ['/app/session-process.ts', '/app/session-process.mts']) {
      const argv = execArgvFor(entry);
      expect(argv[0]).toBe('--import');
      expect(argv[1]).toMatch(/^file:\/\/.*tsx/);
    }
  });

  it('adds nothing for a built entry: a .ts workload gets tsx inside the session process', () => {
    expect(execArgvFor('/app/session-process.js')).toEqual([]);
  });
});
