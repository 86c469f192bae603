/**
 * The privacy statement and terms of use that the Teams manifest links to (`/privacy`,
 * `/voorwaarden`): static Dutch HTML, with the retention periods this instance actually uses.
 * Nothing from a request is ever put into a page.
 */
export interface LegalFacts {
  /** Months after closing that a closed case is kept; 0 = not purged automatically. */
  readonly caseMonths: number;
  /** Months after the purge that the audit trail of a purged case is kept; 0 = for ever. */
  readonly auditMonths: number;
}

const months = (n: number): string => (n % 12 === 0 ? `${n / 12} jaar` : `${n} maanden`);

const page = (title: string, body: string): string => `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Escaleer</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #242424; }
  h1 { color: #0e7c86; } h2 { margin-top: 2rem; font-size: 1.2rem; }
  footer { margin-top: 3rem; font-size: .9rem; color: #616161; }
</style>
</head>
<body>
${body}
<footer><a href="/privacy">Privacyverklaring</a> · <a href="/voorwaarden">Gebruiksvoorwaarden</a></footer>
</body>
</html>
`;

export const privacyPage = (f: LegalFacts): string =>
  page(
    'Privacyverklaring',
    `<h1>Privacyverklaring van Escaleer</h1>
<p>Escaleer is een Teams-app die zorgteams stap voor stap helpt een vastgelopen cliëntsituatie te
escaleren. De zorgorganisatie die Escaleer in haar eigen Microsoft 365- en Azure-omgeving gebruikt, is
verantwoordelijk voor de gegevens (verwerkingsverantwoordelijke). Vragen over uw gegevens stelt u aan
de functionaris gegevensbescherming van die organisatie.</p>

<h2>Wat Escaleer opslaat</h2>
<ul>
  <li><strong>Per casus:</strong> het casusnummer, de route en de stap, wat het team bij elke stap
  invult (data, keuzes en toelichtingen), een pseudonieme cliëntverwijzing (bijvoorbeeld het
  cliëntnummer uit het ECD), en wie van het team aan de casus werkte (Teams-id en naam), met tijdstippen.</li>
  <li><strong>Per team:</strong> wie welke rol heeft (Teams-id en naam), de meldingskanalen en de
  gebiedsteams.</li>
  <li><strong>Per organisatie:</strong> de kalender van de regionale overlegtafels.</li>
  <li><strong>Een auditspoor:</strong> bij elke wijziging en elke inzage van details: wie, met welke
  rol, wat, wanneer, en een controlegetal (hash) van de invoer, nooit de invoer zelf.</li>
  <li><strong>Een downloadlink voor het dossier:</strong> tien minuten bruikbaar, tot hij gebruikt is; een
  verlopen link wordt bij de dagelijkse opschoning gewist. Opgeslagen: voor welke casus en welke collega (Teams-id en
  naam); van de link zelf alleen een controlegetal.</li>
</ul>
<p>Alles staat in de opslag van de eigen Azure-omgeving van de organisatie.</p>

<h2>Wat Escaleer niet opslaat</h2>
<ul>
  <li>Geen namen en geen BSN's van cliënten: een BSN en een naam als cliëntverwijzing worden geweigerd.</li>
  <li>Geen medisch dossier: het ECD blijft het dossier. Zet geen medische details in Teams.</li>
  <li>Geen gewone kanaalberichten. Met de toestemming <em>ChannelMessage.Read.Group</em> ontvangt de bot
  de berichten van de kanalen van het team, maar hij reageert alleen op zijn eigen opdrachten en slaat
  andere berichten niet op en logt ze niet.</li>
  <li>Geen cliëntgegevens in logboeken of telemetrie.</li>
</ul>

<h2>Wie wat ziet</h2>
<p>De kaart van een casus in het kanaal toont alleen de status: stap, wie aan zet is, data en
gekozen opties, nooit toelichtingen. De toelichtingen en details ziet alleen wie aan de casus werkte of
een zorgrol in het team heeft, en alleen in een eigen weergave. Zij kunnen daar ook het dossier van de
casus als PDF downloaden, voor het eigen dossier en het aanmeldformulier; dat bestand valt daarna onder
de afspraken van de organisatie. Elke inzage komt in het auditspoor, ook elke download van het dossier.</p>

<h2>Hoe lang</h2>
<ul>
  <li>${
    f.caseMonths > 0
      ? `Een gesloten casus (opgelost, afgesloten, crisis of ingetrokken) wordt ${months(f.caseMonths)} na het sluiten verwijderd, met de meldingen en herinneringen die erbij horen.`
      : 'Gesloten casussen worden niet automatisch verwijderd; de organisatie ruimt ze zelf op.'
  } Open casussen blijven staan.</li>
  <li>${
    f.auditMonths > 0
      ? `Het auditspoor van een verwijderde casus blijft met een vermelding van de verwijdering bewaard, tot ${months(f.auditMonths)} na die verwijdering.`
      : 'Het auditspoor van een verwijderde casus blijft bewaard, met een vermelding van de verwijdering.'
  }</li>
  <li>Escaleer is niet het dossier van de cliënt; de bewaartermijn van het dossier (WGBO) geldt voor het ECD.</li>
</ul>

<h2>Uw rechten</h2>
<p>Voor inzage, correctie of verwijdering van uw gegevens wendt u zich tot de zorgorganisatie. Haar
beheerder kan alle gegevens van Escaleer exporteren en verwijderen.</p>

<h2>Microsoft</h2>
<p>Berichten en kaarten lopen via Microsoft Teams en de Azure Bot Service; Microsoft verwerkt ze
namens de organisatie, volgens de afspraken die de organisatie met Microsoft heeft.</p>`,
  );

export const termsPage = (): string =>
  page(
    'Gebruiksvoorwaarden',
    `<h1>Gebruiksvoorwaarden van Escaleer</h1>
<p>Escaleer is bedoeld voor medewerkers van de zorgorganisatie die de app in Teams beschikbaar stelt.
Door Escaleer te gebruiken gaat u akkoord met deze voorwaarden en met de regels van uw organisatie.</p>

<h2>Wat u doet</h2>
<ul>
  <li>Gebruik voor een cliënt alleen een pseudonieme verwijzing, zoals het cliëntnummer uit het ECD.
  Zet nooit namen, BSN's of medische details in Escaleer of in het kanaal.</li>
  <li>Gebruik Escaleer alleen voor het escaleren van vastgelopen cliëntsituaties binnen uw eigen team.</li>
  <li>Bekijk de details van een casus alleen als u ze voor uw werk nodig hebt; elke inzage wordt vastgelegd.</li>
</ul>

<h2>Wat Escaleer wel en niet is</h2>
<ul>
  <li>Escaleer volgt de gepubliceerde escalatieprocessen en helpt het team die stap voor stap te
  doorlopen. Het vervangt geen professioneel oordeel en geen afspraken van uw organisatie.</li>
  <li><strong>Bij een crisis</strong> volgt u de crisisregeling en de crisisafspraken van uw
  organisatie en gemeente; wacht daarvoor niet op Escaleer.</li>
  <li>Het ECD blijft het dossier van de cliënt.</li>
  <li>De organisatie streeft naar een goede beschikbaarheid, maar garandeert die niet. Controleer
  inleverdata en overlegtafels bij twijfel bij de bron.</li>
</ul>

<h2>Wijzigingen</h2>
<p>De organisatie kan deze voorwaarden aanpassen; de actuele versie staat altijd op deze pagina.
Vragen stelt u aan de functioneel beheerder van Escaleer in uw organisatie.</p>`,
  );

/** The developer website of the manifest (`/`): what Escaleer is, with the two other pages. */
export const aboutPage = (): string =>
  page(
    'Over Escaleer',
    `<h1>Escaleer</h1>
<p>Escaleer is een Teams-app voor zorgteams. Loopt de zorg voor een cliënt vast, dan typt het team in
zijn teamkanaal <strong>@Escaleer /escaleer</strong> en de bot leidt het team stap voor stap door de
gepubliceerde escalatieroute: de Route Zorgkantoor (Wlz) of de Route Bijstellen ondersteuning (Wmo).</p>
<p>Elke casus heeft één statuskaart in het kanaal, die alleen de status toont. Wie een stap zet, vult
die in op een eigen formulier. Namen en BSN's van cliënten slaat Escaleer nooit op.</p>
<p>De eerste stap na het toevoegen aan een team: de teameigenaar stelt de rollen in met
<strong>/instellingen</strong>.</p>`,
  );
