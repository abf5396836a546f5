/**
 * A child's stdout and stderr on their way to the user: every chunk is written through unchanged
 * (to this context's own stream, or, in a Process child, passed up to its parent so the context
 * that owns the terminal writes it), and while tracing, cut into lines for `output` events.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Which stream of a child. */
export type OutputStream = 'stdout' | 'stderr';

/** Where output of this context's children goes when not to its own stdout/stderr. */
export type OutputUplink = (stream: OutputStream, data: Uint8Array) => void;

let uplink: OutputUplink | null = null;

/**
 * Makes output of this context's children go to `sink` instead of this context's stdout/stderr.
 * A Process child sets it: its parent captures its stdout and would record the grandchild's
 * lines a second time, as the child's.
 */
export function setOutputUplink(sink: OutputUplink | null): void {
  uplink = sink;
}

/** Passes a chunk of a child's output on, unchanged. */
export function writeThrough(stream: OutputStream, data: Uint8Array): void {
  if (uplink !== null) {
    try {
      uplink(stream, data);
      return;
    } catch {
      // The parent is gone: this context's own stream is the best place left.
    }
  }
  (stream === 'stdout' ? process.stdout : process.stderr).write(data);
}

/**
 * Captures a worker's stdout and stderr (a child process's pipes, or a thread's streams): every
 * chunk is written through unchanged, and `onLine` gets each line as it completes.
 */
export function recordOutput(
  streams: { stdout: Readable | null; stderr: Readable | null },
  onLine: (stream: OutputStream, line: string) => void,
): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const splitter = new LineSplitter((line) => onLine(stream, line));
    streams[stream]?.on('data', (chunk: Buffer) => {
      writeThrough(stream, chunk);
      splitter.push(chunk);
    });
    streams[stream]?.on('end', () => splitter.end());
  }
}

/**
 * Cuts a byte stream into lines (without `\n`, nor a `\r` before it). A line split across
 * chunks (or a character split across them) is joined; {@link end} emits a last line that has
 * no newline.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Takes the next chunk; emits every line it completes. */
  push(chunk: Uint8Array | string): void {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(toBuffer(chunk)));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.onLine(stripCr(text.slice(start, nl)));
      start = nl + 1;
    }
    this.partial = text.slice(start);
  }

  /** The stream ended: emits what is left as a last line. */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest.length > 0) this.onLine(stripCr(rest));
  }
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
