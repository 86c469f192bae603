import type { Case } from '../case';
import { type FormData, options } from '../fields';
import { stepText } from '../stepData';

export const BW_MAIL = 'BW@metsiem.nl';
export const SIEM_CONTACT_URL = 'https://www.metsiem.nl/contact-metsiem/';

/** Maximum length of tijdelijke onplanbare zorg, in months (seed: 3–6 months). */
export const ONPLANBARE_ZORG_MAX_MONTHS = 6;

export const TEAMLEIDER_HINTS = [
  'Welke teamleider? Op de leveringsovereenkomst van Siem (ontvangen bij start zorg) staat onder welk gebiedsteam de cliënt valt.',
  `Alle teamleiders per gebiedsteam staan op ${SIEM_CONTACT_URL}.`,
];

export const TEAMLEIDER_OPTIONS = options({
  opplussen: 'Opplussen aantal planbare begeleidingsmomenten',
  digicontact: 'Inzet digicontact',
  aanvraag_bw: 'Directe aanvraag BW',
  casuistiekoverleg: 'Bij twijfel: inbrengen in het casuïstiekoverleg',
});

export const CASUISTIEK_OUTCOMES = options({
  tijdelijke_onplanbare_zorg: 'Tijdelijke inzet onplanbare zorg door dichtstbijzijnde woonlocatie (3–6 maanden)',
  gesprek_sleutelfiguur: 'Direct een gesprek met sleutelfiguur voor directe afweging BW',
  verstevigingsteam: 'Doorzetten naar de coördinator van het verstevigingsteam',
  domeinoverstijgend: 'Domeinoverstijgend: met de gemeente aanmelden bij de juiste financier',
});

export const OPSCHALINGSAANBOD = options({ ret: 'RET', met: 'MET', cv: 'C&V', verstevigingsteam: 'Verstevigingsteam' });

export const FINANCIERS = options({
  wlz: 'Wlz',
  zvw: 'Zvw',
  forensisch: 'Forensisch',
  verlengde_jeugdzorg: 'Verlengde jeugdzorg',
  levensloopaanpak: 'Levensloopaanpak',
});

export const OVERBRUGGING_OPTIONS = options({
  siem_bw: 'Overbruggingszorg door Siem met de dichtstbijzijnde BW-locatie',
  onderaannemer_ons: 'Overbruggingszorg door onderaannemer via een product in ONS met tarief overbruggingszorg',
  niet_nodig: 'Overbruggingszorg is niet nodig',
});

export const RESULT = options({ voldoende: 'Voldoende: opgelost', onvoldoende: 'Onvoldoende' });

export const requiredWhen = (d: FormData, condition: boolean, names: readonly string[], message: string): Record<string, string> | null => {
  if (!condition) return null;
  const missing = names.filter((n) => d[n] === undefined || d[n] === false);
  return missing.length ? Object.fromEntries(missing.map((n) => [n, message])) : null;
};

/** Start date of tijdelijke onplanbare zorg as recorded in the casuïstiekoverleg. */
export const onplanbareZorgStart = (c: Case): string | undefined => stepText(c, 'stap5_afweging', 'startdatum');
