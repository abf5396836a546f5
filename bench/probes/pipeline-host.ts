/**
 * Probe of `event-pipeline`: this process is the host, built from the app's real pieces
 * (`createHost` with the real session runner, sampler and topology service, and
 * `startBrowserShell`), and forks a WebSocket client (pipeline-client) that starts the flood
 * workload as a session and counts what arrives. Reports the client's rate, whether anything
 * was lost, and this process's CPU time (the host side: session IPC, host, bridge, frame
 * encoding, socket; the host forwards trace chunks without decoding them).
 *
 * Args (JSON): { tasks, workers }.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserShell } from '../../src/main/browser-shell';
import { createHost } from '../../src/main/host/host';
import { createCoreSampler } from '../../src/main/sampler';
import { createSessionRunner } from '../../src/main/session';
import { createTopologyService } from '../../src/main/topology';
import { probeCheckFailed } from '../harness/bench-errors';
import { info as floodInfo, type FloodResult } from '../workloads/event-flood';
import type { ClientReport } from './pipeline-client';
import { cpuMicros, emitResult, positiveNumber, readProbeArgs } from './probe-io';

const PROBE = 'pipeline-host';
const args = readProbeArgs(PROBE);
const tasks = positiveNumber(PROBE, args, 'tasks');
const workers = positiveNumber(PROBE, args, 'workers');
const here = fileURLToPath(import.meta.url);
const ext = extname(here);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

// The shell insists on a built renderer; the benchmark needs only its socket.
const rendererDir = await mkdtemp(join(tmpdir(), 'parascope-bench-renderer-'));
await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>\n');

const sessions = createSessionRunner({
  workloads: [{ info: floodInfo, modulePath: join(dirname(here), '..', 'workloads', `event-flood${ext}`) }],
  onOutput: (line) => log(`[session] ${line}`),
});
const host = createHost({
  shell: 'browser',
  version: 'bench',
  topology: createTopologyService(),
  sampler: createCoreSampler(),
  sessions,
  log,
});

interface Mark {
  cpuUs: number;
  atMs: number;
}
const mark = (): Mark => ({ cpuUs: cpuMicros(), atMs: performance.now() });
/**
 * Host-side CPU is measured from the first trace batch to the final status, and split at the
 * last trace batch: before it is delivery (session IPC, record, frames, socket), after it the
 * run's end (decoding the kept trace once and computing its insights, before the final status).
 */
const marks: { first?: Mark; lastTrace?: Mark; last?: Mark } = {};
const ended = new Promise<void>((resolve) => {
  host.subscribe((channel, payload) => {
    if (channel === 'session:trace') {
      marks.first ??= mark();
      marks.lastTrace = mark();
    }
    if (channel === 'session:status' && (payload as { state: string }).state !== 'running') {
      marks.last = mark();
      resolve();
    }
  });
});

const shell = await startBrowserShell({ host, rendererDir, log });
try {
  const client = fork(
    join(dirname(here), `pipeline-client${ext}`),
    [JSON.stringify({ port: shell.port, token: shell.token, tasks, workers })],
    { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const report = await new Promise<ClientReport>((resolve, reject) => {
    client.once('message', (message) => resolve(message as ClientReport));
    client.once('exit', (code) =>
      reject(probeCheckFailed(PROBE, `the client exited (${code}) without a report`)),
    );
  });
  await ended;
  if (report.error !== null) throw probeCheckFailed(PROBE, report.error);
  if (report.finalState !== 'finished') throw probeCheckFailed(PROBE, `session ended ${report.finalState}`);
  const flood = report.result as Partial<FloodResult> | null;
  const produced = flood?.events;
  if (typeof produced !== 'number') throw probeCheckFailed(PROBE, 'the workload reported no event count');
  if (report.events !== produced || report.tasksEnded !== tasks) {
    throw probeCheckFailed(
      PROBE,
      `lost events: produced ${produced}, received ${report.events}; ${report.tasksEnded} of ${tasks} tasks ended`,
    );
  }
  const { firstStartUs, newestEventUs, lastArrivalUs } = report;
  const { first, lastTrace, last } = marks;
  if (
    firstStartUs === null ||
    newestEventUs === null ||
    lastArrivalUs === null ||
    !first ||
    !lastTrace ||
    !last
  ) {
    throw probeCheckFailed(PROBE, 'no task ran');
  }
  const window = (lastArrivalUs - firstStartUs) / 1e6;
  const hostWall = (last.atMs - first.atMs) / 1000;
  const hostCpu = (last.cpuUs - first.cpuUs) / 1e6;
  const perEvent = (seconds: number | null | undefined): number | null =>
    typeof seconds === 'number' ? (seconds * 1e6) / report.events : null;
  emitResult({
    tasks,
    events: report.events,
    eventsByType: report.byType,
    batches: report.batches,
    windowSeconds: window,
    eventsPerSecond: report.eventsInWindow / window,
    // How fast the runtime made them: first task start to the newest event's birth.
    producedPerSecond: report.eventsInWindow / ((newestEventUs - firstStartUs) / 1e6),
    lastBatchLatencyMs: (lastArrivalUs - newestEventUs) / 1000,
    hostCpuSeconds: hostCpu,
    hostCpuPercentOfCore: (hostCpu / hostWall) * 100,
    hostCpuUsPerEvent: perEvent(hostCpu),
    // Where the CPU goes, per event delivered: each stage of the pipeline.
    cpuUsPerEvent: {
      workers: perEvent(flood?.workerCpuSeconds),
      session: perEvent(flood?.sessionCpuSeconds),
      host: perEvent(hostCpu),
      hostDelivery: perEvent((lastTrace.cpuUs - first.cpuUs) / 1e6),
      hostRunEnd: perEvent((last.cpuUs - lastTrace.cpuUs) / 1e6),
      client: perEvent(report.cpuSeconds),
    },
  });
} finally {
  await shell.close();
  await host.dispose();
  await rm(rendererDir, { recursive: true, force: true });
}
