/** Errors about finding and loading scenario modules and workload files, made in one place for uniform wording. */

/** No catalog scenario has this id (and no module file was given instead). */
export function unknownScenarioId(id: string): TypeError {
  return new TypeError(`unknown scenario ${JSON.stringify(id)}`);
}

/** What {@link notAScenarioModule} makes: the module loaded, but has no `main` to run. */
export class MissingMainError extends TypeError {
  override name = 'TypeError';
}

/** The module loaded but is not a scenario: `main` is missing. Says what it does export. */
export function notAScenarioModule(file: string, exported: readonly string[] = []): MissingMainError {
  const shown = exported.slice(0, 12).join(', ') + (exported.length > 12 ? ', …' : '');
  const what = exported.length > 0 ? `it exports: ${shown}` : 'it exports nothing';
  return new MissingMainError(`${file} does not export a main(ctx, params) function (${what})`);
}

/** A workload file's `title` or `purpose` export is not a short string. */
export function workloadNotDescribable(file: string, what: 'title' | 'purpose'): TypeError {
  return new TypeError(`${file}: export ${what} must be a string of at most 200 characters`);
}
