/**
 * The browser shell listens on loopback only unless told otherwise. Linux routes all of
 * 127.0.0.0/8 to the loopback interface, so a socket bound to 127.0.0.1 refuses 127.0.0.2
 * while one bound to every interface accepts it: that tells the two apart on one machine.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserShell, type BrowserShell } from '../../src/main/browser-shell';
import { FakeHost, makeRenderer } from '../main/browser-shell/helpers';

let fixture: Awaited<ReturnType<typeof makeRenderer>>;
const open: BrowserShell[] = [];

beforeEach(async () => {
  fixture = await makeRenderer();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((shell) => shell.close()));
  await fixture.cleanup();
});

/** Whether a TCP connection to `address:port` is accepted. */
function reachable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, address);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function start(bindHost?: string): Promise<{ shell: BrowserShell; lines: string[] }> {
  const lines: string[] = [];
  const shell = await startBrowserShell({
    host: new FakeHost(),
    rendererDir: fixture.rendererDir,
    log: (line) => lines.push(line),
    ...(bindHost === undefined ? {} : { bindHost }),
  });
  open.push(shell);
  return { shell, lines };
}

describe.runIf(process.platform === 'linux')('browser shell bind address', () => {
  it('listens on 127.0.0.1 only by default, and says nothing about it', async () => {
    const { shell, lines } = await start();
    expect(await reachable('127.0.0.1', shell.port)).toBe(true);
    expect(await reachable('127.0.0.2', shell.port)).toBe(false);
    expect(lines).toEqual([]);
  });

  it('is reachable beyond 127.0.0.1 only when told to bind wider, and then warns', async () => {
    const { shell, lines } = await start('0.0.0.0');
    expect(await reachable('127.0.0.2', shell.port)).toBe(true);
    expect(lines).toEqual([expect.stringContaining('warning')]);
  });
});
