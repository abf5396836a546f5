// Runs in plain Node against an app.asar extracted to disk (so it never sees the repository's
// node_modules): imports the packaged modules from there, so every path they compute from
// their own location is computed exactly as in the installed app, then runs one pool-map
// session through the packaged session runner, session process, pool and workers.
// Prints one JSON line; exits 0 even when something failed (the JSON says what).
//
//   node probe-packaged-app.mjs <extracted-root> <module to import>...
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, ...modules] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(root, path)).href);
const describe = (error) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

const report = { imported: [], importErrors: [], scenarioModules: [], workerEntry: null, session: null };

for (const path of modules) {
  try {
    await load(path);
    report.imported.push(path);
  } catch (error) {
    report.importErrors.push({ path, error: describe(error) });
  }
}

try {
  const catalog = await load('out/app/scenarios/catalog.js');
  report.scenarioModules = catalog.CATALOG.map((entry) => ({
    id: entry.id,
    path: catalog.scenarioModulePath(entry),
  }));
  const workerHandle = await load('out/app/workers/runtime/worker-handle.js');
  report.workerEntry = workerHandle.resolveWorkerEntry();

  const { createSessionRunner } = await load('out/app/main/session/index.js');
  const output = [];
  const states = [];
  const runner = createSessionRunner({ onOutput: (line) => output.push(line) });
  const handle = runner.start(
    { scenario: 'pool-map', params: { workers: 2 } },
    { onTrace: () => undefined, onStatus: (status) => states.push(status.state) },
  );
  try {
    report.session = { summary: await handle.done, states, output };
  } catch (error) {
    report.session = { error: describe(error), states, output };
  }
} catch (error) {
  report.session = { error: describe(error) };
}

process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
