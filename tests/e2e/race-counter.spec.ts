/**
 * The race-counter lesson from the app: four adders and two subtractors on a shared counter,
 * run from the Timeline's Run panel without the lock and then with it. Without the lock the
 * result panel shows the wrong count, "differs from expected" and the `lost-updates` insight
 * (whose "Show on timeline" draws its evidence as a band on both timelines, brought into view);
 * with the lock, the right count and no such insight. Screenshots go to
 * test-results/screenshots/ for a person to look at.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './shell-fixture';

const shots = join('test-results', 'screenshots');
const STEPS = 50;
const EXPECTED = 2 * STEPS;

/** What the host reported of an insight's evidence (trace clock, µs). */
interface Evidence {
  fromTs: number;
  toTs: number;
}

/**
 * Ids of the sessions this page starts, read from the host's replies on the page's socket,
 * and the insights' evidence of each finished one (from its final status push), by session
 * id and kind. Call before `goto`: "finished" alone cannot tell a new run from an earlier one;
 * its id can.
 */
function sessionStarts(page: Page, evidence: Map<string, Evidence>): () => Promise<string> {
  const ids: string[] = [];
  const waiters: ((id: string) => void)[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        kind?: string;
        channel?: string;
        result?: { value?: { sessionId?: unknown } };
        payload?: {
          sessionId?: string;
          summary?: { insights?: { kind: string; evidence: Evidence }[] };
        };
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
  return () => {
    const id = ids.shift();
    return id !== undefined ? Promise.resolve(id) : new Promise((resolve) => waiters.push(resolve));
  };
}

/** Clicks Run and waits until the run it started (not an earlier one) has finished. */
async function runAndWait(page: Page, nextStart: () => Promise<string>): Promise<string> {
  const started = nextStart();
  await page.getByTestId('run-button').click();
  const id = await started;
  await expect(page.getByTestId('run-status')).toContainText(id);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'finished');
  return id;
}

test('race-counter: lost updates without the lock, the exact count with it', async ({ page, shell }) => {
  const evidence = new Map<string, Evidence>();
  const nextStart = sessionStarts(page, evidence);
  await page.goto(shell.url);
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('scenario-race-counter').click();
  await expect(page.getByTestId('param-lock')).not.toBeChecked();
  await page.getByTestId('param-backend').selectOption('process');
  await page.getByTestId('param-steps').fill(String(STEPS));

  // Without the lock.
  const unlocked = await runAndWait(page, nextStart);
  await expect(page.getByTestId('run-expected')).toHaveText(String(EXPECTED));
  await expect(page.getByTestId('run-params')).toContainText('lock=false');
  const observed = Number(await page.getByTestId('run-result').textContent());
  expect(Number.isInteger(observed)).toBe(true);
  const lost = page.getByTestId('insight-lost-updates');
  if (observed !== EXPECTED) {
    await expect(page.getByTestId('run-ok')).toHaveAttribute('data-ok', 'false');
    await expect(lost).toHaveCount(1);
    await expect(lost).toHaveAttribute('data-severity', 'problem');
    await expect(page.getByTestId('insight-message-lost-updates')).toContainText(
      `expected ${EXPECTED}, observed ${observed}`,
    );
    await expect(lost).toContainText('getLock().withLock');
    // "Show on timeline" marks the insight's evidence as the highlighted range; again, clears it.
    const show = page.getByTestId('insight-show-lost-updates');
    await expect(show).toHaveAttribute('aria-pressed', 'false');
    await show.click();
    await expect(show).toHaveAttribute('aria-pressed', 'true');
    await expect(show).toHaveText('Shown on timeline');
    // Both timelines draw the evidence as a band (each canvas says which range it drew).
    const range = evidence.get(`${unlocked}/lost-updates`);
    expect(range).toBeDefined();
    const drawn = `${Math.min(range!.fromTs, range!.toTs)}-${Math.max(range!.fromTs, range!.toTs)}`;
    const taskCanvas = page.getByTestId('task-timeline').locator('canvas');
    const actorCanvas = page.getByTestId('actor-timeline').locator('canvas');
    await expect(taskCanvas).toHaveAttribute('data-highlight', drawn);
    await expect(actorCanvas).toHaveAttribute('data-highlight', drawn);
    await page.getByTestId('task-timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'race-counter-highlight.png'), fullPage: true });
  } else {
    await expect(page.getByTestId('run-ok')).toHaveAttribute('data-ok', 'true');
  }
  await page.getByTestId('run-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'race-counter-unlocked.png'), fullPage: true });
  if (observed !== EXPECTED) {
    await page.getByTestId('insight-show-lost-updates').click();
    await expect(page.getByTestId('insight-show-lost-updates')).toHaveAttribute('aria-pressed', 'false');
    // Cleared: no band on either timeline.
    await expect(page.getByTestId('task-timeline').locator('canvas')).not.toHaveAttribute('data-highlight');
    await expect(page.getByTestId('actor-timeline').locator('canvas')).not.toHaveAttribute('data-highlight');
  }

  // With the lock: exactly (4 - 2) × steps, and no lost update to report.
  await page.getByTestId('param-lock').check();
  await runAndWait(page, nextStart);
  await expect(page.getByTestId('run-params')).toContainText('lock=true');
  await expect(page.getByTestId('run-result')).toHaveText(String(EXPECTED));
  await expect(page.getByTestId('run-ok')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('insight-lost-updates')).toHaveCount(0);
  await page.screenshot({ path: join(shots, 'race-counter-locked.png'), fullPage: true });
});
