/**
 * Scenario `pipe`, from the notebook's "Pipe" lesson: a child process sends a message to its
 * parent through a pipe.
 *
 * The Python original:
 *
 *     def f(conn):
 *         conn.send(['hello world'])
 *         conn.close()
 *
 *     parent_conn, child_conn = mp.Pipe()
 *     p = mp.Process(target=f, args=(child_conn,))
 *     p.start()
 *     print(parent_conn.recv())
 *     p.join()
 *
 * On the timeline: the child's `pipe-send` on one end, the parent's `pipe-recv` on the other
 * (the parent waits in `recv` from the moment it asks until the message arrives), then the
 * child's exit, which `join` waits for.
 */
import { Pipe, Process, task, type Connection } from '../workers/runtime';
import type { ScenarioContext } from './context';

const MESSAGE = ['hello world'];

/** The child's target: sends one message on its end of the pipe, then closes it. */
export async function sendHello(conn: Connection<string[]>): Promise<void> {
  await conn.send(MESSAGE);
  await conn.close();
}

/** Starts the child, receives its message on the parent's end, joins it; returns the message. */
export async function main(ctx: ScenarioContext): Promise<string[]> {
  const [parentConn, childConn] = Pipe<string[]>();
  const p = new Process({ target: task(import.meta.url, 'sendHello'), args: [childConn] });
  await p.start();
  const message = await parentConn.recv();
  ctx.log(JSON.stringify(message));
  await p.join();
  return message;
}

/** What the notebook prints: `['hello world']`. */
export function expected(): string[] {
  return MESSAGE;
}
