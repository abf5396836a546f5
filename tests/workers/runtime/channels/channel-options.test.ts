import { describe, expect, it } from 'vitest';
import {
  readEnd,
  readTimeout,
  readWaitOptions,
} from '../../../../src/workers/runtime/channels/channel-options';

describe('channel options', () => {
  it('reads how long to wait: null for ever, 0 to try once', () => {
    expect(readWaitOptions(undefined)).toBeNull();
    expect(readWaitOptions({})).toBeNull();
    expect(readWaitOptions({ timeoutMs: Infinity })).toBeNull();
    expect(readWaitOptions({ timeoutMs: 250 })).toBe(250);
    expect(readWaitOptions({ block: false, timeoutMs: 250 })).toBe(0);
    expect(readWaitOptions({ block: true, timeoutMs: 0 })).toBe(0);
    expect(readWaitOptions({ blocking: false })).toBe(0);
    expect(readTimeout(null)).toBeNull();
  });

  it('names the option at fault', () => {
    expect(() => readTimeout(-1)).toThrow(RangeError);
    expect(() => readTimeout(NaN)).toThrow(/"timeout"/);
    expect(() => readTimeout('1')).toThrow(TypeError);
    expect(() => readWaitOptions(5)).toThrow(/"options"/);
    expect(() => readWaitOptions({ block: 1 })).toThrow(/"block"/);
    expect(() => readWaitOptions({ blocking: 'yes' })).toThrow(/"blocking"/);
    expect(readEnd(1)).toBe(1);
    expect(() => readEnd(2)).toThrow(RangeError);
    expect(() => readEnd('0')).toThrow(TypeError);
  });
});
