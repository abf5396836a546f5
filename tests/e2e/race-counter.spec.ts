/**
 * The race-counter lesson from the app: four adders and two subtractors on a shared counter,
 * run from the Timeline's Run panel without the lock and then with it. Without the lock the
 * result panel shows the wrong count, "differs from expected" and the `lost-updates` insight
 * (whose "Show on timeline" draws its evidence as a band on both timelines, brought into view);
 * with the lock, the right count and no such insight. Screenshots go to
 * test-results/screenshots/ for a person to look at.
 */
import { join } from 'node:path';
import { expect, runInUi, runScenarioInUi, setParams, shots, test, watchSessions } from './shell-fixture';

const STEPS = 50;
const EXPECTED = 2 * STEPS;

test('race-counter: lost updates without the lock, the exact count with it', async ({ page, shell }) => {
  // Without the lock (the default).
  const unlocked = await runScenarioInUi(page, shell.url, 'race-counter', {
    backend: 'process',
    steps: STEPS,
  });
  await expect(page.getByTestId('param-lock')).not.toBeChecked();
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
    const range = watchSessions(page).evidence.get(`${unlocked}/lost-updates`);
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
  await setParams(page, { lock: true });
  await runInUi(page);
  await expect(page.getByTestId('run-params')).toContainText('lock=true');
  await expect(page.getByTestId('run-result')).toHaveText(String(EXPECTED));
  await expect(page.getByTestId('run-ok')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('insight-lost-updates')).toHaveCount(0);
  await page.screenshot({ path: join(shots, 'race-counter-locked.png'), fullPage: true });
});
