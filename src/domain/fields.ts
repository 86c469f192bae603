import { z } from 'zod';
import { isCivilDate } from './amsterdamTime';
import { FREE_TEXT_LIMITS, PRIVACY_HINT } from './privacy';

export type FieldKind = 'text' | 'textarea' | 'date' | 'choice' | 'multichoice' | 'toggle';

export interface FieldOption {
  readonly value: string;
  readonly label: string;
}

/**
 * One input of an action's form, rendered generically by the cards layer.
 * - `private` is true exactly for free text (`text`, `textarea`): such values never appear on
 *   channel-visible cards, only on user-specific cards or in the tab.
 * - `required` on a `toggle` means it must be switched on (a confirmation).
 * - `date` values are Europe/Amsterdam calendar dates `YYYY-MM-DD`.
 * - `multichoice` values are submitted as a comma-separated string (Adaptive Cards) or an array.
 * - `optionsFrom` marks options that depend on data (the regional calendar); `availableActions`
 *   fills `options` for them.
 */
export interface FieldDescriptor {
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly options?: readonly FieldOption[];
  readonly optionsFrom?: 'tables' | 'regions' | 'gebiedsteams';
  readonly required: boolean;
  readonly maxLength?: number;
  readonly placeholder?: string;
  readonly help?: string;
  readonly private: boolean;
}

/** A parsed field value: free text and choices are strings, multichoice is a string array, toggles are booleans. */
export type FieldValue = string | boolean | readonly string[];

/** Parsed form data; optional fields left empty are absent. */
export type FormData = Readonly<Record<string, FieldValue>>;

interface FieldOpts {
  readonly required?: boolean;
  readonly help?: string;
  readonly placeholder?: string;
}

const freeText =
  (kind: 'text' | 'textarea') =>
  (name: string, label: string, opts: FieldOpts & { maxLength?: number } = {}): FieldDescriptor => ({
    name,
    label,
    kind,
    required: opts.required ?? true,
    maxLength: opts.maxLength ?? FREE_TEXT_LIMITS[kind],
    placeholder: opts.placeholder ?? PRIVACY_HINT,
    help: opts.help ? `${opts.help} ${PRIVACY_HINT}` : PRIVACY_HINT,
    private: true,
  });

/** Short free text (max 200 characters unless told). */
export const textField = freeText('text');
/** Long free text (max 1000 characters unless told). */
export const textareaField = freeText('textarea');

const publicField = (
  kind: FieldKind,
  name: string,
  label: string,
  opts: FieldOpts,
  extra: Partial<FieldDescriptor> = {},
): FieldDescriptor => ({
  name,
  label,
  kind,
  required: opts.required ?? true,
  ...(opts.help ? { help: opts.help } : {}),
  ...(opts.placeholder ? { placeholder: opts.placeholder } : {}),
  ...extra,
  private: false,
});

export const dateField = (name: string, label: string, opts: FieldOpts = {}): FieldDescriptor => publicField('date', name, label, opts);

export const choiceField = (name: string, label: string, options: readonly FieldOption[], opts: FieldOpts = {}): FieldDescriptor =>
  publicField('choice', name, label, opts, { options });

export const multichoiceField = (name: string, label: string, options: readonly FieldOption[], opts: FieldOpts = {}): FieldDescriptor =>
  publicField('multichoice', name, label, opts, { options });

/** A toggle; `required: true` makes it a confirmation that must be switched on (default: not required). */
export const toggleField = (name: string, label: string, opts: FieldOpts = {}): FieldDescriptor =>
  publicField('toggle', name, label, { ...opts, required: opts.required ?? false });

/** A choice whose options come from data (the calendar, the team's gebiedsteams), filled in by `availableActions`. */
export const dataChoiceField = (
  name: string,
  label: string,
  from: NonNullable<FieldDescriptor['optionsFrom']>,
  opts: FieldOpts = {},
): FieldDescriptor => publicField('choice', name, label, opts, { optionsFrom: from });

/** Options from `{value: label}`. */
export const options = (labels: Readonly<Record<string, string>>): readonly FieldOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const REQUIRED = 'Vul dit veld in.';
const blankToUndefined = (v: unknown): unknown => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const optionalUnless = (required: boolean, schema: z.ZodTypeAny, requiredMessage = REQUIRED): z.ZodTypeAny =>
  z.preprocess(blankToUndefined, required ? schema.optional().refine((v) => v !== undefined, requiredMessage) : schema.optional());

const fieldSchema = (f: FieldDescriptor): z.ZodTypeAny => {
  switch (f.kind) {
    case 'text':
    case 'textarea': {
      const max = f.maxLength ?? FREE_TEXT_LIMITS[f.kind];
      return optionalUnless(f.required, z.string({ invalid_type_error: 'Vul tekst in.' }).trim().max(max, `Maximaal ${max} tekens.`));
    }
    case 'date':
      return optionalUnless(
        f.required,
        z.string({ invalid_type_error: 'Kies een datum.' }).refine(isCivilDate, 'Kies een geldige datum (JJJJ-MM-DD).'),
        'Kies een datum.',
      );
    case 'choice': {
      const values = f.options?.map((o) => o.value) ?? [];
      const base = z.string({ invalid_type_error: 'Kies een van de opties.' }).trim();
      return optionalUnless(
        f.required,
        values.length ? base.refine((v) => values.includes(v), 'Kies een van de opties.') : base,
        'Maak een keuze.',
      );
    }
    case 'multichoice': {
      const values = f.options?.map((o) => o.value) ?? [];
      const list = z
        .preprocess(
          (v) =>
            typeof v === 'string'
              ? v
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
              : v,
          z.array(z.string({ invalid_type_error: 'Kies uit de opties.' })),
        )
        .refine((vs) => vs.every((v) => values.includes(v)), 'Kies uit de opties.')
        .transform((vs) => [...new Set(vs)]);
      return z.preprocess(
        (v) => (Array.isArray(v) && v.length === 0 ? undefined : blankToUndefined(v)),
        f.required ? list.optional().refine((v) => v !== undefined, 'Kies minstens één optie.') : list.optional(),
      );
    }
    case 'toggle': {
      const flag = z.preprocess(
        (v) => (v === undefined || v === null || v === '' ? false : v === 'true' ? true : v === 'false' ? false : v),
        z.boolean({ invalid_type_error: 'Kies aan of uit.' }),
      );
      return f.required ? flag.refine((v) => v, 'Bevestig dit om door te gaan.') : flag;
    }
  }
};

/** The zod schema of a form: exactly the descriptors, unknown keys are dropped, empty optional fields are absent. */
export const schemaFor = (fields: readonly FieldDescriptor[]): z.ZodType<FormData> =>
  z
    .object(Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])))
    .transform((data) => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as FormData);

/** Dutch error per field name from a zod error (first issue per field). */
export const fieldErrorsOf = (e: z.ZodError): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const issue of e.issues) out[String(issue.path[0] ?? '_')] ??= issue.message;
  return out;
};

/** Typed readers for parsed form data. */
export const textOf = (data: FormData | undefined, name: string): string | undefined => {
  const v = data?.[name];
  return typeof v === 'string' ? v : undefined;
};
export const flagOf = (data: FormData | undefined, name: string): boolean => data?.[name] === true;
