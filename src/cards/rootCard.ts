import { type Case, ROUTE_LABELS } from '../domain';
import { CARD_CONTENT_TYPE, render } from './templates';

/** One input on a card, as the template binds it (every key present: no leftover bindings). */
export interface FieldView {
  readonly kind: 'text' | 'textarea' | 'date' | 'choice' | 'multichoice' | 'toggle';
  readonly name: string;
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

export interface ActionView {
  readonly title: string;
  readonly verb: string;
  readonly style: 'default' | 'positive' | 'destructive';
  /** `auto` sends the card's inputs, `none` sends only `data`. */
  readonly inputs: 'auto' | 'none';
  readonly caseId: string;
  readonly version: number;
}

/** Neutralises template syntax in user-entered text so it is shown, never evaluated. */
export const inert = (value: string): string => value.replace(/\$\{/g, '$\u200b{');

const amsterdam = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** Formats an instant for Dutch readers in Europe/Amsterdam. */
export const formatMoment = (iso: string): string => amsterdam.format(new Date(iso));

export interface FormState {
  /** Values the user entered (kept on an invalid submit). */
  readonly values?: Readonly<Record<string, unknown>>;
  readonly fieldErrors?: Readonly<Record<string, string>>;
  readonly notice?: { readonly text: string; readonly style: 'attention' | 'good' | 'warning' | 'emphasis' };
}

const CLIENT_REF_HELP = 'Optioneel, max. 20 tekens. Geen namen of BSN: gebruik een pseudoniem, zoals het cliëntnummer uit het ECD.';

const field = (f: Partial<FieldView> & Pick<FieldView, 'kind' | 'name' | 'label'>, form: FormState): FieldView => {
  const entered = form.values?.[f.name];
  const error = form.fieldErrors?.[f.name] ?? '';
  return {
    required: false,
    requiredMessage: `Vul "${f.label}" in.`,
    maxLength: 0,
    placeholder: '',
    options: [],
    help: '',
    ...f,
    value: typeof entered === 'string' ? inert(entered) : '',
    hasHelp: Boolean(f.help),
    hasError: Boolean(error),
    error,
  } as FieldView;
};

/** The channel-visible root card of a case: status and the current step's empty form. */
export const rootCard = (c: Case, form: FormState = {}): Record<string, unknown> => {
  const isNew = c.route === null;
  const facts = [
    { title: 'Route', value: c.route ? ROUTE_LABELS[c.route] : 'Nog niet gekozen' },
    { title: 'Geopend', value: formatMoment(c.createdAt) },
    { title: 'Laatst bijgewerkt', value: formatMoment(c.updatedAt) },
  ];
  const fields: FieldView[] = isNew
    ? [
        field(
          {
            kind: 'choice',
            name: 'route',
            label: 'Welke route volgt deze casus?',
            required: true,
            requiredMessage: 'Kies een route.',
            options: [
              { label: ROUTE_LABELS.zorgkantoor, value: 'zorgkantoor' },
              { label: ROUTE_LABELS.bijstellen, value: 'bijstellen' },
            ],
          },
          form,
        ),
        field({ kind: 'text', name: 'clientRef', label: 'Cliëntreferentie (pseudoniem)', maxLength: 20, placeholder: 'bijv. ECD-12345', help: CLIENT_REF_HELP }, form),
      ]
    : [];
  const actions: ActionView[] = isNew
    ? [{ title: 'Route vastleggen', verb: 'route.kiezen', style: 'positive', inputs: 'auto', caseId: c.id, version: c.version }]
    : [];
  return render('root', {
    caseId: c.id,
    version: c.version,
    routeLabel: c.route ? `Route ${ROUTE_LABELS[c.route]}` : 'Nieuwe casus',
    stepLabel: isNew ? 'Stap: route kiezen' : `Stap: ${c.state}`,
    hasPicture: false,
    picture: '',
    pictureAlt: '',
    facts,
    hasNotice: Boolean(form.notice),
    notice: form.notice?.text ?? '',
    noticeStyle: form.notice?.style ?? 'default',
    hasForm: fields.length > 0,
    formTitle: 'Kies de route',
    formHelp: 'Zorgkantoor (Wlz): Menzis stappenplan complexe casuïstiek. Bijstellen ondersteuning (Wmo): Siem proces.',
    fields,
    actions,
  });
};

export const cardAttachment = (card: Record<string, unknown>) => ({ contentType: CARD_CONTENT_TYPE, content: card });
