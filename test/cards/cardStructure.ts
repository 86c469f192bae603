/** One input of a card as the renderer gathers it. */
export interface InputInfo {
  readonly id: string;
  readonly type: string;
  readonly required: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** The inputs in the body of one card, not descending into the cards of its ShowCard actions. */
const ownInputs = (card: Json): InputInfo[] => {
  const out: InputInfo[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObject(v)) return;
    if (typeof v.type === 'string' && v.type.startsWith('Input.') && typeof v.id === 'string') {
      out.push({ id: v.id, type: v.type, required: v.isRequired === true });
    }
    for (const [k, x] of Object.entries(v)) {
      // A ShowCard's card is a card of its own; an ActionSet's actions are handled as actions.
      if (k === 'card' || k === 'actions' || k === 'selectAction') continue;
      walk(x);
    }
  };
  walk(card.body);
  return out;
};

/** Every input on a card, including those in the cards of its ShowCard actions. */
export const inputsOf = (card: Json): InputInfo[] => {
  const out = ownInputs(card);
  for (const a of actionsOf(card)) if (a.type === 'Action.ShowCard' && isObject(a.card)) out.push(...inputsOf(a.card));
  return out;
};

/** The actions of a card: its `actions` and those of ActionSets in its body. */
const actionsOf = (card: Json): Json[] => {
  const out: Json[] = [];
  if (Array.isArray(card.actions)) out.push(...card.actions.filter(isObject));
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isObject(v)) return;
    if (v.type === 'ActionSet' && Array.isArray(v.actions)) out.push(...v.actions.filter(isObject));
    for (const [k, x] of Object.entries(v)) if (k !== 'card' && k !== 'actions') walk(x);
  };
  walk(card.body);
  return out;
};

/** A submitting action and what it would gather, as the Adaptive Cards renderer does it. */
export interface SubmitInfo {
  readonly title: string;
  readonly verb: string;
  readonly associatedInputs: string;
  /** Inputs of its own card and, for an action in a ShowCard, of every parent card. */
  readonly gathered: readonly InputInfo[];
  /** Inputs of the parent cards it gathers too (inside a ShowCard). */
  readonly fromParents: number;
}

/** Every Action.Execute / Action.Submit of a card, with the inputs it gathers and validates. */
export const submitsOf = (card: Json, parents: readonly InputInfo[] = []): SubmitInfo[] => {
  const scope = [...parents, ...ownInputs(card)];
  const out: SubmitInfo[] = [];
  for (const a of actionsOf(card)) {
    if (a.type === 'Action.ShowCard' && isObject(a.card)) out.push(...submitsOf(a.card, scope));
    if (a.type === 'Action.Execute' || a.type === 'Action.Submit') {
      const associatedInputs = typeof a.associatedInputs === 'string' ? a.associatedInputs : 'auto';
      out.push({
        title: String(a.title ?? ''),
        verb: String(a.verb ?? ''),
        associatedInputs,
        gathered: associatedInputs === 'none' ? [] : scope,
        fromParents: associatedInputs === 'none' ? 0 : parents.length,
      });
    }
  }
  return out;
};

/**
 * Why a person could not use an action of this card, or nothing: an action that gathers inputs
 * it does not send (another form's, or a parent card's under a ShowCard), or that sends no input
 * of its own while gathering (`auto` where it should say `none`). `inputVerbs` are the verbs that
 * take inputs; their inputs are named `<verb>.<field>` (admin cards: see `ownPrefixes`).
 */
export const blockedActions = (card: Json, takesInput: (verb: string) => readonly string[] | null): string[] => {
  const problems: string[] = [];
  for (const s of submitsOf(card)) {
    const prefixes = takesInput(s.verb);
    if (!prefixes) {
      if (s.associatedInputs !== 'none')
        problems.push(`"${s.title}" (${s.verb}) stuurt geen invoer maar verzamelt wel (associatedInputs ${s.associatedInputs})`);
      continue;
    }
    if (s.associatedInputs === 'none') {
      problems.push(`"${s.title}" (${s.verb}) verwacht invoer maar verzamelt niets`);
      continue;
    }
    const foreign = s.gathered.filter((i) => !prefixes.some((p) => i.id.startsWith(p)));
    const blocking = foreign.filter((i) => i.required);
    if (blocking.length)
      problems.push(
        `"${s.title}" (${s.verb}) wordt geblokkeerd door verplichte invoer die niet de zijne is: ${blocking.map((i) => i.id).join(', ')}`,
      );
    if (s.fromParents > 0)
      problems.push(`"${s.title}" (${s.verb}) staat in een ShowCard onder een formulier en valideert ook diens ${s.fromParents} invoer`);
  }
  return problems;
};
