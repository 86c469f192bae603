import type { Case } from './case';
import { type FormData, textOf } from './fields';
import type { StepKey } from './stateIds';

/**
 * The data an earlier step stored, by its key. The one place that reads `Case.steps` as form data:
 * every value in it passed the schema of the action that stored it (see `applyAction`).
 */
export const stepData = (c: Pick<Case, 'steps'>, key: StepKey): FormData | undefined => c.steps[key] as FormData | undefined;

/** A text, date or single choice a step stored, or `undefined`. */
export const stepText = (c: Pick<Case, 'steps'>, key: StepKey, field: string): string | undefined => textOf(stepData(c, key), field);
