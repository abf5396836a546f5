/** The Electron shell's client: the preload bridge with its `Result`s unwrapped. */
import type {
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  ParascopeApi,
  PreloadBridge,
} from '../../shared/contract';
import { unwrapResult } from './unwrap';

/**
 * Wraps `window.parascope`: `invoke` resolves with the value or rejects with a `HostError`
 * (name, message and `code` from the host's ErrorData); `on` is passed through.
 */
export function wrapPreloadBridge(bridge: PreloadBridge): ParascopeApi {
  return {
    async invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
      const result = await bridge.invoke(channel, request);
      return unwrapResult<InvokeResponse<C>>(result, channel);
    },
    on: (channel, listener) => bridge.on(channel, listener),
  };
}
