/**
 * The Electron shell's "Open workload…" dialog, kept thin and free of an `electron` import:
 * the Electron entry passes `dialog.showOpenDialog` (and the window to attach it to) in, and the
 * host calls the result on `workload:pick`.
 */
import { WORKLOAD_EXTENSIONS } from '../../shared/scenarios';
import { badHostDependency } from './host-errors';

/** The slice of Electron's `dialog.showOpenDialog` options this uses. */
export interface OpenDialogOptions {
  title: string;
  buttonLabel: string;
  properties: ('openFile' | 'dontAddToRecent')[];
  filters: { name: string; extensions: string[] }[];
}

/** What Electron's `dialog.showOpenDialog` resolves to. */
export interface OpenDialogResult {
  canceled: boolean;
  filePaths: string[];
}

/**
 * Electron's `dialog.showOpenDialog`, in either of its forms: with a parent window (a sheet on
 * macOS, modal elsewhere) or without one.
 */
export type ShowOpenDialog<W> = {
  (window: W, options: OpenDialogOptions): Promise<OpenDialogResult>;
  (options: OpenDialogOptions): Promise<OpenDialogResult>;
};

/** The dialog's options: one file, workload extensions only. */
export const WORKLOAD_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Open workload',
  buttonLabel: 'Open',
  properties: ['openFile'],
  filters: [
    { name: 'Workloads (JavaScript, TypeScript)', extensions: WORKLOAD_EXTENSIONS.map((e) => e.slice(1)) },
  ],
};

/**
 * Makes the host's `pickWorkloadFile`: shows the open dialog (attached to `parent()` when there
 * is a window) and answers the chosen path, or null when the user cancelled.
 *
 * In `main.ts`: `pickWorkloadFile: createWorkloadDialog(dialog.showOpenDialog.bind(dialog),
 * () => BrowserWindow.getFocusedWindow())`.
 */
export function createWorkloadDialog<W>(
  showOpenDialog: ShowOpenDialog<W>,
  parent: () => W | null = () => null,
): () => Promise<string | null> {
  if (typeof showOpenDialog !== 'function') throw badHostDependency('showOpenDialog', 'a function');
  return async () => {
    const window = parent();
    const result = window
      ? await showOpenDialog(window, WORKLOAD_DIALOG_OPTIONS)
      : await showOpenDialog(WORKLOAD_DIALOG_OPTIONS);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
