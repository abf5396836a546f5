/**
 * The runtime's activity in a run, under the task lanes: a "Processes & threads" card (the
 * actor timeline: lock waits and holds, queue and pipe operations per process or thread) and a
 * "Locks & queues" card (lock contention, queue traffic with depth charts, shared values, the
 * process list and their output). Shown only when the run used locks, queues, pipes, values or
 * processes, so a plain pool run looks as it always did.
 *
 * Mount once in the Timeline view: `<ActivityPanels theme={theme} />` (it reads the session
 * and the clock from the store).
 *
 * Test ids: `activity-timeline-card`, `locks-queues-panel`, `lock-table`, `lock-row`
 * (`data-name`, `data-kind`, `data-acquisitions`), `value-table`, `value-row` (`data-name`),
 * `activity-fit`; and those of actor-timeline.tsx, queue-traffic.tsx and process-output.tsx.
 */
import { memo, useMemo, useState } from 'react';
import type { Theme } from '../app/theme';
import { useAppState } from '../app/context';
import type { ActivityState, LockRecord, ValueRecord } from '../state/activity-types';
import { lockRows } from '../timeline/activity-details';
import { ActorTimeline } from './actor-timeline';
import { Card } from './common';
import { OutputLog, ProcessList } from './process-output';
import { QueueTraffic } from './queue-traffic';
import { useThrottled } from './use-throttled';
import '../styles/activity.css';

/** True when a run did anything these panels show (beyond pool workers running tasks). */
export function hasActivity(activity: ActivityState): boolean {
  if (activity.locks.size + activity.channels.size + activity.values.size > 0) return true;
  if (activity.output.total > 0 || activity.marks.total > 0) return true;
  for (const actor of activity.actors.values())
    if (actor.startTs !== null && actor.workerId === null) return true;
  return false;
}

/** Both activity cards for the current session, or nothing when it has no activity. */
export function ActivityPanels({ theme }: { theme: Theme }) {
  const session = useAppState((s) => s.session);
  const clock = useAppState((s) => s.clock);
  const [fitSignal, setFitSignal] = useState(0);
  if (!session || !hasActivity(session.trace.activity)) return null;
  const { activity } = session.trace;
  const live = session.phase === 'running' || session.phase === 'starting';
  const originUs = session.startedUs ?? activity.minTs ?? 0;
  return (
    <>
      <Card
        title="Processes & threads"
        className="timeline-card"
        testId="activity-timeline-card"
        extra={
          <>
            <Legend />
            <button
              type="button"
              className="button small"
              onClick={() => setFitSignal((n) => n + 1)}
              data-testid="activity-fit"
            >
              Fit
            </button>
          </>
        }
      >
        <ActorTimeline session={session} clock={clock} theme={theme} fitSignal={fitSignal} />
      </Card>
      <Card title="Locks & queues" testId="locks-queues-panel">
        <section className="activity-section">
          <h3 className="activity-heading">Lock contention</h3>
          <LockTable locks={activity.locks} />
        </section>
        <section className="activity-section">
          <h3 className="activity-heading">Queue and pipe traffic</h3>
          <QueueTraffic channels={activity.channels} originUs={originUs} />
        </section>
        {activity.values.size > 0 && (
          <section className="activity-section">
            <h3 className="activity-heading">Shared values</h3>
            <ValueTable values={activity.values} />
          </section>
        )}
        <div className="activity-columns">
          <section className="activity-section">
            <h3 className="activity-heading">Processes</h3>
            <ProcessList actors={activity.actors} live={live} />
          </section>
          <section className="activity-section">
            <h3 className="activity-heading">Output</h3>
            <OutputLog output={activity.output} actors={activity.actors} />
          </section>
        </div>
      </Card>
    </>
  );
}

function Legend() {
  return (
    <span className="activity-legend muted">
      <span className="legend-wait" /> waiting <span className="legend-hold" /> holding{' '}
      <span className="legend-tick" /> queue / pipe / value op
    </span>
  );
}

/** Per lock: acquisitions, how many had to wait, total and longest waits and holds, what went wrong. */
const LockTable = memo(function LockTable({ locks }: { locks: ReadonlyMap<string, LockRecord> }) {
  const shown = useThrottled(locks, 200);
  const rows = useMemo(() => lockRows(shown), [shown]);
  if (rows.length === 0) return <p className="muted activity-none">No locks in this run.</p>;
  return (
    <div className="table-wrap">
      <table className="table activity-table" data-testid="lock-table">
        <thead>
          <tr>
            <th>lock</th>
            <th className="num">acquired</th>
            <th className="num" title="acquisitions that had to wait for another holder">
              contended
            </th>
            <th className="num">total wait</th>
            <th className="num">max wait</th>
            <th className="num">total hold</th>
            <th className="num">max hold</th>
            <th>problems</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.objectId}
              data-testid="lock-row"
              data-name={r.name}
              data-kind={r.kind}
              data-acquisitions={r.acquisitions}
            >
              <td>
                <span
                  className="swatch activity-swatch"
                  style={{ background: `var(--series-${r.colorSlot})` }}
                />
                {r.name} <span className="muted mono">{r.kind}</span>
              </td>
              <td className="num mono">{r.acquisitions}</td>
              <td className="num mono">{r.contendedPct === null ? '—' : `${r.contendedPct.toFixed(0)} %`}</td>
              <td className="num mono">{r.totalWait}</td>
              <td className="num mono">{r.maxWait}</td>
              <td className="num mono">{r.totalHold}</td>
              <td className="num mono">{r.maxHold}</td>
              <td className={r.trouble ? 'bad-text' : 'muted'}>{r.trouble || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

/** Per shared Value or Array: reads, writes, the newest value, and how many contexts wrote it. */
const ValueTable = memo(function ValueTable({ values }: { values: ReadonlyMap<string, ValueRecord> }) {
  const shown = useThrottled(values, 200);
  const rows = useMemo(() => [...shown.values()].sort((a, b) => a.name.localeCompare(b.name)), [shown]);
  return (
    <div className="table-wrap">
      <table className="table activity-table" data-testid="value-table">
        <thead>
          <tr>
            <th>value</th>
            <th className="num">reads</th>
            <th className="num">writes</th>
            <th className="num">writers</th>
            <th className="num">last</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.objectId} data-testid="value-row" data-name={v.name}>
              <td>
                {v.name} <span className="muted mono">{v.kind}</span>
              </td>
              <td className="num mono">{v.reads}</td>
              <td className="num mono">{v.writes}</td>
              <td className="num mono">{v.writers.size}</td>
              <td className="num mono">{v.last ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
