/**
 * A user's own workload file in the browser shell: typed by path, opened (its parameters become
 * controls of their kinds), run to a passing result, remembered among the recent files; a file
 * that does not parse shows its file, line and source, and the app carries on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openView, openWorkload, root, runInUi, setParams, shots, test } from './shell-fixture';

const example = join(root, 'examples', 'prime-count.ts');

test('opens a workload file by path, shows its parameters by kind, runs it and remembers it', async ({
  page,
  shell,
}) => {
  await openView(page, shell.url, 'timeline');
  await openWorkload(page, example);

  // The file is selected and the panel says exactly which file Run will run.
  await expect(page.getByTestId('scenario-workload')).toContainText('Prime counting');
  await expect(page.getByTestId('scenario-workload')).toHaveClass(/selected/);
  await expect(page.getByTestId('workload-file')).toHaveText(example);

  // A control per declared parameter, of its kind.
  await expect(page.getByTestId('param-workers')).toHaveAttribute('type', 'number');
  await expect(page.getByTestId('param-backend')).toHaveValue('process');
  await expect(page.getByTestId('param-lock')).toBeChecked();
  await setParams(page, { limit: 20000, backend: 'thread' });
  await page.screenshot({ path: join(shots, 'run-panel-workload.png'), fullPage: true });

  await runInUi(page);
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

test('shows where a file does not parse, and carries on', async ({ page, shell }) => {
  const dir = mkdtempSync(join(tmpdir(), 'parascope-e2e-bad-'));
  const bad = join(dir, 'broken.mjs');
  writeFileSync(bad, 'export function main() {\n  return [1, 2;\n}\n');
  try {
    await openView(page, shell.url, 'timeline');
    await openWorkload(page, bad);
    const error = page.getByTestId('workload-error');
    await expect(error).toContainText(`syntax error at ${bad}:2`);
    await expect(error).toContainText('return [1, 2;');
    await page.screenshot({ path: join(shots, 'run-panel-workload-error.png'), fullPage: true });

    // A path that is not a workload file is refused in words, before anything runs.
    await openWorkload(page, join(dir, 'missing.ts'));
    await expect(error).toContainText(`no workload file at ${join(dir, 'missing.ts')}`);

    // The app carries on: the good file opens and runs.
    await openWorkload(page, example);
    await expect(error).toHaveCount(0);
    await setParams(page, { limit: 2000 });
    await runInUi(page);
    await expect(page.getByTestId('run-ok')).toHaveAttribute('data-ok', 'true');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
