/** One utilisation chart: user and system stacked, 0–100 %, the last 60 s. */
import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { LoadPoint } from '../state/downsample';

const X_TICKS = [-60, -45, -30, -15, 0];
const Y_TICKS = [0, 50, 100];
const tick = { fill: 'var(--text-muted)', fontSize: 11, fontFamily: 'var(--font-mono)' };

/** Props of {@link LoadChart}. */
export interface LoadChartProps {
  data: readonly LoadPoint[];
  height: number;
  /** Label the time axis (the big chart); small charts leave it out to save room. */
  showTime?: boolean;
}

/** Stacked user/system area chart, not animated (data arrives several times a second). */
export const LoadChart = memo(function LoadChart({ data, height, showTime }: LoadChartProps) {
  return (
    <div className="chart" style={{ height }}>
      <AreaChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={data as LoadPoint[]}
        margin={{ top: 6, right: 8, bottom: showTime ? 0 : 6, left: 0 }}
      >
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="x"
          type="number"
          domain={[-60, 0]}
          ticks={X_TICKS}
          allowDataOverflow
          tick={showTime ? tick : false}
          tickLine={false}
          axisLine={{ stroke: 'var(--border)' }}
          height={showTime ? 22 : 1}
          tickFormatter={(s: number) => (s === 0 ? 'now' : `${s}s`)}
        />
        <YAxis
          type="number"
          domain={[0, 100]}
          ticks={Y_TICKS}
          allowDataOverflow
          tick={tick}
          tickLine={false}
          axisLine={false}
          width={34}
        />
        <Area
          type="linear"
          dataKey="user"
          stackId="load"
          stroke="var(--user)"
          fill="var(--user)"
          fillOpacity={0.35}
          strokeWidth={1.5}
          isAnimationActive={false}
          dot={false}
          activeDot={false}
        />
        <Area
          type="linear"
          dataKey="system"
          stackId="load"
          stroke="var(--system)"
          fill="var(--system)"
          fillOpacity={0.45}
          strokeWidth={1.5}
          isAnimationActive={false}
          dot={false}
          activeDot={false}
        />
      </AreaChart>
    </div>
  );
});
