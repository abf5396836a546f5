/**
 * Module resolution hooks (Node's `module.register`) that make `import … from 'parascope/runtime'`
 * work in a user's file wherever it lives: the bare specifiers `parascope` and
 * `parascope/runtime` resolve to the runtime that is running (the `index` next to
 * self-resolve.ts, `.ts` from source, `.js` built), so the user's module and the runtime's
 * workers share one instance of it. Everything else goes on to the next resolver untouched.
 *
 * The hooks are registered as a `data:` URL of {@link SELF_RESOLVE_HOOKS}, not as a file: Node
 * loads a hooks module in its hooks thread through the hooks registered before, and a `.ts`
 * file there would need tsx to be among them (it is not in every process: a test runner's, a
 * built app's). Plain JavaScript in a string loads anywhere, from source, built or packed.
 */

/** What self-resolve.ts passes to the hooks' `initialize`. */
export interface SelfResolveData {
  /** URL of the running runtime's entry (`…/workers/runtime/index.ts` or `.js`). */
  runtime: string;
  /**
   * Names this registration answers as `parascope/__probe__/<name>`: how a thread learns that
   * hooks registered elsewhere (its process's main thread, on a Node that shares one hooks
   * thread between workers) already apply to it.
   */
  probes: string[];
}

/** Prefix of the probe specifiers; nothing resolves them but these hooks. */
export const PROBE_PREFIX = 'parascope/__probe__/';

/**
 * The hooks module's source: `initialize(data: SelfResolveData)` and `resolve`. Registering it
 * twice (probes per registration) runs `initialize` again on the same instance (same URL), so
 * it keeps every probe. The runtime's URL still goes down the chain (`next(runtime)`, not an
 * answer): from source, tsx's resolver must see it to say it is TypeScript.
 */
export const SELF_RESOLVE_HOOKS = `
const SELF = new Set(['parascope', 'parascope/runtime']);
const PROBE = ${JSON.stringify(PROBE_PREFIX)};
let runtime = null;
const probes = new Set();
export function initialize(data) {
  runtime = data.runtime;
  for (const probe of data.probes) probes.add(probe);
}
export function resolve(specifier, context, next) {
  if (runtime !== null) {
    if (SELF.has(specifier)) return next(runtime, context);
    if (specifier.startsWith(PROBE) && probes.has(specifier.slice(PROBE.length))) {
      return { url: runtime, shortCircuit: true };
    }
  }
  return next(specifier, context);
}
`;

/** The URL to `module.register`: {@link SELF_RESOLVE_HOOKS} as a `data:` URL. */
export const SELF_RESOLVE_HOOKS_URL = `data:text/javascript,${encodeURIComponent(SELF_RESOLVE_HOOKS)}`;
