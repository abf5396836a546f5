// The Electron file dialog for "Open workload…", against a stand-in for `dialog.showOpenDialog`.
import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  createWorkloadDialog,
  WORKLOAD_DIALOG_OPTIONS,
  type OpenDialogOptions,
  type OpenDialogResult,
  type ShowOpenDialog,
} from '../../../src/main/host/workload-dialog';

interface FakeWindow {
  id: number;
}

/** Records its calls like Electron's dialog and answers what the test says. */
function fakeDialog(answer: OpenDialogResult) {
  const calls: unknown[][] = [];
  const show = vi.fn(async (...args: unknown[]) => {
    calls.push(args);
    return answer;
  }) as unknown as ShowOpenDialog<FakeWindow>;
  return { show, calls };
}

describe('createWorkloadDialog', () => {
  it('asks for one workload file (.js, .mjs, .cjs, .ts) and answers its path', async () => {
    const { show, calls } = fakeDialog({ canceled: false, filePaths: ['/home/me/w.ts'] });
    expect(await createWorkloadDialog(show)()).toBe('/home/me/w.ts');
    expect(calls).toEqual([[WORKLOAD_DIALOG_OPTIONS]]);
    const options = calls[0]![0] as OpenDialogOptions;
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0]!.extensions).toEqual(['js', 'mjs', 'cjs', 'ts']);
  });

  it('attaches the dialog to the window when there is one', async () => {
    const { show, calls } = fakeDialog({ canceled: false, filePaths: ['/w.mjs'] });
    const win = { id: 3 };
    expect(await createWorkloadDialog(show, () => win)()).toBe('/w.mjs');
    expect(calls).toEqual([[win, WORKLOAD_DIALOG_OPTIONS]]);
  });

  it('answers null when the user cancels', async () => {
    expect(await createWorkloadDialog(fakeDialog({ canceled: true, filePaths: [] }).show)()).toBeNull();
    expect(await createWorkloadDialog(fakeDialog({ canceled: false, filePaths: [] }).show)()).toBeNull();
  });

  it("takes Electron's own dialog.showOpenDialog as it is (checked by the compiler)", () => {
    const wire = (dialog: Dialog, parent: () => BrowserWindow | null) =>
      createWorkloadDialog<BrowserWindow>(dialog.showOpenDialog.bind(dialog), parent);
    expect(typeof wire).toBe('function');
  });

  it('refuses something that is not a dialog function', () => {
    expect(() => createWorkloadDialog(undefined as never)).toThrow(
      new TypeError('host: showOpenDialog must be a function'),
    );
  });
});
