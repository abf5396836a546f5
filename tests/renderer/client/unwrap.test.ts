import { describe, expect, it } from 'vitest';
import {
  disconnectedError,
  HostError,
  isDisconnectedError,
} from '../../../src/renderer/client/client-errors';
import { isResult, unwrapResult } from '../../../src/renderer/client/unwrap';

describe('unwrapResult', () => {
  it('returns the value of an ok result', () => {
    expect(unwrapResult({ ok: true, value: { hz: 20 } }, 'sampler:set-rate')).toEqual({ hz: 20 });
  });

  it('throws a HostError carrying name, message, code and stack from the ErrorData', () => {
    const error = {
      code: 'busy',
      name: 'RangeError',
      message: 'a session is running',
      stack: 'at x',
    } as const;
    let caught: unknown;
    try {
      unwrapResult({ ok: false, error }, 'session:start');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(HostError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ name: 'RangeError', message: 'a session is running', code: 'busy' });
    expect((caught as HostError).remoteStack).toBe('at x');
  });

  it('rejects something that is not a Result with a TypeError naming the channel', () => {
    expect(() => unwrapResult({ value: 1 }, 'host:info')).toThrow(TypeError);
    expect(() => unwrapResult(null, 'host:info')).toThrow(/host:info/);
    expect(() => unwrapResult({ ok: false, error: 'nope' }, 'host:info')).toThrow(TypeError);
  });
});

describe('isResult', () => {
  it('accepts both arms and rejects look-alikes', () => {
    expect(isResult({ ok: true, value: null })).toBe(true);
    expect(isResult({ ok: false, error: { code: 'internal', name: 'Error', message: 'x' } })).toBe(true);
    expect(isResult({ ok: true })).toBe(false);
    expect(isResult({ ok: 'yes', value: 1 })).toBe(false);
    expect(isResult('{"ok":true}')).toBe(false);
  });
});

describe('isDisconnectedError', () => {
  it('tells a dropped connection from an error the host reported', () => {
    expect(isDisconnectedError(disconnectedError('host:info'))).toBe(true);
    expect(isDisconnectedError(new HostError({ code: 'busy', name: 'Error', message: 'x' }))).toBe(false);
    expect(isDisconnectedError('DisconnectedError')).toBe(false);
  });
});
