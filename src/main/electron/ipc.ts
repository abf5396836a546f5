/**
 * Connects one window to the host: a handler per invoke channel that answers only our
 * renderer's main frame, and every host push sent to the window while it lives.
 */
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent, WebContents } from 'electron';
import { INVOKE_CHANNELS, PUSH_CHANNELS } from '../../shared/contract';
import { describeValue, failure, type Result } from '../../shared/errors';
import type { Host } from '../host/host';
import { hostThrew, senderNotAllowed } from './electron-errors';
import { isRendererUrl, type RendererSource } from './renderer-location';

const pushChannels: ReadonlySet<string> = new Set(PUSH_CHANNELS);

/**
 * Why `event` may not call us, or null when it may: it must come from the main frame of
 * `contents` (our window) showing our renderer. Checked before anything else on every call.
 */
export function senderRejection(
  event: IpcMainInvokeEvent,
  contentsId: number,
  source: RendererSource,
): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (event.sender.id !== contentsId) return `webContents ${event.sender.id} is not the main window`;
  const main = event.sender.mainFrame;
  // Distinct WebFrameMain objects may stand for one frame, so compare identities, not objects;
  // a subframe never shares the main frame's (process, routing id).
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return 'only the main frame may call the host';
  }
  if (!isRendererUrl(source, frame.url)) return `${describeValue(frame.url)} is not the Parascope renderer`;
  return null;
}

/**
 * Registers the invoke handlers for `win` and forwards host pushes to it. Everything is undone
 * when the window closes or the returned function is called, whichever comes first.
 */
export function connectWindow(options: {
  win: BrowserWindow;
  host: Host;
  source: RendererSource;
  log: (line: string) => void;
}): () => void {
  const { win, host, source, log } = options;
  // Captured now: `win.webContents` throws once the window is destroyed.
  const contents: WebContents = win.webContents;
  const contentsId = contents.id;

  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      const rejection = senderRejection(event, contentsId, source);
      if (rejection !== null) {
        log(`electron: refused ${channel}: ${rejection}`);
        return failure(senderNotAllowed(channel, rejection));
      }
      try {
        return await host.invoke(channel, payload);
      } catch (error) {
        log(`electron: host threw on ${channel}`);
        return failure(hostThrew(channel, error));
      }
    });
  }

  const unsubscribe = host.subscribe((channel, payload) => {
    if (!pushChannels.has(channel) || contents.isDestroyed()) return;
    // Never push to a page that is not ours (navigation is blocked; this is the second lock).
    if (!isRendererUrl(source, contents.getURL())) return;
    contents.send(channel, payload);
  });

  let connected = true;
  const disconnect = (): void => {
    if (!connected) return;
    connected = false;
    unsubscribe();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
  win.once('closed', disconnect);
  return disconnect;
}
