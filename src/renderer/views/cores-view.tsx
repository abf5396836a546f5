/** Cores: live per-CPU utilisation charts, a total chart, and the sampling-rate control. */
import { useMemo } from 'react';
import { useAppState } from '../app/context';
import { useHostCall } from '../app/use-host-call';
import { downsampleColumn, MAX_CHART_POINTS, type LoadPoint } from '../state/downsample';
import { SAMPLE_WINDOW_MS } from '../state/sample-ring';
import { formatPercent } from '../format/format';
import { Card, Notice } from './common';
import { LoadChart } from './load-chart';
import { RateControl } from './rate-control';

/** Bucket width of the charts; they only need new data when a bucket closes. */
const BUCKET_MS = SAMPLE_WINDOW_MS / MAX_CHART_POINTS;

/** The Cores view. */
export function CoresView() {
  const { state: info } = useHostCall('host:info');
  const samples = useAppState((s) => s.samples);
  const { ring, received } = samples;
  const latest = ring.latestTime();
  const cpus = ring.size > 0 ? ring.cpus : info.status === 'ready' ? info.value.cpus : 0;
  // Chart data changes once per bucket (≤ 5 Hz), not once per sample: recharts is costly.
  const bucketKey = latest === null ? -1 : Math.floor(latest / BUCKET_MS);
  const series = useMemo(() => {
    const out: LoadPoint[][] = [];
    if (latest === null) return out;
    for (let col = 0; col <= ring.cpus; col++)
      out.push(downsampleColumn(ring, col, latest, SAMPLE_WINDOW_MS));
    return out;
    // `ring` is mutable: bucketKey and the CPU count are what say its contents moved on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bucketKey, ring, ring.cpus]);

  const now = (col: number): { user: number; system: number } | null =>
    ring.size === 0
      ? null
      : { user: ring.userAt(ring.size - 1, col), system: ring.systemAt(ring.size - 1, col) };

  const total = now(ring.cpus);
  return (
    <div className="cores">
      <div className="toolbar">
        <RateControl initialHz={info.status === 'ready' ? info.value.samplerHz : null} />
        <div className="legend">
          <span className="swatch user" /> user
          <span className="swatch system" /> system
        </div>
        <div
          className="sample-meta muted"
          data-testid="sample-count"
          data-count={received}
          data-last={latest ?? ''}
        >
          <span className="mono">{received.toLocaleString('en-US')}</span> samples
          {latest !== null && (
            <>
              {' · last '}
              <span className="mono">{new Date(latest).toLocaleTimeString('en-GB', { hour12: false })}</span>
            </>
          )}
        </div>
      </div>
      {info.status === 'error' && (
        <Notice kind="error">Could not reach the host: {info.error.message}</Notice>
      )}
      <Card
        title="All CPUs"
        className="total-card"
        extra={<LoadNumbers load={total} testId="core-value-total" big />}
        testId="core-chart-total"
      >
        <LoadChart data={series[cpus] ?? []} height={170} showTime />
      </Card>
      {cpus === 0 && latest === null && <Notice kind="loading">Waiting for the first sample…</Notice>}
      <div className="core-grid">
        {Array.from({ length: cpus }, (_, cpu) => (
          <Card
            key={cpu}
            className="core-card"
            title={<span>CPU {cpu}</span>}
            extra={<LoadNumbers load={now(cpu)} testId={`core-value-${cpu}`} />}
            testId={`core-chart-${cpu}`}
          >
            <LoadChart data={series[cpu] ?? []} height={112} />
          </Card>
        ))}
      </div>
    </div>
  );
}

function LoadNumbers({
  load,
  testId,
  big,
}: {
  load: { user: number; system: number } | null;
  testId: string;
  big?: boolean;
}) {
  if (!load) return <span className="muted mono">—</span>;
  return (
    <span
      className={big ? 'load big' : 'load'}
      data-testid={testId}
      data-value={(load.user + load.system).toFixed(1)}
    >
      <span className="mono load-total">{formatPercent(load.user + load.system)}</span>
      <span className="mono load-split">
        <span className="user-text">{load.user.toFixed(0)}</span>
        {' / '}
        <span className="system-text">{load.system.toFixed(0)}</span>
      </span>
    </span>
  );
}
