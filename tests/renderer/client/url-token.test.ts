import { describe, expect, it } from 'vitest';
import { addressWithoutToken, socketAddressFor } from '../../../src/renderer/client/url-token';

describe('addressWithoutToken', () => {
  it('drops only the token and keeps other parameters and the hash', () => {
    expect(addressWithoutToken('http://127.0.0.1:4000/?token=s3cret#cores')).toBe('/#cores');
    expect(addressWithoutToken('http://127.0.0.1:4000/app?x=1&token=s3cret&y=2#t')).toBe('/app?x=1&y=2#t');
  });

  it('returns null when there is no token, so the history is left alone', () => {
    expect(addressWithoutToken('http://127.0.0.1:4000/?x=1')).toBeNull();
  });
});

describe('socketAddressFor', () => {
  it('uses the page origin and /ws, with wss for https pages', () => {
    expect(socketAddressFor('http://127.0.0.1:4000/?token=a#x')).toBe('ws://127.0.0.1:4000/ws');
    expect(socketAddressFor('https://lab.example:8443/p')).toBe('wss://lab.example:8443/ws');
  });
});
