/**
 * The host's answers to the workload-file channels: `workload:open` (read what a file declares,
 * remember it), `workload:recent` and `workload:pick` (the Electron shell's file dialog).
 */
import type { InvokeRequest, InvokeResponse } from '../../shared/contract';
import { failure, success, type ErrorData, type Result } from '../../shared/errors';
import { errorData, invalidPayload, openBusy, toErrorData } from './host-errors';
import type { RecentFiles, SessionRunner } from './services';

type Channel = 'workload:open' | 'workload:recent' | 'workload:pick';
type Handler<C extends Channel> = (request: InvokeRequest<C>) => Promise<Result<InvokeResponse<C>>>;

/** What the workload handlers need from the host. */
export interface WorkloadHandlerDeps {
  sessions: SessionRunner;
  recentFiles: RecentFiles;
  /** The shell's file dialog, where it has one. */
  pickWorkloadFile: (() => Promise<string | null>) | undefined;
  log: (line: string) => void;
}

/**
 * Files being opened at once, at most: each is a process importing user code, and a page
 * clicking Open repeatedly must not fork a crowd of them.
 */
const MAX_OPENING = 2;

/** The error a session-side failure carries as data (a `SessionError`), if it is one. */
function carriedData(error: unknown): ErrorData | undefined {
  const data = (error as { data?: Partial<ErrorData> } | null)?.data;
  return typeof data?.code === 'string' && typeof data.message === 'string' ? (data as ErrorData) : undefined;
}

/** The handlers, by channel. */
export function workloadHandlers(deps: WorkloadHandlerDeps): { [C in Channel]: Handler<C> } {
  const { sessions, recentFiles, log } = deps;
  let opening = 0;

  return {
    async 'workload:open'({ path }) {
      if (opening >= MAX_OPENING) return failure(openBusy());
      opening++;
      try {
        const info = await sessions.describe(path);
        // A list that cannot be saved (read-only home) must not stop the file from opening.
        await recentFiles
          .add(info.path)
          .catch((error: unknown) =>
            log(`host: could not remember ${info.path}: ${toErrorData(error, 'internal').message}`),
          );
        return success(info);
      } catch (error) {
        if (error instanceof TypeError || error instanceof RangeError) {
          return failure(invalidPayload(error.message, error.name));
        }
        // The file's own failure (syntax error, no main, a throw at import): with its stack.
        return failure(carriedData(error) ?? toErrorData(error, 'internal'));
      } finally {
        opening--;
      }
    },
    async 'workload:recent'() {
      return success(await recentFiles.list());
    },
    async 'workload:pick'() {
      if (!deps.pickWorkloadFile) {
        return failure(
          errorData('not-found', 'this shell has no file dialog: type the path of the workload file instead'),
        );
      }
      return success({ path: await deps.pickWorkloadFile() });
    },
  };
}
