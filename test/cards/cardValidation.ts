// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.min.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

/** The version in which each element/action type appeared (Adaptive Cards schema). */
const SINCE: Readonly<Record<string, number>> = {
  AdaptiveCard: 1.0,
  TextBlock: 1.0,
  Image: 1.0,
  Container: 1.0,
  ColumnSet: 1.0,
  Column: 1.0,
  FactSet: 1.0,
  ImageSet: 1.0,
  'Input.Text': 1.0,
  'Input.Date': 1.0,
  'Input.Time': 1.0,
  'Input.Number': 1.0,
  'Input.Toggle': 1.0,
  'Input.ChoiceSet': 1.0,
  'Action.OpenUrl': 1.0,
  'Action.Submit': 1.0,
  'Action.ShowCard': 1.0,
  ActionSet: 1.2,
  RichTextBlock: 1.2,
  TextRun: 1.2,
  'Action.ToggleVisibility': 1.2,
  'Action.Execute': 1.4,
  Table: 1.5,
  TableRow: 1.5,
  TableCell: 1.5,
};

/** Properties that need a newer version than their element. */
const PROPERTY_SINCE: Readonly<Record<string, number>> = {
  label: 1.3,
  isRequired: 1.3,
  errorMessage: 1.3,
  associatedInputs: 1.3,
  verticalContentAlignment: 1.1,
  style: 1.0,
  wrap: 1.0,
};

/** The datasets of Teams' people picker (Input.ChoiceSet `choices.data`). */
const PEOPLE_DATASETS: readonly string[] = ['graph.microsoft.com/users', 'graph.microsoft.com/users?scope=currentContext'];

export interface CardCheck {
  readonly errors: string[];
  readonly bytes: number;
}

const versionOf = (card: Record<string, unknown>): number => Number(card.version ?? 'NaN');

/** Parses with the adaptivecards library and applies the checks it misses (version ceiling, element versions, size). */
export const checkCard = (card: Record<string, unknown>, maxBytes = 40 * 1024): CardCheck => {
  const errors: string[] = [];
  const version = versionOf(card);
  if (!(version <= 1.5)) errors.push(`versie ${String(card.version)} ontbreekt of is hoger dan 1.5 (plafond van Teams)`);
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i++) errors.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) errors.push(`validatie: ${e.message}`);
  const walk = (v: unknown, where: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.type === 'string' && !['mention'].includes(o.type)) {
        const since = SINCE[o.type];
        if (since === undefined) errors.push(`${where}: onbekend type ${o.type}`);
        else if (since > version) errors.push(`${where}: ${o.type} bestaat pas sinds ${since}`);
        for (const [p, s] of Object.entries(PROPERTY_SINCE))
          if (p in o && s > version) errors.push(`${where}: ${p} bestaat pas sinds ${s}`);
      }
      // Teams' people picker: `choices.data` on an Input.ChoiceSet, with one of Teams' two user datasets (not part of the 1.5 schema).
      if ('choices.data' in o) {
        const q = o['choices.data'] as Record<string, unknown> | null;
        if (o.type !== 'Input.ChoiceSet') errors.push(`${where}: choices.data hoort alleen bij Input.ChoiceSet`);
        if (!q || q.type !== 'Data.Query' || !PEOPLE_DATASETS.includes(String(q.dataset)) || Object.keys(q).length !== 2)
          errors.push(`${where}.choices.data: verwacht {type: Data.Query, dataset: ${PEOPLE_DATASETS.join(' | ')}}`);
      }
      for (const [k, x] of Object.entries(o)) if (k !== 'choices' && k !== 'facts' && k !== 'choices.data') walk(x, `${where}.${k}`);
    }
  };
  walk(card, 'kaart');
  const text = JSON.stringify(card);
  if (text.includes('${')) errors.push('niet-ingevulde binding ${…}');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) errors.push(`kaart is ${bytes} bytes (> ${maxBytes})`);
  return { errors, bytes };
};
