/** Props of the parameter controls, apart from the component so non-JSX code (tests) can name them. */
import type { ScenarioParam } from '../../shared/scenarios';
import type { ParamDraft } from './param-draft';

/** Props of `ParamControls`. */
export interface ParamControlsProps {
  params: readonly ScenarioParam[];
  draft: ParamDraft;
  /** A control changed: its new text, choice or tick. */
  onChange: (name: string, value: string | boolean) => void;
  /** Enter in a field (runs, where the panel allows). */
  onSubmit: () => void;
  disabled: boolean;
}
