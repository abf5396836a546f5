/** System: the CPU topology as lscpu shows it, the cpu_count family, flags, per-CPU table. */
import { useMemo, useState } from 'react';
import type { Topology } from '../../shared/topology';
import { useHostCall } from '../app/use-host-call';
import { formatCacheSummary, formatCpuList } from '../format/format';
import { Card, KeyValues, Notice, type KvRow } from './common';
import { CpuTable } from './cpu-table';

/** The System view. */
export function SystemView() {
  const { state, retry } = useHostCall('topology:get');
  if (state.status === 'loading') return <Notice kind="loading">Reading the CPU topology…</Notice>;
  if (state.status === 'error') {
    return (
      <Notice kind="error" onRetry={retry}>
        Could not read the topology: {state.error.message}
      </Notice>
    );
  }
  return <TopologyPanels topology={state.value} />;
}

function TopologyPanels({ topology: t }: { topology: Topology }) {
  const processor: KvRow[] = [
    { label: 'Architecture', value: t.architecture, testId: 'architecture', mono: true },
    { label: 'Vendor ID', value: t.vendor, testId: 'vendor' },
    { label: 'Model name', value: t.modelName, testId: 'model-name' },
    { label: 'CPU(s)', value: t.cpus, testId: 'cpu-count', mono: true },
    { label: 'On-line CPU(s) list', value: t.onlineCpus, testId: 'online-cpus', mono: true },
    { label: 'Socket(s)', value: t.sockets, testId: 'sockets', mono: true },
    { label: 'Core(s) per socket', value: t.coresPerSocket, testId: 'cores-per-socket', mono: true },
    { label: 'Thread(s) per core', value: t.threadsPerCore, testId: 'threads-per-core', mono: true },
    { label: 'Hypervisor vendor', value: t.virtualization.hypervisorVendor ?? 'none', testId: 'hypervisor' },
    { label: 'Virtualization type', value: t.virtualization.type ?? '—', testId: 'virtualization-type' },
  ];
  const memory: KvRow[] = [
    { label: 'L1d', value: formatCacheSummary(t.caches.l1d), testId: 'cache-l1d', mono: true },
    { label: 'L1i', value: formatCacheSummary(t.caches.l1i), testId: 'cache-l1i', mono: true },
    { label: 'L2', value: formatCacheSummary(t.caches.l2), testId: 'cache-l2', mono: true },
    { label: 'L3', value: formatCacheSummary(t.caches.l3), testId: 'cache-l3', mono: true },
    { label: 'NUMA node(s)', value: t.numaNodes.length, testId: 'numa-nodes', mono: true },
    ...t.numaNodes.map((node) => ({
      label: `NUMA node${node.id} CPU(s)`,
      value: formatCpuList(node.cpus),
      testId: `numa-node-${node.id}`,
      mono: true,
    })),
  ];
  const runtime: KvRow[] = [
    { label: 'OS', value: t.versions.os, testId: 'version-os' },
    { label: 'Kernel', value: t.versions.kernel, testId: 'version-kernel', mono: true },
    { label: 'Node', value: t.versions.node, testId: 'version-node', mono: true },
    { label: 'Electron', value: t.versions.electron ?? '—', testId: 'version-electron', mono: true },
    { label: 'Chromium', value: t.versions.chromium ?? '—', testId: 'version-chromium', mono: true },
  ];
  const counts: KvRow[] = [
    {
      label: <code>os.cpu_count()</code>,
      value: t.counts.logical,
      testId: 'count-logical',
      mono: true,
      title: 'logical CPUs',
    },
    {
      label: <code>psutil.cpu_count(logical=False)</code>,
      value: t.counts.physical,
      testId: 'count-physical',
      mono: true,
      title: 'physical cores',
    },
    {
      label: <code>len(os.sched_getaffinity(0))</code>,
      value: t.counts.usable,
      testId: 'count-usable',
      mono: true,
      title: 'CPUs this process may run on',
    },
  ];
  return (
    <div className="system">
      <div className="grid-3">
        <Card title="Processor" extra={<span className="chip subtle">from {t.source}</span>}>
          <KeyValues rows={processor} />
        </Card>
        <Card title="Caches & NUMA">
          <KeyValues rows={memory} />
        </Card>
        <div className="stack">
          <Card title="Runtime">
            <KeyValues rows={runtime} />
          </Card>
          <Card title="CPU counts">
            <KeyValues rows={counts} />
          </Card>
        </div>
      </div>
      <Flags flags={t.flags} />
      <Card
        title="Per-CPU topology"
        extra={<span className="muted">hover a cache to see who shares it</span>}
      >
        <CpuTable perCpu={t.perCpu} />
      </Card>
    </div>
  );
}

function Flags({ flags }: { flags: readonly string[] }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? flags.filter((f) => f.toLowerCase().includes(needle)) : flags;
  }, [flags, filter]);
  return (
    <Card
      title="Flags"
      extra={
        <>
          <span className="muted" data-testid="flag-count" data-count={shown.length}>
            <span className="mono">
              {shown.length === flags.length ? flags.length : `${shown.length} of ${flags.length}`}
            </span>{' '}
            flags
          </span>
          <input
            className="input search"
            type="search"
            placeholder="Filter flags (e.g. avx)"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label="Filter CPU flags"
            data-testid="flag-filter"
          />
        </>
      }
    >
      <div className="flags mono" data-testid="flags">
        {shown.length === 0 ? (
          <span className="muted">{flags.length === 0 ? 'No flags reported.' : 'No flag matches.'}</span>
        ) : (
          shown.map((flag) => (
            <span key={flag} className="flag">
              {flag}
            </span>
          ))
        )}
      </div>
    </Card>
  );
}
