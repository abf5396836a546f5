/**
 * Starts the browser shell the way a user does (`node bin/parascope.mjs serve`) with a private
 * config directory (so the recent files the tests make never touch the user's), hands the test
 * its URL, and stops it with SIGTERM after the worker's tests. Also what every spec does in the
 * page the same way: open a view, pick a scenario or open a workload file, set parameters, run
 * and wait for that run (not an earlier one) to finish.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base, type Locator, type Page } from '@playwright/test';

/** The checkout's root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the specs save screenshots for a person to look at. */
export const shots = join('test-results', 'screenshots');

/** A running browser shell. */
export interface Shell {
  /** URL with the access token, as `parascope serve` prints it. */
  url: string;
  /** Everything the shell printed so far (for diagnosing failures). */
  output(): string;
}

async function startShell(config: string): Promise<{ shell: Shell; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'parascope.mjs'), 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, XDG_CONFIG_HOME: config },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(text);
      if (match) resolve(match[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`parascope serve exited (${code}) before printing its URL:\n${text}`)),
    );
  });
  return { shell: { url, output: () => text }, child };
}

/** `test` with a worker-scoped `shell` fixture. */
export const test = base.extend<object, { shell: Shell }>({
  shell: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const config = mkdtempSync(join(tmpdir(), 'parascope-e2e-config-'));
      const { shell, child } = await startShell(config);
      try {
        await use(shell);
      } finally {
        if (child.exitCode === null) {
          child.kill('SIGTERM');
          await once(child, 'exit');
        }
        rmSync(config, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],
});

export { expect };

/** An insight's evidence as the host reports it in a run's final status (trace clock, µs). */
export interface Evidence {
  fromTs: number;
  toTs: number;
}

/** What a page has seen on its socket: the sessions it started, and their insights. */
interface SessionWatch {
  /** Resolves with the id of the next session this page starts (or one started and not yet taken). */
  next(): Promise<string>;
  /** Evidence by `<sessionId>/<insight kind>`, from the final status pushes. */
  evidence: Map<string, Evidence>;
}

const watches = new WeakMap<Page, SessionWatch>();

/**
 * Watches the page's socket for the host's replies naming a started session and for status
 * pushes with insights (set up once per page, before its first `goto`). A page opened after an
 * earlier run first shows that run, already finished: only the id tells a new run from it.
 */
export function watchSessions(page: Page): SessionWatch {
  const known = watches.get(page);
  if (known) return known;
  const ids: string[] = [];
  const waiters: ((id: string) => void)[] = [];
  const evidence = new Map<string, Evidence>();
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      // Binary frames carry trace chunks (wire-frame.ts); what is watched here comes as text.
      if (typeof payload !== 'string') return;
      const message = JSON.parse(payload) as {
        kind?: string;
        channel?: string;
        result?: { value?: { sessionId?: unknown } };
        payload?: { sessionId?: string; summary?: { insights?: { kind: string; evidence: Evidence }[] } };
      };
      if (message.kind === 'push' && message.channel === 'session:status') {
        const { sessionId, summary } = message.payload ?? {};
        for (const insight of summary?.insights ?? [])
          evidence.set(`${sessionId}/${insight.kind}`, insight.evidence);
      }
      const id = message.kind === 'reply' ? message.result?.value?.sessionId : undefined;
      if (typeof id !== 'string') return;
      const waiter = waiters.shift();
      if (waiter) waiter(id);
      else ids.push(id);
    }),
  );
  const watch: SessionWatch = {
    next: () => {
      const id = ids.shift();
      return id !== undefined ? Promise.resolve(id) : new Promise((resolve) => waiters.push(resolve));
    },
    evidence,
  };
  watches.set(page, watch);
  return watch;
}

/** Loads the app (watching its socket) and opens one of its views. */
export async function openView(
  page: Page,
  url: string,
  view: 'system' | 'cores' | 'timeline',
): Promise<void> {
  watchSessions(page);
  await page.goto(url);
  await page.getByTestId(`nav-${view}`).click();
}

/** Sets Run-panel parameters by name: a checkbox to a boolean, a select or an input to the value. */
export async function setParams(
  page: Page,
  params: Record<string, string | number | boolean>,
): Promise<void> {
  for (const [name, value] of Object.entries(params)) {
    const control = page.getByTestId(`param-${name}`);
    if (typeof value === 'boolean') await control.setChecked(value);
    else if ((await control.evaluate((el) => el.tagName)) === 'SELECT')
      await control.selectOption(String(value));
    else await control.fill(String(value));
  }
}

/** Clicks Run and waits until the run it started (not an earlier one) has finished; its session id. */
export async function runInUi(page: Page): Promise<string> {
  const started = watchSessions(page).next();
  await page.getByTestId('run-button').click();
  const sessionId = await started;
  await expect(page.getByTestId('run-status')).toContainText(sessionId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'finished');
  return sessionId;
}

/** Opens the Timeline, picks scenario `id`, sets `params`, runs it to the end; its session id. */
export async function runScenarioInUi(
  page: Page,
  url: string,
  id: string,
  params: Record<string, string | number | boolean> = {},
): Promise<string> {
  await openView(page, url, 'timeline');
  await page.getByTestId(`scenario-${id}`).click();
  await setParams(page, params);
  return runInUi(page);
}

/** Opens the workload file at `path` in the Run panel by typing its path. */
export async function openWorkload(page: Page, path: string): Promise<void> {
  await page.getByTestId('workload-path').fill(path);
  await page.getByTestId('workload-open').click();
}

/**
 * Drags on a timeline's canvas from its right edge to its left at `y` (CSS px from the canvas's
 * top): a pan by more than the plot's width, so the view moves wholly past what it showed.
 */
export async function dragAcross(page: Page, canvas: Locator, y: number): Promise<void> {
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width - 2, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + 2, box.y + y, { steps: 8 });
  await page.mouse.up();
}
