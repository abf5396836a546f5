/**
 * A user's own workload file in the browser shell: typed by path, opened (its parameters become
 * controls of their kinds), run to a passing result, remembered among the recent files; a file
 * that does not parse shows its file, line and source, and the app carries on.
 *
 * This file starts its own `parascope serve` with a private config directory, so the recent
 * files it makes never touch the user's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const example = join(root, 'examples', 'prime-count.ts');
const shots = join('test-results', 'screenshots');

let child: ChildProcess;
let url: string;
let config: string;

test.beforeAll(async () => {
  config = mkdtempSync(join(tmpdir(), 'parascope-e2e-config-'));
  child = spawn(process.execPath, [join(root, 'bin', 'parascope.mjs'), 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, XDG_CONFIG_HOME: config },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(text);
      if (match) resolve(match[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`parascope serve exited (${code}):\n${text}`)));
  });
});

test.afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  rmSync(config, { recursive: true, force: true });
});

/**
 * Session ids of the runs this page starts, from the host's replies on its socket (call before
 * `goto`). A page opened after an earlier run first shows that run, already finished; the id
 * tells the new run from it.
 */
function sessionStarts(page: Page): () => Promise<string> {
  const ids: string[] = [];
  const waiters: ((id: string) => void)[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        kind?: string;
        result?: { value?: { sessionId?: unknown } };
      };
      const id = message.kind === 'reply' ? message.result?.value?.sessionId : undefined;
      if (typeof id !== 'string') return;
      const waiter = waiters.shift();
      if (waiter) waiter(id);
      else ids.push(id);
    }),
  );
  return () => {
    const id = ids.shift();
    return id !== undefined ? Promise.resolve(id) : new Promise((resolve) => waiters.push(resolve));
  };
}

/** Clicks Run and waits until the run it started (not an earlier one) has finished. */
async function runAndWait(page: Page, nextStart: () => Promise<string>): Promise<void> {
  const started = nextStart();
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toContainText(await started);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'finished');
}

/** Opens the workload file at `path` by typing it. */
async function openByPath(page: Page, path: string): Promise<void> {
  await page.getByTestId('workload-path').fill(path);
  await page.getByTestId('workload-open').click();
}

test('opens a workload file by path, shows its parameters by kind, runs it and remembers it', async ({
  page,
}) => {
  const nextStart = sessionStarts(page);
  await page.goto(url);
  await page.getByTestId('nav-timeline').click();
  await openByPath(page, example);

  // The file is selected and the panel says exactly which file Run will run.
  await expect(page.getByTestId('scenario-workload')).toContainText('Prime counting');
  await expect(page.getByTestId('scenario-workload')).toHaveClass(/selected/);
  await expect(page.getByTestId('workload-file')).toHaveText(example);

  // A control per declared parameter, of its kind.
  await expect(page.getByTestId('param-workers')).toHaveAttribute('type', 'number');
  await expect(page.getByTestId('param-backend')).toHaveValue('process');
  await expect(page.getByTestId('param-lock')).toBeChecked();
  await page.getByTestId('param-limit').fill('20000');
  await page.getByTestId('param-backend').selectOption('thread');
  await page.screenshot({ path: join(shots, 'run-panel-workload.png'), fullPage: true });

  await runAndWait(page, nextStart);
  await expect(page.getByTestId('run-status')).toContainText(example);
  await expect(page.getByTestId('run-ok')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('run-result')).toContainText('2262');
  await expect(page.getByTestId('run-params')).toContainText('backend=thread');
  await expect(page.getByTestId('run-tasks')).toHaveText('8');

  // Remembered by the host: a fresh page offers it among the recent files.
  await page.reload();
  await page.getByTestId('nav-timeline').click();
  await expect(page.getByTestId('recent-file').first()).toHaveAttribute('data-path', example);
  await page.getByTestId('recent-file').first().click();
  await expect(page.getByTestId('workload-file')).toHaveText(example);
});

test('shows where a file does not parse, and carries on', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'parascope-e2e-bad-'));
  const bad = join(dir, 'broken.mjs');
  writeFileSync(bad, 'export function main() {\n  return [1, 2;\n}\n');
  const nextStart = sessionStarts(page);
  try {
    await page.goto(url);
    await page.getByTestId('nav-timeline').click();
    await openByPath(page, bad);
    const error = page.getByTestId('workload-error');
    await expect(error).toContainText(`syntax error at ${bad}:2`);
    await expect(error).toContainText('return [1, 2;');
    await page.screenshot({ path: join(shots, 'run-panel-workload-error.png'), fullPage: true });

    // A path that is not a workload file is refused in words, before anything runs.
    await openByPath(page, join(dir, 'missing.ts'));
    await expect(error).toContainText(`no workload file at ${join(dir, 'missing.ts')}`);

    // The app carries on: the good file opens and runs.
    await openByPath(page, example);
    await expect(error).toHaveCount(0);
    await page.getByTestId('param-limit').fill('2000');
    await runAndWait(page, nextStart);
    await expect(page.getByTestId('run-ok')).toHaveAttribute('data-ok', 'true');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
