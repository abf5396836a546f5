import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadErrorData, withWorkloadLocation } from '../../src/scenarios/workload-loader';
import type { ErrorData } from '../../src/shared/errors';

const FILE = '/home/me/work/w.mjs';
const base = (stack: string): ErrorData => ({
  code: 'workload-error',
  name: 'Error',
  message: 'boom',
  stack,
});

describe('withWorkloadLocation', () => {
  it("adds the first frame inside the workload's file, given as a path or a file URL", () => {
    const stack = `Error: boom\n    at helper (/lib/x.js:1:1)\n    at main (${pathToFileURL(FILE).href}:12:7)\n    at run (${FILE}:30:1)`;
    expect(withWorkloadLocation(base(stack), FILE).message).toBe(`boom (at ${FILE}:12:7)`);
    const bare = `Error: boom\n    at ${FILE}:3:9`;
    expect(withWorkloadLocation(base(bare), FILE).message).toBe(`boom (at ${FILE}:3:9)`);
  });

  it('leaves the message alone when no frame is in the file, there is no stack, or it already says where', () => {
    expect(withWorkloadLocation(base('Error: boom\n    at other (/x/y.mjs:1:1)'), FILE).message).toBe('boom');
    expect(withWorkloadLocation({ code: 'internal', name: 'Error', message: 'boom' }, FILE).message).toBe(
      'boom',
    );
    const said = { ...base(`Error\n    at main (${FILE}:2:2)`), message: `boom at ${FILE}:2:2` };
    expect(withWorkloadLocation(said, FILE)).toBe(said);
  });

  it('does not take a file whose name merely starts like the workload for it', () => {
    expect(withWorkloadLocation(base(`Error\n    at f (${FILE}x:1:1)`), FILE).message).toBe('boom');
  });
});

describe('loadErrorData', () => {
  it('keeps errors that are not syntax errors as they are (e.g. a missing import names its module)', () => {
    const error = new Error("Cannot find package 'nope' imported from /w.mjs");
    const data = base(error.stack ?? '');
    expect(loadErrorData(error, '/w.mjs', data)).toBe(data);
    expect(loadErrorData('a string', '/w.mjs', data)).toBe(data);
  });
});
