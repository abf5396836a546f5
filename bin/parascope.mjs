#!/usr/bin/env node
// The `parascope` command: runs the CLI from source through tsx (see src/main/cli/main.ts).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
