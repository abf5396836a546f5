/**
 * Messages a frame socket holds while it is backed up (frame-socket.ts), written as JSON text at
 * once (a send is a snapshot) and sent later as one frame. One-way operations of one caller on
 * one primitive that follow each other (a producer's puts) are held as one run: each adds only
 * the JSON of its argument, and the run leaves as one `prim-post-run` message
 * (link-protocol.ts), which the owner decodes without an object per operation.
 */
import type { PrimPostMessage } from '../../../shared/link-protocol';
import { encodeJsonBatch, jsonExact } from './frames';

/** The run being held: one-way operations of one caller on one primitive, one argument each. */
interface Run {
  owner: string;
  id: number;
  op: string;
  caller: string;
  /** JSON of each operation's argument. */
  values: string[];
}

/** A one-way operation whose only argument can go in a run (its other fields are strings). */
function runnable(message: unknown): message is PrimPostMessage {
  const post = message as Partial<PrimPostMessage> | null;
  return (
    typeof post === 'object' &&
    post !== null &&
    post.type === 'prim-post' &&
    Array.isArray(post.args) &&
    post.args.length === 1 &&
    typeof post.op === 'string' &&
    typeof post.caller === 'string' &&
    typeof post.target?.owner === 'string' &&
    typeof post.target.id === 'number'
  );
}

/** Held messages of one frame socket, in order. */
export class HeldFrames {
  private texts: string[] = [];
  private run: Run | null = null;
  private heldChars = 0;
  private count = 0;

  /** Number of messages held. */
  get size(): number {
    return this.count;
  }

  /** Characters of JSON held (about the frame's bytes). */
  get chars(): number {
    return this.heldChars;
  }

  /**
   * Holds `message` as JSON. Returns false, holding nothing, when JSON would not give it back
   * exactly (it must then go as a frame of its own, after {@link take}'s frame).
   */
  add(message: unknown): boolean {
    if (runnable(message)) {
      const value: unknown = message.args[0];
      if (!jsonExact(value)) return false;
      const text = JSON.stringify(value);
      const run = this.run;
      const { target, op, caller } = message;
      if (
        run !== null &&
        run.id === target.id &&
        run.op === op &&
        run.caller === caller &&
        run.owner === target.owner
      ) {
        run.values.push(text);
      } else {
        this.closeRun();
        this.run = { owner: target.owner, id: target.id, op, caller, values: [text] };
      }
      this.heldChars += text.length + 1;
      this.count++;
      return true;
    }
    if (!jsonExact(message)) return false;
    this.closeRun();
    const text = JSON.stringify(message);
    this.texts.push(text);
    this.heldChars += text.length;
    this.count++;
    return true;
  }

  /** The held messages as one frame (emptied), or null when none is held. */
  take(): Buffer | null {
    if (this.count === 0) return null;
    this.closeRun();
    const texts = this.texts;
    this.texts = [];
    this.heldChars = 0;
    this.count = 0;
    return encodeJsonBatch(texts);
  }

  /** Writes the run held so far as one message's JSON. */
  private closeRun(): void {
    const run = this.run;
    if (run === null) return;
    this.run = null;
    if (run.values.length === 1) {
      // A single operation stays the message it was.
      const target = JSON.stringify({ owner: run.owner, id: run.id });
      this.texts.push(
        `{"type":"prim-post","target":${target},"op":${JSON.stringify(run.op)},"args":[${run.values[0]!}],"caller":${JSON.stringify(run.caller)}}`,
      );
      return;
    }
    this.texts.push(
      `{"type":"prim-post-run","target":${JSON.stringify({ owner: run.owner, id: run.id })},` +
        `"op":${JSON.stringify(run.op)},"caller":${JSON.stringify(run.caller)},"values":[${run.values.join(',')}]}`,
    );
  }
}
