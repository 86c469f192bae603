/** Case ids look like `CAS-2026-0042`: year of creation (Europe/Amsterdam) and a per-tenant, per-year sequence. */
export type CaseId = string & { readonly __brand: 'CaseId' };

const CASE_ID = /^CAS-(\d{4})-(\d{4,6})$/;

export const formatCaseId = (year: number, sequence: number): CaseId => {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`jaar ${year} ongeldig`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`volgnummer ${sequence} ongeldig`);
  return `CAS-${year}-${String(sequence).padStart(4, '0')}` as CaseId;
};

/** Parses user or card input into a case id, accepting lower case and surrounding spaces; `null` when it is not one (never throws). */
export const parseCaseId = (input: string): CaseId | null => {
  const m = CASE_ID.exec(input.trim().toUpperCase());
  const year = Number(m?.[1]);
  const sequence = Number(m?.[2]);
  // Well-formed but impossible (year before 2000, sequence 0) is simply not a case id.
  if (!m || year < 2000 || sequence < 1) return null;
  return formatCaseId(year, sequence);
};

/** The calendar year in Europe/Amsterdam for an instant; case ids use it. */
export const amsterdamYear = (now: Date): number =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(now));
