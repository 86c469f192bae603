/** The hint every free-text field carries (help and placeholder). */
export const PRIVACY_HINT = 'Geen namen of medische details; verwijs naar het dossier.';

/** Maximum lengths (characters, after trimming) of free-text inputs. */
export const FREE_TEXT_LIMITS = { text: 200, textarea: 1000 } as const;

/** Maximum length (characters, after trimming) of a case's pseudonymous client reference. */
const CLIENT_REF_MAX_LENGTH = 20;

/**
 * The Dutch BSN elfproef on exactly nine digits: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11.
 * All zeros is not a BSN.
 */
export const passesElfproef = (digits: string): boolean => {
  if (!/^\d{9}$/.test(digits) || /^0{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
};

const FORMAT_CHARS = /\p{Cf}/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
const ANY_DECIMAL_DIGIT = /\p{Nd}/gu;

/** Unicode encodes every decimal digit set as one ascending run 0…9, so the run position is the value. */
const asciiDigit = (ch: string): string => {
  if (ch >= '0' && ch <= '9') return ch;
  const cp = ch.codePointAt(0) ?? 0;
  let before = 0;
  while (cp - before > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - before - 1))) before += 1;
  return String(before % 10);
};

/** NFKC, format characters (zero-width space, soft hyphen, direction marks) removed, every decimal digit as ASCII. */
const normalise = (text: string): string => text.normalize('NFKC').replace(FORMAT_CHARS, '').replace(ANY_DECIMAL_DIGIT, asciiDigit);

const SEPARATOR_RUN = String.raw`(?:(?!,\s)[\s\p{Pd}\u2212./_,()])+`;
const NUMBER_CHAIN = new RegExp(String.raw`\d+(?:${SEPARATOR_RUN}\d+)*`, 'gu');
const SPLIT_CHAIN = new RegExp(`(${SEPARATOR_RUN})`, 'u');
const CASE_IDS = /CAS-\d{4}-\d{4,6}/giu;
const INTERNATIONAL_PREFIX = /\+\s?$/u;
const GLUED_TO_IDENTIFIER = /\p{L}[-_/#]?$/u;
const BSN_LABEL = /bsn[-_/#:]?\s*$/iu;
const OTHER_NUMBER_LABEL = /(?:agb|kvk)[\p{L}\s:.#-]{0,12}$/iu;

interface Group {
  readonly digits: string;
  /** The separator run before this group, with whitespace collapsed to one space ('' for the first group). */
  readonly before: string;
}

const groupsOf = (chain: string): Group[] => {
  const parts = chain.split(SPLIT_CHAIN);
  const groups: Group[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    groups.push({ digits: parts[i] ?? '', before: (parts[i - 1] ?? '').replace(/\s+/gu, ' ') });
  }
  return groups;
};

const isDate = (year: string, month: string, day: string): boolean => {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
};

const dateAt = (g: readonly Group[], i: number): number => {
  const [a, b, c] = [g[i]?.digits ?? '', g[i + 1]?.digits ?? '', g[i + 2]?.digits ?? ''];
  const short = (s: string): boolean => s.length === 1 || s.length === 2;
  if (short(a) && short(b) && c.length === 4 && isDate(c, b, a)) return 3;
  if (a.length === 4 && short(b) && short(c) && isDate(a, b, c)) return 3;
  return 0;
};

const yearRangeAt = (g: readonly Group[], i: number): number => {
  const [from, to] = [g[i]?.digits ?? '', g[i + 1]?.digits ?? ''];
  const year = (s: string): boolean => s.length === 4 && Number(s) >= 1900 && Number(s) <= 2099;
  return year(from) && year(to) && Number(to) > Number(from) ? 2 : 0;
};

const timeAt = (g: readonly Group[], i: number): number => {
  const [h, m] = [g[i], g[i + 1]];
  if (!h || !m || m.before !== '.' || h.before === '.' || g[i + 2]?.before === '.') return 0;
  return h.digits.length <= 2 && Number(h.digits) <= 23 && m.digits.length === 2 && Number(m.digits) <= 59 ? 2 : 0;
};

const amountAt = (g: readonly Group[], i: number): number => {
  if ((g[i]?.digits.length ?? 0) > 3) return 0;
  let j = i + 1;
  while (g[j]?.before === '.' && g[j]?.digits.length === 3) j += 1;
  return g[j]?.before === ',' && g[j]?.digits.length === 2 && g[j + 1]?.before !== ',' ? j - i + 1 : 0;
};

/** Groups from `i` that together make exactly `total` digits, or 0. */
const spanOf = (g: readonly Group[], i: number, total: number): number => {
  let digits = 0;
  for (let j = i; j < g.length; j += 1) {
    digits += g[j]?.digits.length ?? 0;
    if (digits === total) return j - i + 1;
    if (digits > total) return 0;
  }
  return 0;
};

const nationalPhoneAt = (g: readonly Group[], i: number): number => (/^0[1-9]/.test(g[i]?.digits ?? '') ? spanOf(g, i, 10) : 0);

/** E.164 numbers have at most 15 digits; Dutch ones (+31 and nine digits) 11, or 12 with a written (0). */
const internationalPhoneSpan = (g: readonly Group[], prefixDigits: number): number => {
  let digits = 0;
  let span = 0;
  for (const group of g) {
    if (digits + group.digits.length > 15 + prefixDigits) break;
    digits += group.digits.length;
    span += 1;
    if (digits >= 11 + prefixDigits) break;
  }
  return span;
};

/** Marks the groups that belong to a phone number, a date, a range of years, a time or an amount. */
const maskedGroups = (g: readonly Group[], textBefore: string): boolean[] => {
  const masked = g.map(() => false);
  const mark = (from: number, count: number): void => {
    for (let k = from; k < from + count; k += 1) masked[k] = true;
  };
  if (INTERNATIONAL_PREFIX.test(textBefore)) mark(0, internationalPhoneSpan(g, 0));
  else if (g[0]?.digits.startsWith('00')) mark(0, internationalPhoneSpan(g, 2));
  for (let i = 0; i < g.length; i += 1) {
    if (masked[i]) continue;
    const span = nationalPhoneAt(g, i) || dateAt(g, i) || yearRangeAt(g, i) || timeAt(g, i) || amountAt(g, i);
    mark(i, span);
    if (span) i += span - 1;
  }
  return masked;
};

const segmentsOf = (g: readonly Group[], masked: readonly boolean[]): { groups: Group[]; first: boolean }[] => {
  const segments: { groups: Group[]; first: boolean }[] = [];
  g.forEach((group, i) => {
    if (masked[i]) return;
    if (i === 0 || masked[i - 1]) segments.push({ groups: [], first: i === 0 });
    segments[segments.length - 1]?.groups.push(group);
  });
  return segments;
};

const joined = (groups: readonly Group[]): string | null =>
  groups.length > 1 && groups.some((x) => x.digits.length < 2) ? null : groups.map((x) => x.digits).join('');

const nineDigitBsnIn = (groups: readonly Group[]): string | null => {
  for (let start = 0; start < groups.length; start += 1) {
    const span = spanOf(groups, start, 9);
    const digits = span ? joined(groups.slice(start, start + span)) : null;
    if (digits && passesElfproef(digits)) return digits;
  }
  return null;
};

const eightDigitBsnIn = (groups: readonly Group[], textBefore: string | null): string | null => {
  const digits = joined(groups);
  if (digits?.length !== 8 || digits.startsWith('0')) return null;
  if (textBefore !== null && OTHER_NUMBER_LABEL.test(textBefore)) return null;
  if (textBefore !== null && GLUED_TO_IDENTIFIER.test(textBefore) && !BSN_LABEL.test(textBefore)) return null;
  return passesElfproef(`0${digits}`) ? `0${digits}` : null;
};

/**
 * Finds a likely BSN in free text and returns its nine digits, or `null`.
 *
 * The text is normalised first (NFKC, so fullwidth digits and no-break spaces become ASCII; format
 * characters such as zero-width spaces, soft hyphens and direction overrides are dropped; digits of
 * any script, such as Arabic-Indic, become ASCII). Digits may be split into groups by any run of
 * whitespace (spaces, tabs, line breaks), dashes, dots, slashes, underscores, commas or parentheses;
 * a comma followed by whitespace separates list items instead. Any run of adjacent groups of nine
 * digits that passes the elfproef is a BSN, so one glued to a date is still found; a plain run of
 * more than nine digits is not. A whole number of eight digits that passes the elfproef with its
 * leading zero restored (`12345672` → `012345672`) is a BSN too, unless it starts with a zero, is
 * part of an identifier (`ECD-12345678`) or is labelled as an AGB code or KvK number.
 *
 * Never a BSN: phone numbers (`+31 6 12345671`, `0031 …`, `06-12345671`, `088 222 42 42`), dates
 * with a year 1900–2099 (`01-12-2026`, `2026-12-01`, also a mistyped `2023-02-30`), ranges of years
 * (`2008-2009`), times (`14.30`), amounts (`1.250,00`) and case ids (`CAS-2026-0003`). A group of
 * a single digit is never joined to its neighbours.
 */
export const findBsn = (text: string): string | null => {
  const normalised = normalise(text).replace(CASE_IDS, 'CAS');
  for (const match of normalised.matchAll(NUMBER_CHAIN)) {
    const textBefore = normalised.slice(Math.max(0, match.index - 24), match.index);
    const groups = groupsOf(match[0]);
    for (const segment of segmentsOf(groups, maskedGroups(groups, textBefore))) {
      const bsn = nineDigitBsnIn(segment.groups) ?? eightDigitBsnIn(segment.groups, segment.first ? textBefore : null);
      if (bsn) return bsn;
    }
  }
  return null;
};

/** Shown when free text holds a likely BSN ({@link findBsn}). */
export const BSN_MESSAGE =
  'Dit lijkt op een BSN. Zet nooit een BSN of naam in Escaleer; verwijs naar het dossier (bijvoorbeeld met het cliëntnummer uit het ECD).';

/** Dutch problem with a free-text value, or `null` when it may be stored. */
export const freeTextProblem = (text: string, maxLength: number = FREE_TEXT_LIMITS.textarea): string | null => {
  if (text.trim().length > maxLength) return `Maximaal ${maxLength} tekens.`;
  return findBsn(text) === null ? null : BSN_MESSAGE;
};

/** Shown when a client reference looks like a name. */
export const CLIENT_REF_MESSAGE =
  'Dit lijkt op een naam. Vul als cliëntreferentie een nummer of code in, bijvoorbeeld het cliëntnummer uit het ECD (ECD-12345); nooit een naam of BSN.';

const SALUTATIONS = new Set([
  'dhr',
  'hr',
  'heer',
  'meneer',
  'mevr',
  'mvr',
  'mw',
  'mevrouw',
  'mej',
  'juf',
  'fam',
  'familie',
  'mr',
  'mrs',
  'ms',
]);

const looksLikeName = (value: string): boolean => {
  const text = value.normalize('NFKC').replace(FORMAT_CHARS, ' ');
  const words = text.split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w !== '');
  const letterWords = words.filter((w) => /^[\p{L}\p{M}]+$/u.test(w));
  const camelParts = letterWords.flatMap((w) => w.split(/(?<=\p{Ll})(?=\p{Lu})/u));
  if (!/\p{N}/u.test(text) && camelParts.length >= 2) return true;
  if (words.some((w, i) => SALUTATIONS.has(w.toLowerCase()) && letterWords.includes(words[i + 1] ?? ''))) return true;
  return words.filter((w) => /^\p{Lu}\p{Ll}{2,}$/u.test(w)).length >= 2;
};

/**
 * Dutch problem with a client reference (`clientRef`), or `null` when it may be stored. A reference
 * must be pseudonymous, like `ECD-12345`, `12345` or `client 0042`: refused are values longer than
 * {@link CLIENT_REF_MAX_LENGTH}, a BSN ({@link BSN_MESSAGE}), and anything that looks like a name
 * ({@link CLIENT_REF_MESSAGE}): two or more words of letters without a digit (`Jan de Vries`,
 * `mevr. Jansen`, `JanDeVries`), a salutation followed by a word (`dhr. Jansen 12`), or two
 * capitalised words (`Jan Jansen 12`). An empty value is no problem (the reference is optional).
 */
export const clientRefProblem = (value: string): string | null =>
  freeTextProblem(value, CLIENT_REF_MAX_LENGTH) ?? (looksLikeName(value) ? CLIENT_REF_MESSAGE : null);
