/**
 * The app as a user meets it: the browser shell started with `parascope serve`, opened in
 * Debian's Chromium. Each view is checked for what it must show and saved as a screenshot
 * under test-results/screenshots/ for a person to look at.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { dragAcross, expect, openView, runScenarioInUi, shots, test } from './shell-fixture';

test('System view shows this machine as lscpu does', async ({ page, shell }) => {
  await openView(page, shell.url, 'system');
  await expect(page.getByTestId('cpu-count')).toHaveText(String(cpus().length));
  // One row per logical CPU in the per-CPU table.
  await expect(page.getByTestId('cpu-table').locator('tbody tr')).toHaveCount(cpus().length);
  await expect(page.getByTestId('shell-indicator')).toContainText(/browser/i);
  // The token has been traded for the cookie and taken out of the address bar.
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: join(shots, 'system-dark.png'), fullPage: true });
});

test('Cores view updates live, one chart per CPU plus the total', async ({ page, shell }) => {
  await openView(page, shell.url, 'cores');
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
  await runScenarioInUi(page, shell.url, 'pool-map', { workers: 2 });
  await expect(page.getByTestId('run-result')).toHaveText('[1, 4, 9, 16, 25, 36, 49, 64]');
  await expect(page.getByTestId('run-ok')).toBeVisible();
  await expect(page.getByTestId('task-timeline')).toHaveAttribute('data-task-bars', '8');
  await expect(page.getByTestId('run-tasks')).toHaveText('8');
  await page.screenshot({ path: join(shots, 'timeline-dark.png') });

  // Hovering a bar tells what ran there: along the first lane (28 px axis, 34 px lanes; see
  // lanes.ts), left to right, until a tooltip shows.
  const timeline = page.getByTestId('task-timeline');
  const canvas = timeline.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const tooltip = page.getByTestId('task-tooltip');
  const y = box.y + 28 + 34 / 2;
  for (let x = 140; x < box.width - 2 && !(await tooltip.isVisible()); x += 4)
    await page.mouse.move(box.x + x, y);
  await expect(tooltip).toContainText(/workerW\d/);
  await expect(tooltip).toContainText('queue wait');

  // Dragging right to left across the whole canvas pans past the last task; a double-click fits again.
  await dragAcross(page, canvas, 28 + 34 / 2);
  await expect(timeline).toHaveAttribute('data-task-bars', '0');
  await expect(tooltip).toHaveCount(0);
  await canvas.dblclick({ position: { x: box.width / 2, y: 28 + 34 / 2 } });
  await expect(timeline).toHaveAttribute('data-task-bars', '8');

  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: join(shots, 'timeline-light.png') });
});

test('A page reloaded after a run still shows it: 8 task bars and the result', async ({ page, shell }) => {
  const sessionId = await runScenarioInUi(page, shell.url, 'pool-map', { workers: 2 });

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
  await openView(page, shell.url, 'cores');
  const other = await context.newPage();
  await openView(other, shell.url, 'cores');
  await page.getByTestId('sampler-rate').fill('20');
  await expect(page.getByTestId('sampler-rate-value')).toHaveText('20 Hz');
  // The other page learns the rate from the samples it receives.
  await expect(other.getByTestId('sampler-rate-value')).toHaveText('20 Hz');
  await other.getByTestId('sampler-rate').fill('10');
  await expect(page.getByTestId('sampler-rate-value')).toHaveText('10 Hz');
  await other.close();
});
