import { execute } from './format';
import { render } from './templates';

const INTRO =
  'Loopt de zorg voor een cliënt vast? Escaleer leidt je team stap voor stap door de escalatieroute: het stappenplan complexe casuïstiek van Menzis zorgkantoor (Wlz) of het proces bijstellen ondersteuning van Siem (Wmo).';

const POINTS = [
  'Typ @Escaleer /escaleer in dit kanaal om een casus te openen; de statuskaart laat iedereen zien waar de casus staat en wie aan zet is.',
  'Zet nooit namen, BSN of medische details in Teams; verwijs naar het dossier. De kaarten in het kanaal tonen alleen de status, de details ziet alleen wie aan de casus werkt.',
  'De teamleider, sleutelfiguur of coördinator krijgt een melding als een casus op hem of haar wacht, en het kanaal herinneringen voor de regionale tafels.',
];

/**
 * The welcome when Escaleer is added to a team (or a personal chat): what it does, the privacy
 * promise, and the first step: roles in `/instellingen`. In a personal chat it points to the team.
 */
export const welcomeCard = (place: { readonly teamId: string } | null): Record<string, unknown> =>
  render('welcome', {
    intro: INTRO,
    points: POINTS,
    firstStep: place
      ? 'Eerst: de teameigenaar of functioneel beheerder stelt de rollen in (teamleider, sleutelfiguur, coördinator) met @Escaleer /instellingen. Typ /help voor alle commando’s.'
      : 'Escaleer werkt in het teamkanaal van je zorgteam: voeg de app daar toe en typ @Escaleer /escaleer.',
    actions: place ? [execute('Instellingen openen', 'instellingen.openen', { teamId: place.teamId })] : [],
  });
