// The controls as markup (server-rendered: there is no DOM here); behaviour is in param-draft.test.ts
// and the end-to-end specs.
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ParamControlsProps } from '../../../src/renderer/views/param-controls-props';
import type { ScenarioParam } from '../../../src/shared/scenarios';

// Loaded by a computed path: the Node type-check project has no JSX, so it must not resolve the .tsx.
const componentPath = '../../../src/renderer/views/param-controls.tsx';
const { ParamControls } = (await import(/* @vite-ignore */ componentPath)) as {
  ParamControls: FunctionComponent<ParamControlsProps>;
};

const PARAMS: ScenarioParam[] = [
  { kind: 'int', name: 'workers', label: 'Workers', default: 2, min: 1, max: 64 },
  { kind: 'number', name: 'unit', label: 'Time unit', default: 10, min: 0.1, max: 1000, unit: 'ms' },
  { kind: 'bool', name: 'lock', label: 'Use the lock', default: true, help: 'Guards the counter.' },
  { kind: 'enum', name: 'mode', label: 'Mode', options: ['apply', 'applyAsync'], default: 'applyAsync' },
];

function render(draft: Record<string, string | boolean> = {}, disabled = false): string {
  return renderToStaticMarkup(
    createElement(ParamControls, { params: PARAMS, draft, onChange: () => {}, onSubmit: () => {}, disabled }),
  );
}

/** The element with `data-testid="param-<name>"`, as markup. */
function control(html: string, name: string): string {
  const match = new RegExp(`<(input|select)[^>]*data-testid="param-${name}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no control param-${name} in ${html}`);
  return match[0];
}

describe('ParamControls', () => {
  it('renders one control per parameter by kind, each with its test id', () => {
    const html = render();
    expect(control(html, 'workers')).toMatch(/^<input/);
    expect(control(html, 'workers')).toContain('type="number"');
    expect(control(html, 'workers')).toContain('step="1"');
    expect(control(html, 'unit')).toContain('step="any"');
    expect(control(html, 'lock')).toContain('type="checkbox"');
    expect(control(html, 'mode')).toMatch(/^<select/);
  });

  it('shows defaults: the number, the tick and the chosen option', () => {
    const html = render();
    expect(control(html, 'workers')).toContain('value="2"');
    expect(control(html, 'lock')).toContain('checked=""');
    expect(html).toContain(
      '<option value="apply">apply</option><option value="applyAsync" selected="">applyAsync</option>',
    );
    expect(html).toContain('0.1–1000 ms');
    expect(control(html, 'lock')).toContain('title="Guards the counter."');
  });

  it('marks a bad value and says why, and disables every control while a run is on', () => {
    const html = render({ workers: '0', lock: false });
    expect(control(html, 'workers')).toContain('aria-invalid="true"');
    expect(html).toContain('param-hint bad-text">1–64<');
    expect(control(html, 'lock')).not.toContain('checked');
    const disabled = render({}, true);
    for (const name of ['workers', 'unit', 'lock', 'mode'])
      expect(control(disabled, name)).toContain('disabled=""');
  });

  it('renders nothing for a scenario without parameters', () => {
    expect(
      renderToStaticMarkup(
        createElement(ParamControls, {
          params: [],
          draft: {},
          onChange: () => {},
          onSubmit: () => {},
          disabled: false,
        }),
      ),
    ).toBe('');
  });
});
