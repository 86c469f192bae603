/** The hint every free-text field carries (help and placeholder). */
export const PRIVACY_HINT = 'Geen namen of medische details; verwijs naar het dossier.';

/** Maximum lengths (characters, after trimming) of free-text inputs. */
export const FREE_TEXT_LIMITS = { text: 200, textarea: 1000 } as const;

const DIGIT_RUN = /\d+(?:[ .-]\d+)*/g;

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

/**
 * Finds a likely BSN in free text: nine digits, possibly split into groups by single spaces, dots
 * or dashes (`123 456 782`, `1234.56.782`), that pass the elfproef. Any run of adjacent groups
 * within a longer number sequence counts too, so a BSN glued to a date is still found; a plain run of
 * more than nine digits is not a BSN. Returns the digits found, or `null`.
 */
export const findBsn = (text: string): string | null => {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const groups = match[0].split(/[ .-]/);
    for (let start = 0; start < groups.length; start += 1) {
      let digits = '';
      for (let end = start; end < groups.length && digits.length < 9; end += 1) {
        digits += groups[end];
        if (digits.length === 9 && passesElfproef(digits)) return digits;
      }
    }
  }
  return null;
};

export const BSN_MESSAGE =
  'Dit lijkt op een BSN. Zet nooit een BSN of naam in Escaleer; verwijs naar het dossier (bijvoorbeeld met het cliëntnummer uit het ECD).';

/** Dutch problem with a free-text value, or `null` when it may be stored. */
export const freeTextProblem = (text: string, maxLength: number = FREE_TEXT_LIMITS.textarea): string | null => {
  if (text.trim().length > maxLength) return `Maximaal ${maxLength} tekens.`;
  return findBsn(text) === null ? null : BSN_MESSAGE;
};
