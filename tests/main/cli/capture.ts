// Test support: in-memory CLI streams with a way to wait for output, without sleeps.
import type { CliIo } from '../../../src/main/cli/main';

export interface Captured {
  io: CliIo;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout + stderr (now or later). */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

export function capture(signal?: AbortSignal): Captured {
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      const match = w.pattern.exec(`${out}${err}`);
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  const io: CliIo = {
    stdout: { write: (text: string) => ((out += text), check()) },
    stderr: { write: (text: string) => ((err += text), check()) },
    ...(signal ? { signal } : {}),
  };
  return {
    io,
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern) {
      return new Promise((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      });
    },
  };
}

/** The lines of a text, without the trailing empty one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
}
