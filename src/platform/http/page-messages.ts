import type { ErrorCode, FieldError } from './domain-error';

/**
 * Pages speak Dutch, the API English: the exception filter renders an error page with the Dutch text
 * of its code (and, on the ballot pages, of the ballot link), never the API's English message.
 */
const PAGE_MESSAGE: Record<ErrorCode, { title: string; message: string }> = {
  INVALID_INPUT: { title: 'Dat ging niet', message: 'Wat u hebt ingevuld of verstuurd klopt niet. Controleer het en probeer het opnieuw.' },
  UNAUTHENTICATED: { title: 'Dat ging niet', message: 'U bent niet (meer) aangemeld. Meld u opnieuw aan.' },
  FORBIDDEN: { title: 'Geen toegang', message: 'U hebt geen toegang tot deze pagina of handeling.' },
  NOT_FOUND: { title: 'Niet gevonden', message: 'Deze pagina bestaat niet (meer).' },
  DUPLICATE: { title: 'Dat ging niet', message: 'Dit bestaat al.' },
  ILLEGAL_TRANSITION: { title: 'Dat ging niet', message: 'Deze stap kan in deze fase van de raadpleging niet.' },
  VOTING_CLOSED: { title: 'Stemming gesloten', message: 'De stemming is gesloten. Stemmen is niet meer mogelijk.' },
  VOTING_NOT_OPEN: { title: 'Stemming nog niet geopend', message: 'De stemming is nog niet geopend.' },
  LINK_REVOKED: { title: 'Link ingetrokken', message: 'Deze stemlink is ingetrokken. Gebruik de nieuwste link die u per e-mail hebt ontvangen.' },
  ALREADY_PUBLISHED: { title: 'Dat ging niet', message: 'Dit is al gepubliceerd en kan niet meer veranderen.' },
  NOT_EDITABLE: { title: 'Dat ging niet', message: 'Dit kan niet meer worden gewijzigd.' },
  TOO_MANY_ATTEMPTS: {
    title: 'Te veel pogingen',
    message: 'Er zijn te veel mislukte pogingen gedaan vanaf uw adres. Wacht tien minuten en probeer het opnieuw.',
  },
  DEADLINE_PASSED: { title: 'Termijn verstreken', message: 'De termijn hiervoor is verstreken.' },
  IMPORT_REFUSED: { title: 'Import geweigerd', message: 'Het bestand is niet ingelezen: een of meer regels kloppen niet.' },
};

/** On /stemmen/… the link is the sign-in: say what is wrong with it. */
const BALLOT_MESSAGE: Partial<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: 'Deze stemlink is niet geldig. Gebruik de volledige link uit de e-mail met uw stemformulier.',
  FORBIDDEN: 'Deze stemlink hoort bij een andere raadpleging.',
};

const OTHER: Record<string, { title: string; message: string }> = {
  CONFLICT: { title: 'Dat ging niet', message: 'Dit kan niet: het verwijst naar iets dat niet (meer) bestaat.' },
  HTTP_ERROR: { title: 'Dat ging niet', message: 'Het verzoek kon niet worden verwerkt.' },
  INTERNAL: { title: 'Er ging iets mis', message: 'Er ging aan onze kant iets mis. Probeer het later opnieuw.' },
  SERVICE_UNAVAILABLE: { title: 'Even niet bereikbaar', message: 'De ledenraadpleging is even niet bereikbaar. Probeer het zo meteen opnieuw.' },
};

const FIELD_NL: Record<string, string> = {
  'request body': 'het formulier',
  voterName: 'naam',
  voterRole: 'functie',
  name: 'naam',
  email: 'e-mailadres',
  role: 'functie',
  answers: 'antwoorden',
  id: 'adres van de pagina',
  path: 'adres van de pagina',
  referenceDate: 'peildatum',
  votingDeadline: 'stemtermijn',
  amendmentDeadline: 'termijn voor amendementen',
  proposals: 'voorstellen',
};

/** Known English rules in Dutch; anything else is "is niet geldig". */
const RULES_NL: [RegExp, (m: RegExpExecArray) => string][] = [
  [/must not contain NUL/, () => 'bevat een ongeldig teken (NUL)'],
  [/unpaired surrogates/, () => 'bevat ongeldige tekens'],
  [/nesting deeper than (\d+)/, (m) => `is dieper genest dan ${m[1]} niveaus`],
  [/must be a form/, () => 'moet als formulier worden verstuurd'],
  [/must be a JSON object/, () => 'moet velden bevatten'],
  [/must be a UUID/, () => 'is geen geldige verwijzing'],
  [/must be a date/, () => 'is geen bestaande datum'],
  [/must not be empty|should not be empty|must be a string/, () => 'moet worden ingevuld'],
  [/must be an email/, () => 'is geen geldig e-mailadres'],
  [/shorter than or equal to (\d+)/, (m) => `mag hoogstens ${m[1]} tekens lang zijn`],
  [/must be one of the following values/, () => 'moet een van de aangeboden keuzes zijn'],
  [
    /already holds the ballot of ([^;]+); a ballot passes only to an official of (.+)$/,
    (m) => `heeft al het stemformulier van ${m[1]}; u kunt het alleen doorgeven aan een functionaris van ${m[2]}`,
  ],
  [/already holds this ballot/, () => 'heeft dit stemformulier al'],
  [/is not a choice of proposal (\d+)/, (m) => `is geen keuze bij voorstel ${m[1]}`],
  [/every proposal must be answered; missing: (.+)$/, (m) => `Beantwoord elke vraag; nog open: ${m[1].replace(/proposal/g, 'voorstel')}`],
  // The board's refusals, which its pages show.
  [
    /members may submit amendments until (.+); publish the final proposals after that/,
    (m) => `Leden kunnen tot ${m[1]} amendementen indienen; publiceer de definitieve voorstellen daarna.`,
  ],
  [/the board has not answered (.+)$/, (m) => `Het bestuur heeft nog niet gereageerd op ${m[1]}.`],
  [/a consultation needs at least one proposal/, () => 'Een raadpleging heeft minstens één voorstel nodig.'],
  [/no members on (\S+)/, (m) => `Er zijn geen leden op ${m[1]}.`],
  [/no inhabitants recorded on or before (\S+) for (.+)$/, (m) => `Er zijn geen inwonertallen vastgelegd op of vóór ${m[1]} voor ${m[2]}.`],
  [/set an amendment deadline before opening amendments/, () => 'Stel eerst een termijn voor amendementen in.'],
  [/must be in the future/, () => 'moet in de toekomst liggen'],
];

export function fieldNl(field: string): string {
  return FIELD_NL[field] ?? field;
}

/** The Dutch text of a known English rule or message, or null. */
export function knownNl(text: string): string | null {
  for (const [pattern, dutch] of RULES_NL) {
    const match = pattern.exec(text);
    if (match) return dutch(match);
  }
  return null;
}

export function ruleNl(rule: string): string {
  return knownNl(rule) ?? (/[a-z] (must|is|should) /i.test(rule) ? 'is niet geldig' : rule);
}

export function fieldErrorsNl(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ field: fieldNl(e.field), rule: ruleNl(e.rule) }));
}

export function pageMessage(code: string, path: string): { title: string; message: string } {
  const known = PAGE_MESSAGE[code as ErrorCode] ?? OTHER[code] ?? OTHER.HTTP_ERROR;
  const ballot = path.toLowerCase().startsWith('/stemmen/') ? BALLOT_MESSAGE[code as ErrorCode] : undefined;
  return { title: known.title, message: ballot ?? known.message };
}
