/** Errors about finding and loading scenario modules, made in one place for uniform wording. */

/** No catalog scenario has this id (and no module file was given instead). */
export function unknownScenarioId(id: string): TypeError {
  return new TypeError(`unknown scenario ${JSON.stringify(id)}`);
}

/** The module loaded but is not a scenario: `main` is missing or `expected` is not a function. */
export function notAScenarioModule(file: string): TypeError {
  return new TypeError(`${file} does not export a main(ctx, params) function`);
}
