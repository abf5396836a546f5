/** The per-CPU table: CPU → core → socket → NUMA node → caches, and who shares each cache. */
import { useState } from 'react';
import type { CacheSet, PerCpu } from '../../shared/topology';
import { formatBytes, formatCpuList } from '../format/format';

const LEVELS: readonly (keyof CacheSet)[] = ['l1d', 'l1i', 'l2', 'l3'];
const LEVEL_NAMES: Record<keyof CacheSet, string> = { l1d: 'L1d', l1i: 'L1i', l2: 'L2', l3: 'L3' };

/** Per-CPU rows; hovering a cache cell highlights every CPU sharing that cache instance. */
export function CpuTable({ perCpu }: { perCpu: readonly PerCpu[] }) {
  const [sharing, setSharing] = useState<ReadonlySet<number> | null>(null);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="cpu-table">
        <thead>
          <tr>
            <th className="num">CPU</th>
            <th className="num">Core</th>
            <th className="num">Socket</th>
            <th className="num">Node</th>
            <th>Online</th>
            {LEVELS.map((level) => (
              <th key={level}>{LEVEL_NAMES[level]}</th>
            ))}
          </tr>
        </thead>
        <tbody onMouseLeave={() => setSharing(null)}>
          {perCpu.map((cpu) => (
            <tr
              key={cpu.cpu}
              data-testid={`cpu-row-${cpu.cpu}`}
              className={sharing?.has(cpu.cpu) ? 'highlight' : undefined}
            >
              <td className="num mono strong">{cpu.cpu}</td>
              {/* Unknown for an offline CPU: sysfs has no topology for it. */}
              <td className="num mono">{cpu.core ?? '—'}</td>
              <td className="num mono">{cpu.socket ?? '—'}</td>
              <td className="num mono">{cpu.node ?? '—'}</td>
              <td>
                {cpu.online ? <span className="ok-text">yes</span> : <span className="bad-text">no</span>}
              </td>
              {LEVELS.map((level) => {
                const cache = cpu.caches.find((c) => c.level === level);
                if (!cache)
                  return (
                    <td key={level} className="muted">
                      —
                    </td>
                  );
                const others = cache.sharedWith.filter((n) => n !== cpu.cpu);
                return (
                  <td
                    key={level}
                    className="cache-cell"
                    onMouseEnter={() => setSharing(new Set(cache.sharedWith))}
                    data-testid={`cpu-${cpu.cpu}-${level}`}
                  >
                    <span className="mono">{formatBytes(cache.bytes)}</span>{' '}
                    <span className="muted">
                      {others.length === 0 ? 'private' : `shared · ${formatCpuList(cache.sharedWith)}`}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
