/**
 * The processes of a run (name, pid, backend, state, exit code) and what they printed, each
 * process in its own colour in both lists.
 *
 * Test ids: `process-list`, `process-row` (`data-name`, `data-state`), `output-log`,
 * `output-line` (`data-stream`).
 */
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { ActivityState, ActorRecord, OutputLine } from '../state/activity-types';
import type { AppendLog } from '../state/append-log';
import {
  actorColorSlots,
  actorLabel,
  backendOf,
  listedProcesses,
  processState,
} from '../timeline/activity-details';

/** Lines the log puts in the page (the state keeps more; the rest are counted). */
const SHOWN_LINES = 500;

/** The process table. */
export const ProcessList = memo(function ProcessList({
  actors,
  live,
}: {
  actors: ActivityState['actors'];
  live: boolean;
}) {
  const rows = useMemo(() => listedProcesses(actors), [actors]);
  const colors = useMemo(() => actorColorSlots(actors), [actors]);
  if (rows.length === 0) return <p className="muted activity-none">No processes started in this run.</p>;
  return (
    <table className="table activity-table" data-testid="process-list">
      <thead>
        <tr>
          <th>process</th>
          <th>pid</th>
          <th>backend</th>
          <th>state</th>
          <th className="num">exit code</th>
          <th>target</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => {
          const { name, detail } = actorLabel(a);
          const state = processState(a, live);
          return (
            <tr key={a.key} data-testid="process-row" data-name={name} data-state={state}>
              <td>
                <span
                  className="swatch activity-swatch"
                  style={{ background: `var(--series-${colors.get(a.key) ?? 0})` }}
                />
                {name}
              </td>
              <td className="mono">{detail.replace(/^pid /, '')}</td>
              <td>{backendOf(a)}</td>
              <td className={state === 'failed' || state === 'killed' ? 'bad-text' : undefined}>{state}</td>
              <td className="num mono">{a.exitCode ?? '—'}</td>
              <td className="mono muted target">{a.target ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});

/** The output lines, newest at the bottom; stays scrolled to the bottom while it is there. */
export const OutputLog = memo(function OutputLog({
  output,
  actors,
}: {
  output: AppendLog<OutputLine>;
  actors: ActivityState['actors'];
}) {
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const lines = useMemo(() => output.slice(Math.max(0, output.length - SHOWN_LINES)), [output]);
  const colors = useMemo(() => actorColorSlots(actors), [actors]);
  const firstIndex = output.total - lines.length;
  useLayoutEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  if (output.total === 0) return <p className="muted activity-none">No output yet.</p>;
  const hidden = output.total - lines.length;
  return (
    <div
      className="output-log mono"
      data-testid="output-log"
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
      }}
    >
      {hidden > 0 && <div className="muted output-note">{hidden} earlier lines not shown</div>}
      {lines.map((l, i) => (
        <OutputRow key={firstIndex + i} line={l} actor={actors.get(l.actor)} slot={colors.get(l.actor)} />
      ))}
    </div>
  );
});

function OutputRow({
  line,
  actor,
  slot,
}: {
  line: OutputLine;
  actor: ActorRecord | undefined;
  slot: number | undefined;
}) {
  const name = actor ? actorLabel(actor).name : line.actor;
  const color = slot === undefined ? 'var(--text-muted)' : `var(--series-${slot})`;
  return (
    <div
      className={line.stream === 'stderr' ? 'output-line stderr' : 'output-line'}
      data-testid="output-line"
      data-stream={line.stream}
    >
      <span className="output-who" style={{ color }}>
        {name}
      </span>
      <span className="output-text">{line.line}</span>
    </div>
  );
}
