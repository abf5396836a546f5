/**
 * The runtime's activity in the browser shell: a workload whose two Processes contend for a
 * Lock and feed a Queue is opened by path and run from the UI; the Timeline then shows the
 * processes' lanes with lock waits and holds (hover tells which lock and for how long), and the
 * "Locks & queues" panel shows the lock's contention row, the queue's depth chart, the
 * processes with their exit codes, and what they printed.
 *
 * The workload is a test fixture (tests/fixtures/session/renderer-activity.ts).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { dragAcross, expect, openView, openWorkload, root, runInUi, shots, test } from './shell-fixture';

const workload = join(root, 'tests', 'fixtures', 'session', 'renderer-activity.ts');

/** Hovers along actor lane `lane`, left to right; returns the text of every tooltip met, in order. */
async function hoverLane(page: Page, lane: number, until: RegExp): Promise<string[]> {
  const canvas = page.getByTestId('actor-timeline').locator('canvas');
  const box = (await canvas.boundingBox())!;
  // Layout of actor-lanes.ts: a 28 px axis, then 30 px lanes (boxes from 5 px in, ticks in the
  // lower half), labels in a 136 px gutter. 8 px into the lane is a box, never a tick.
  const y = 28 + lane * 30 + 8;
  const tooltip = page.getByTestId('actor-tooltip');
  const seen: string[] = [];
  for (let x = 140; x < box.width - 2; x += 3) {
    await page.mouse.move(box.x + x, box.y + y);
    if (!(await tooltip.isVisible())) continue;
    const text = (await tooltip.textContent()) ?? '';
    if (seen.at(-1) !== text) seen.push(text);
    if (until.test(text)) break;
  }
  return seen;
}

test('a run with processes, a lock and a queue shows its lanes, contention, traffic and output', async ({
  page,
  shell,
}) => {
  await openView(page, shell.url, 'timeline');
  await openWorkload(page, workload);
  await expect(page.getByTestId('workload-file')).toHaveText(workload);
  const sessionId = await runInUi(page);

  // Lock contention: one row for the named lock, every acquisition counted.
  const panel = page.getByTestId('locks-queues-panel');
  await expect(panel).toBeVisible();
  const lock = panel.locator('[data-testid="lock-row"][data-name="print-lock"]');
  await expect(lock).toHaveAttribute('data-acquisitions', '8');
  await expect(lock).toHaveAttribute('data-kind', 'lock');

  // Queue traffic: 8 in, 8 out, and a depth chart drawn from the downsampled series.
  const queue = panel.locator('[data-testid="channel-row"][data-name="results"]');
  await expect(queue).toContainText('8 put');
  await expect(queue).toContainText('8 got');
  const chart = queue.getByTestId('queue-chart');
  await expect(chart.locator('svg .recharts-line-curve')).toHaveCount(1);
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(1);

  // Processes with their exit codes, and the lines they printed, in their colours.
  for (const name of ['Process-1', 'Process-2']) {
    await expect(panel.locator(`[data-testid="process-row"][data-name="${name}"]`)).toHaveAttribute(
      'data-state',
      'exited',
    );
  }
  await expect(panel.getByTestId('output-line')).toHaveCount(8);
  await expect(panel.getByTestId('output-log')).toContainText('worker 1 step 0');
  await expect(panel.getByTestId('output-log')).toContainText('worker 2 step 3');

  // The actor timeline: main and both processes, with boxes and ticks drawn.
  const lanes = page.getByTestId('actor-timeline');
  await expect(lanes).toHaveAttribute('data-lanes', '3');
  expect(Number(await lanes.getAttribute('data-items'))).toBeGreaterThan(8);
  await page.screenshot({ path: join(shots, 'activity-dark.png'), fullPage: true });

  // Hovering along a process's lane: first its wait for the `go` event (set once both had
  // started), then a box of the lock, named, with its times.
  await page.getByTestId('actor-timeline').scrollIntoViewIfNeeded();
  const texts = await hoverLane(page, 1, /print-lock/);
  expect(texts[0]).toMatch(/^go · waiting.*the event was set/);
  expect(texts.at(-1)).toMatch(/^print-lock · (holding|waiting).*wait\d/);
  // A page screenshot (not the element's) so the tooltip, which overflows the canvas, shows whole.
  const card = (await page.getByTestId('activity-timeline-card').boundingBox())!;
  await page.screenshot({
    path: join(shots, 'activity-tooltip.png'),
    clip: { x: card.x, y: card.y, width: card.width, height: card.height + 170 },
  });

  // Dragging right to left across the whole canvas pans past the run's end; a double-click fits again.
  const items = (await lanes.getAttribute('data-items'))!;
  await dragAcross(page, lanes.locator('canvas'), 28 + 8);
  await expect(lanes).toHaveAttribute('data-items', '0');
  await lanes.locator('canvas').dblclick({ position: { x: 400, y: 28 + 8 } });
  await expect(lanes).toHaveAttribute('data-items', items);

  // A page opened after the run rebuilds all of it from the host's record of the session.
  await page.reload();
  await page.getByTestId('nav-timeline').click();
  await expect(page.getByTestId('run-status')).toContainText(sessionId);
  await expect(page.locator('[data-testid="lock-row"][data-name="print-lock"]')).toHaveAttribute(
    'data-acquisitions',
    '8',
  );
  await expect(page.getByTestId('output-line')).toHaveCount(8);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: join(shots, 'activity-light.png'), fullPage: true });
});
