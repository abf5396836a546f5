/**
 * Killing a session's whole process tree. The session process is forked `detached`, which
 * makes it the leader of a new process group; the pool workers it forks join that group, so
 * one `kill(-pgid)` reaches every process of the session however deep the tree is.
 */
import { readdirSync, readFileSync } from 'node:fs';

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** Sends SIGKILL to every process in the group led by `pid`; a group already gone is fine. */
export function killProcessGroup(pid: number): void {
  try {
    // Windows has no process groups: kill the session process itself (its pool follows it
    // when its IPC channel closes).
    if (process.platform === 'win32') process.kill(pid, 'SIGKILL');
    else process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if (!isErrno(error, 'ESRCH')) throw error;
  }
}

/**
 * Linux: whether any process of group `pgid` is still running. Zombies do not count: they
 * have already died and only wait for their (new) parent to reap them, which an init that
 * reaps lazily may take seconds to do.
 */
function linuxGroupRunning(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return false;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/** Whether any process of the group led by `pgid` is still running. */
export function processGroupRunning(pgid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if (isErrno(error, 'ESRCH')) return false;
    if (isErrno(error, 'EPERM')) return true;
    throw error;
  }
  return process.platform === 'linux' ? linuxGroupRunning(pgid) : true;
}

/**
 * Resolves once no process of the group is running, or at `deadline` (a `Date.now()` value),
 * whichever comes first. There is no event for the death of processes that are not our
 * children, so this polls, briefly: after SIGKILL the group empties within milliseconds.
 */
export async function waitForProcessGroup(pgid: number, deadline: number): Promise<boolean> {
  for (;;) {
    if (!processGroupRunning(pgid)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
