/**
 * Queue and pipe traffic: per queue, puts and gets and a chart of its depth over the run
 * (downsampled as it arrives, see depth-series.ts; a band from the lowest to the highest depth
 * in each bucket, and a step line of the last); per pipe, messages each way.
 *
 * Test ids: `queue-traffic`, `channel-row` (`data-name`, `data-kind`), `queue-chart` (`data-name`,
 * `data-points`).
 */
import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from 'recharts';
import type { ChannelRecord } from '../state/activity-types';
import { depthPoints, type DepthPoint } from '../state/depth-series';
import { sortedChannels } from '../timeline/activity-details';
import { colorSlot } from '../timeline/task-details';
import { useThrottled } from './use-throttled';

const tick = { fill: 'var(--text-muted)', fontSize: 10.5, fontFamily: 'var(--font-mono)' };

/** Props of {@link QueueTraffic}. */
export interface QueueTrafficProps {
  channels: ReadonlyMap<string, ChannelRecord>;
  /** The session's time zero (µs): chart times count from here. */
  originUs: number;
}

/** The traffic table with one depth chart per queue. */
export function QueueTraffic({ channels, originUs }: QueueTrafficProps) {
  // Redraw charts a few times a second at most: they read the same to a person.
  const shown = useThrottled(channels, 200);
  const rows = useMemo(() => sortedChannels(shown), [shown]);
  if (rows.length === 0) return <p className="muted activity-none">No queues or pipes in this run.</p>;
  return (
    <div className="queue-traffic" data-testid="queue-traffic">
      {rows.map((c) => (
        <ChannelRow key={c.objectId} channel={c} originUs={originUs} />
      ))}
    </div>
  );
}

/** One queue or pipe; re-renders only when its record changed (records are replaced, never mutated). */
const ChannelRow = memo(function ChannelRow({
  channel: c,
  originUs,
}: {
  channel: ChannelRecord;
  originUs: number;
}) {
  const points = useMemo(() => depthPoints(c.series, originUs), [c.series, originUs]);
  const failed = c.failedIns + c.failedOuts;
  return (
    <div className="channel-row" data-testid="channel-row" data-name={c.name} data-kind={c.kind}>
      <div className="channel-head">
        <span
          className="swatch activity-swatch"
          style={{ background: `var(--series-${colorSlot(`queue:${c.name}`)})` }}
        />
        <strong>{c.name}</strong> <span className="muted mono">{c.kind}</span>
      </div>
      <div className="channel-counts mono">
        {c.kind === 'pipe' ? (
          <>
            <span title="messages sent">{c.ins} sent</span>
            <span title="messages received">{c.outs} received</span>
          </>
        ) : (
          <>
            <span title="items put">{c.ins} put</span>
            <span title="items taken">{c.outs} got</span>
            <span title="items in the queue after the newest operation">depth {c.depth}</span>
            <span title="highest depth seen">max {c.maxDepth}</span>
          </>
        )}
        {failed > 0 && (
          <span
            className="bad-text"
            title="operations that gave up (timeout, full, empty, closed, peer gone)"
          >
            {failed} gave up
          </span>
        )}
      </div>
      {c.kind !== 'pipe' && <DepthChart name={c.name} points={points} />}
    </div>
  );
});

/** Labels for a time axis in seconds, with the unit that suits the span. */
function secondsFormatter(points: readonly DepthPoint[]): (s: number) => string {
  const span = points.length < 2 ? 0 : points[points.length - 1]!.t - points[0]!.t;
  if (span < 0.002) return (s) => `${Math.round(s * 1e6)} µs`;
  if (span < 2) return (s) => `${+(s * 1000).toFixed(1)} ms`;
  return (s) => `${+s.toFixed(2)} s`;
}

const DepthChart = memo(function DepthChart({ name, points }: { name: string; points: DepthPoint[] }) {
  const color = `var(--series-${colorSlot(`queue:${name}`)})`;
  const format = secondsFormatter(points);
  return (
    <div className="chart queue-chart" data-testid="queue-chart" data-name={name} data-points={points.length}>
      <ComposedChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={points}
        margin={{ top: 6, right: 10, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          tick={tick}
          tickLine={false}
          axisLine={{ stroke: 'var(--border)' }}
          height={20}
          tickFormatter={format}
          minTickGap={24}
        />
        <YAxis
          type="number"
          domain={[0, (max: number) => Math.max(1, max)]}
          allowDecimals={false}
          tick={tick}
          tickLine={false}
          axisLine={false}
          width={30}
        />
        <Area
          type="stepAfter"
          dataKey="band"
          stroke="none"
          fill={color}
          fillOpacity={0.25}
          isAnimationActive={false}
          dot={false}
          activeDot={false}
        />
        <Line
          type="stepAfter"
          dataKey="last"
          stroke={color}
          strokeWidth={1.5}
          isAnimationActive={false}
          dot={false}
          activeDot={false}
        />
      </ComposedChart>
    </div>
  );
});
