/**
 * The app as a user meets it: the browser shell started with `parascope serve`, opened in
 * Debian's Chromium. Each view is checked for what it must show and saved as a screenshot
 * under test-results/screenshots/ for a person to look at.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './shell-fixture';

const shots = join('test-results', 'screenshots');

async function open(page: Page, url: string, view: 'system' | 'cores' | 'timeline'): Promise<void> {
  await page.goto(url);
  await page.getByTestId(`nav-${view}`).click();
}

/**
 * Ids of the sessions this page starts, read from the host's replies on the page's socket.
 * Call before `open`. A page that opens after an earlier run first shows that run (finished),
 * so "finished" alone cannot tell the new run from the old one; its id can.
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
async function runAndWait(page: Page, nextStart: () => Promise<string>): Promise<string> {
  const started = nextStart();
  await page.getByTestId('run-button').click();
  const sessionId = await started;
  await expect(page.getByTestId('run-status')).toContainText(sessionId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'finished');
  return sessionId;
}

test('System view shows this machine as lscpu does', async ({ page, shell }) => {
  await open(page, shell.url, 'system');
  await expect(page.getByTestId('cpu-count')).toHaveText(String(cpus().length));
  // One row per logical CPU in the per-CPU table.
  await expect(page.getByTestId('cpu-table').locator('tbody tr')).toHaveCount(cpus().length);
  await expect(page.getByTestId('shell-indicator')).toContainText(/browser/i);
  // The token has been traded for the cookie and taken out of the address bar.
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: join(shots, 'system-dark.png'), fullPage: true });
});

test('Cores view updates live, one chart per CPU plus the total', async ({ page, shell }) => {
  await open(page, shell.url, 'cores');
  for (let cpu = 0; cpu < cpus().length; cpu++)
    await expect(page.getByTestId(`core-chart-${cpu}`)).toBeVisible();
  await expect(page.getByTestId('core-chart-total')).toBeVisible();
  const count = page.getByTestId('sample-count');
  await expect(count).not.toHaveText(/^0\b/);
  const first = Number.parseInt((await count.textContent()) ?? '0', 10);
  // Samples keep arriving: the counter moves past the value just read.
  await expect
    .poll(async () => Number.parseInt((await count.textContent()) ?? '0', 10))
    .toBeGreaterThan(first);
  await page.screenshot({ path: join(shots, 'cores-dark.png') });
});

test('Timeline runs pool-map: 8 task bars and the squares', async ({ page, shell }) => {
  const nextStart = sessionStarts(page);
  await open(page, shell.url, 'timeline');
  await page.getByTestId('scenario-pool-map').click();
  await page.getByTestId('param-workers').fill('2');
  await runAndWait(page, nextStart);
  await expect(page.getByTestId('run-result')).toHaveText('[1, 4, 9, 16, 25, 36, 49, 64]');
  await expect(page.getByTestId('run-ok')).toBeVisible();
  await expect(page.getByTestId('task-timeline')).toHaveAttribute('data-task-bars', '8');
  await expect(page.getByTestId('run-tasks')).toHaveText('8');
  await page.screenshot({ path: join(shots, 'timeline-dark.png') });

  // Hovering a bar tells what ran there.
  const canvas = page.getByTestId('task-timeline').locator('canvas');
  const box = await canvas.boundingBox();
  expect(box).not.toBeNull();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: join(shots, 'timeline-light.png') });
});

test('A page reloaded after a run still shows it: 8 task bars and the result', async ({ page, shell }) => {
  const nextStart = sessionStarts(page);
  await open(page, shell.url, 'timeline');
  await page.getByTestId('scenario-pool-map').click();
  await page.getByTestId('param-workers').fill('2');
  const sessionId = await runAndWait(page, nextStart);

  // A new page load knows nothing: it asks the host for the current session on connect.
  await page.reload();
  await expect(page.getByTestId('run-status')).toContainText(sessionId);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('run-result')).toHaveText('[1, 4, 9, 16, 25, 36, 49, 64]');
  await expect(page.getByTestId('task-timeline')).toHaveAttribute('data-task-bars', '8');
  await expect(page.getByTestId('run-tasks')).toHaveText('8');
  await page.screenshot({ path: join(shots, 'timeline-reloaded.png') });
});

test('A sampling rate set in one page shows in every other page', async ({ page, context, shell }) => {
  await open(page, shell.url, 'cores');
  const other = await context.newPage();
  await open(other, shell.url, 'cores');
  await page.getByTestId('sampler-rate').fill('20');
  await expect(page.getByTestId('sampler-rate-value')).toHaveText('20 Hz');
  // The other page learns the rate from the samples it receives.
  await expect(other.getByTestId('sampler-rate-value')).toHaveText('20 Hz');
  await other.getByTestId('sampler-rate').fill('10');
  await expect(page.getByTestId('sampler-rate-value')).toHaveText('10 Hz');
  await other.close();
});
