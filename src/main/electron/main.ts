/**
 * Electron entry point (built to `out/app/main/electron/main.js`): composes the real services
 * into a host and starts the app. Everything testable lives in the modules it imports.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { createHost } from '../host/host';
import { createWorkloadDialog } from '../host/workload-dialog';
import { createCoreSampler } from '../sampler';
import { createSessionRunner } from '../session';
import { createTopologyService } from '../topology';
import { startApp } from './app';

startApp({
  mainFileUrl: import.meta.url,
  devUrl: process.env['ELECTRON_RENDERER_URL'],
  createHost: () =>
    createHost({
      shell: 'electron',
      version: app.getVersion(),
      topology: createTopologyService(),
      sampler: createCoreSampler(),
      sessions: createSessionRunner(),
      // The native file dialog, parented to the focused window.
      pickWorkloadFile: createWorkloadDialog(dialog.showOpenDialog.bind(dialog), () =>
        BrowserWindow.getFocusedWindow(),
      ),
    }),
});
