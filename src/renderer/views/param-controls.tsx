/**
 * One control per declared parameter, by kind: a number field for `int` and `number`, a
 * checkbox for `bool`, a select for `enum`. Each carries `data-testid="param-<name>"`.
 */
import type { ScenarioParam } from '../../shared/scenarios';
import type { ParamControlsProps } from './param-controls-props';
import { draftOf, hintOf, problemOf, type ParamDraft } from './param-draft';

export type { ParamControlsProps } from './param-controls-props';

/** The form of parameter controls (nothing when there are no parameters). */
export function ParamControls({ params, draft, onChange, onSubmit, disabled }: ParamControlsProps) {
  if (params.length === 0) return null;
  return (
    <form
      className="params"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {params.map((p) => (
        <ParamControl key={p.name} param={p} draft={draft} onChange={onChange} disabled={disabled} />
      ))}
      <button type="submit" hidden />
    </form>
  );
}

function ParamControl({
  param: p,
  draft,
  onChange,
  disabled,
}: {
  param: ScenarioParam;
  draft: ParamDraft;
  onChange: (name: string, value: string | boolean) => void;
  disabled: boolean;
}) {
  const shown = draftOf(p, draft);
  const problem = problemOf(p, draft);
  const hint = problem ?? hintOf(p);
  const common = {
    'data-testid': `param-${p.name}`,
    disabled,
    title: p.help,
    'aria-invalid': problem !== null,
  };
  let control;
  if (p.kind === 'bool') {
    control = (
      <input
        {...common}
        type="checkbox"
        checked={shown === true}
        onChange={(e) => onChange(p.name, e.target.checked)}
        style={{ justifySelf: 'end', gridRow: 'span 2', width: 18, height: 18, accentColor: 'var(--accent)' }}
      />
    );
  } else if (p.kind === 'enum') {
    control = (
      <select
        {...common}
        className={problem ? 'input invalid' : 'input'}
        value={String(shown)}
        onChange={(e) => onChange(p.name, e.target.value)}
      >
        {p.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        className={problem ? 'input mono invalid' : 'input mono'}
        type="number"
        inputMode={p.kind === 'int' ? 'numeric' : 'decimal'}
        min={p.min}
        max={p.max}
        step={p.kind === 'int' ? 1 : 'any'}
        value={String(shown)}
        onChange={(e) => onChange(p.name, e.target.value)}
      />
    );
  }
  return (
    <label className="param" data-kind={p.kind}>
      <span className="param-label">{p.label}</span>
      {control}
      <span className={problem ? 'param-hint bad-text' : 'param-hint muted'}>{hint}</span>
    </label>
  );
}
