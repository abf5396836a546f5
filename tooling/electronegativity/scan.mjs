#!/usr/bin/env node
// Static Electron security scan of the built app (`out/`) with @doyensec/electronegativity.
//
// The scanner exits 0 whatever it finds, so this runner reads its result itself: it writes a
// SARIF report, prints every finding, and exits 1 on any finding that docs/SECURITY.md does
// not justify in its "Scan findings we accept" table (check id + file), on a justification
// that no longer matches any finding, and on any file the scanner could not parse.
//
// Usage: node tooling/electronegativity/scan.mjs [--input out] [--report test-results/electronegativity.sarif]
// Needs `npm ci --prefix tooling/electronegativity` (its own node_modules: the scanner bundles
// an old TypeScript parser that breaks on the root's modern `typescript`).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatFinding, parseAcceptedFindings, reviewFindings } from './accepted.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const require = createRequire(import.meta.url);

// Checks that download something (the list of Electron security releases); offline they only
// add a failed request, and they say nothing about our code.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const { values } = parseArgs({
  options: {
    input: { type: 'string', default: join(root, 'out') },
    report: { type: 'string', default: join(root, 'test-results', 'electronegativity.sarif') },
    accepted: { type: 'string', default: join(root, 'docs', 'SECURITY.md') },
  },
});
const input = resolve(values.input);
const report = resolve(values.report);

function fail(message) {
  console.error(`electronegativity: ${message}`);
  process.exit(2);
}

/** The Electron version the app ships, from the root package.json (the scan cannot infer it from out/). */
function electronVersion() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const spec = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  if (typeof spec !== 'string' || !/^\d+\.\d+\.\d+$/.test(spec)) {
    fail(`package.json must pin electron to an exact version (got ${JSON.stringify(spec)})`);
  }
  return spec;
}

if (!existsSync(input)) fail(`${input} does not exist: run \`npm run build\` first`);
let run;
let writeIssues;
try {
  run = require('@doyensec/electronegativity/dist/runner.js');
  ({ writeIssues } = require('@doyensec/electronegativity/dist/util'));
} catch (error) {
  fail(`the scanner is not installed (npm ci --prefix tooling/electronegativity): ${error.message}`);
}

/**
 * The scanner reads only .js/.ts/.html (and package files), so the CommonJS preload
 * (`index.cjs`) and any .mjs would go unscanned: scan a copy in which they carry an extra
 * `.js`, and strip it again from the findings.
 */
function stage(dir) {
  const copy = mkdtempSync(join(tmpdir(), 'parascope-scan-'));
  cpSync(dir, copy, { recursive: true });
  for (const entry of readdirSync(copy, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(cjs|mjs)$/.test(entry.name)) {
      const file = join(entry.parentPath, entry.name);
      renameSync(file, `${file}.js`);
    }
  }
  return copy;
}
const unstage = (file) => file.replace(/\.(cjs|mjs)\.js$/, '.$1');

const version = electronVersion();
let policy;
try {
  policy = readFileSync(values.accepted, 'utf8');
} catch (error) {
  fail(`cannot read the accepted findings (${values.accepted}): ${error.message}`);
}
const accepted = parseAcceptedFindings(policy);
const staged = stage(input);
let result;
try {
  result = await run(
    {
      input: staged,
      output: undefined,
      isSarif: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
      isVerbose: true,
      electronUpgrade: undefined,
      electronVersionOverride: version,
      parserPlugins: [],
    },
    false,
  );
} finally {
  rmSync(staged, { recursive: true, force: true });
}
// Findings come relative to the scanned copy; parse errors carry its absolute paths.
for (const issue of result.issues) issue.file = unstage(issue.file);
for (const error of result.errors) error.file = unstage(relative(staged, error.file));

mkdirSync(dirname(report), { recursive: true });
writeIssues(input, true, report, result.issues, true);

const { accepted: ok, unexplained, stale } = reviewFindings(result.issues, accepted.rows);
const unparsed = result.errors.filter((e) => !e.tolerable);
console.log(
  `electronegativity: scanned ${input} as Electron ${version} with ${result.globalChecks + result.atomicChecks} checks ` +
    `(skipped ${EXCLUDED_CHECKS.join(', ')}); ${result.issues.length} findings; report ${report}`,
);
for (const { issue, row } of ok)
  console.log(`  accepted  ${formatFinding(issue)}\n            → ${row.reason}`);
for (const error of result.errors.filter((e) => e.tolerable)) {
  console.log(`  warning   ${error.file}: ${error.message}`);
}

const problems = [
  ...unexplained.map((issue) => `unexplained finding: ${formatFinding(issue)}`),
  ...unparsed.map((error) => `could not scan ${error.file}: ${error.message}`),
  ...stale.map(
    (row) =>
      `docs/SECURITY.md:${row.line}: accepts ${row.check} in ${row.file}, which the scan no longer finds`,
  ),
  ...accepted.problems,
];
for (const line of problems) console.error(`electronegativity: ${line}`);
if (problems.length > 0) {
  console.error(
    `electronegativity: ${problems.length} problem(s): fix the code, or justify the finding in docs/SECURITY.md ` +
      '("Scan findings we accept": | CHECK_ID | file | reason |)',
  );
  process.exitCode = 1;
} else {
  console.log(`electronegativity: ${ok.length} finding(s), each justified in docs/SECURITY.md`);
}
