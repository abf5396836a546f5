/** Small building blocks shared by the views. */
import type { ReactNode } from 'react';

/** A titled panel. */
export function Card({
  title,
  extra,
  children,
  className,
  testId,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={className ? `card ${className}` : 'card'} data-testid={testId}>
      {(title || extra) && (
        <div className="card-head">
          {title && <h2 className="card-title">{title}</h2>}
          {extra && <div className="card-extra">{extra}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

/** One row of a key/value list. */
export interface KvRow {
  label: ReactNode;
  value: ReactNode;
  testId?: string;
  /** Shows the value in the monospace face (numbers, ids, lists). */
  mono?: boolean;
  title?: string;
}

/** A key/value list in the style of lscpu. */
export function KeyValues({ rows }: { rows: readonly KvRow[] }) {
  return (
    <dl className="kv">
      {rows.map((row, i) => (
        <div className="kv-row" key={i}>
          <dt>{row.label}</dt>
          <dd className={row.mono ? 'mono' : undefined} data-testid={row.testId} title={row.title}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A centred message for loading and error states, with an optional retry. */
export function Notice({
  kind,
  children,
  onRetry,
}: {
  kind: 'loading' | 'error';
  children: ReactNode;
  onRetry?: () => void;
}) {
  return (
    <div className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {kind === 'loading' && <span className="spinner" aria-hidden="true" />}
      <span>{children}</span>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
