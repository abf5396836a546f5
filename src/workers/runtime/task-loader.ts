/**
 * Loading task functions in a worker or a Process child: the module a {@link TaskRef} names is
 * imported once and its export looked up. Shared by the pool's worker loop and `Process`.
 */
import type { TaskRef } from '../../shared/worker-protocol';
import { importTaskModule } from './bootstrap';
import { describeValue } from './errors';
import type { TaskFunction } from './run-tasks';
import { moduleImportUrl } from './task-ref';

/** Loads and caches task modules; a failed import is not cached so a fixed module can load later. */
export class TaskLoader {
  private readonly modules = new Map<string, Promise<Record<string, unknown>>>();

  /**
   * The function `ref` names. Rejects with the import's own error when the module cannot be
   * loaded, and with a TypeError naming the export when it is missing or not a function.
   */
  async load(ref: TaskRef): Promise<TaskFunction> {
    const url = moduleImportUrl(ref.module);
    let loading = this.modules.get(url);
    if (loading === undefined) {
      loading = importTaskModule(url);
      this.modules.set(url, loading);
      loading.catch(() => this.modules.delete(url));
    }
    const ns = await loading;
    // CommonJS modules whose exports the loader cannot see statically still expose them on `default`.
    let fn = ns[ref.name];
    if (fn === undefined && typeof ns.default === 'object' && ns.default !== null) {
      fn = (ns.default as Record<string, unknown>)[ref.name];
    }
    if (fn === undefined) throw new TypeError(`the module has no export named "${ref.name}"`);
    if (typeof fn !== 'function')
      throw new TypeError(`export "${ref.name}" is not a function (got ${describeValue(fn)})`);
    return fn as TaskFunction;
  }
}
