#!/usr/bin/env node
// The `parascope` command: runs the CLI from source through tsx (see src/main/cli/main.ts).
import { register } from 'tsx/esm/api';

// `parascope topology | head` closes the pipe early: that ends the command, it is not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

register();
const { runCli } = await import('../src/main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
