import type { FieldDescriptor } from '../domain';

/** One input as the `form` template binds it (every key present: no leftover bindings). */
export interface FieldView {
  readonly kind: FieldDescriptor['kind'];
  readonly id: string;
  readonly label: string;
  readonly required: boolean;
  readonly requiredMessage: string;
  readonly maxLength: number;
  readonly placeholder: string;
  readonly value: string;
  readonly options: readonly { readonly label: string; readonly value: string }[];
  readonly hasHelp: boolean;
  readonly help: string;
  readonly hasError: boolean;
  readonly error: string;
}

/** What a user entered and what was wrong with it, for one action's form. */
export interface FormState {
  readonly verb: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly fieldErrors: Readonly<Record<string, string>>;
}

/** Input ids are `<verb>.<field>` so several forms can share one card; the bot strips the prefix. */
export const inputId = (verb: string, field: string): string => `${verb}.${field}`;

/** Picks one action's inputs out of a card submission (keys `<verb>.<field>`). */
export const inputsFor = (verb: string, data: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const prefix = `${verb}.`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
};

/** Neutralises template syntax in user-entered text so it is shown, never evaluated. */
export const inert = (value: string): string => value.replace(/\$\{/g, '$\u200b{');

const asText = (v: unknown): string => {
  if (typeof v === 'string') return inert(v.slice(0, 2000));
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v))
    return v
      .filter((x): x is string => typeof x === 'string')
      .map(inert)
      .join(',');
  return '';
};

/** Binds a domain field to the template; values and errors come from `form` when it is this verb's. */
export const fieldView = (verb: string, f: FieldDescriptor, form: FormState | null): FieldView => {
  const mine = form?.verb === verb ? form : null;
  const error = mine?.fieldErrors[f.name] ?? '';
  const entered = mine?.values[f.name];
  return {
    kind: f.kind,
    id: inputId(verb, f.name),
    // Teams marks required inputs itself (isRequired): no asterisk of our own.
    label: f.label,
    required: f.required && f.kind !== 'toggle',
    requiredMessage: `Vul "${f.label}" in.`,
    maxLength: f.maxLength ?? 0,
    placeholder: f.placeholder ?? '',
    value: asText(entered ?? (f.kind === 'toggle' ? 'false' : '')),
    options: (f.options ?? []).map((o) => ({ label: o.label, value: o.value })),
    // Free-text fields carry the privacy hint as placeholder already: don't repeat it below.
    hasHelp: Boolean(f.help) && f.help !== f.placeholder,
    help: f.help ?? '',
    hasError: Boolean(error),
    error,
  };
};
