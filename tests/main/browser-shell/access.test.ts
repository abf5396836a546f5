import { describe, expect, it } from 'vitest';
import {
  allowedHosts,
  isLoopback,
  newToken,
  shellUrl,
  tokenMatches,
} from '../../../src/main/browser-shell/access';

describe('browser shell access rules', () => {
  it('matches only the exact token, whatever the lengths', () => {
    const token = newToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(tokenMatches(token, `${token}x`)).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
  });

  it('tells loopback binds from ones other machines can reach', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', 'LOCALHOST'])
      expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '128.0.0.1'])
      expect(isLoopback(host)).toBe(false);
  });

  it('allows the loopback names and a specific bind address, never a wildcard', () => {
    expect([...allowedHosts(8080, '127.0.0.1')].sort()).toEqual([
      '127.0.0.1:8080',
      '[::1]:8080',
      'localhost:8080',
    ]);
    expect(allowedHosts(8080, '192.168.1.2').has('192.168.1.2:8080')).toBe(true);
    expect(allowedHosts(8080, 'fe80::1').has('[fe80::1]:8080')).toBe(true);
    expect(allowedHosts(8080, '0.0.0.0').has('0.0.0.0:8080')).toBe(false);
  });

  it('builds an openable URL for IPv6 and wildcard binds', () => {
    expect(shellUrl('::1', 5, 'tok')).toBe('http://[::1]:5/?token=tok');
    expect(shellUrl('::', 5, 'tok')).toBe('http://127.0.0.1:5/?token=tok');
  });
});
