import { INestApplicationContext } from '@nestjs/common';
import { DecisionLettersService } from '../decisions/decision-letters.service';
import { DecisionsService } from '../decisions/decisions.service';
import { AskStatus } from '../decisions/decision.entity';
import { Transactions } from '../platform/database/transactions';

const ACTOR = 'system:demo (bestuur)';
export const MOTION_2018_REFERENCE = 'BALV-2018-SOCIAAL-DOMEIN-II';

/** The motion of the extraordinary ALV of 30 November 2018 with its seven asks (seed 004). */
export const MOTION_2018_TEXT = [
  'De leden van de VNG, in Buitengewone ALV bijeen op 30 november 2018, vragen het VNG-bestuur zich in te zetten voor:',
  '- Een door het kabinet gefinancierde voorziening voor gemeenten om ernstige tekorten op te vangen voor de jaren 2018, 2019 en 2020 totdat het nieuwe verdeelmodel van kracht is',
  '- Het meebewegen van het macrobudget met volumegroei en cao-ontwikkelingen',
  '- Onderzoek naar uitgaven en volumestijging jeugdhulp, afgerond voor de Voorjaarsnota',
  '- Een onderzoeksvoorstel naar de sturingsmogelijkheden in de Wmo in relatie tot de impact van centrale afspraken, waarbij gemeenten zijn betrokken, voor de ALV van 5 juni 2019',
  '- Concrete afspraken met het kabinet dat het onderzoek naar uitgaven en volumestijging jeugdzorg zwaar meeweegt bij de afwegingen voor de Voorjaarsnota en dat dit leidt tot een toereikend macrobudget',
  '- Indien de uitkomsten van het onderzoek daartoe aanleiding geven, met het kabinet af te spreken dat het kabinet in de Voorjaarsnota voorstellen doet om financiering van de jeugdzorg structureel op orde te brengen',
  '- De absolute blokkade op deel- of uitwerkingsakkoorden in het sociaal domein op te heffen, maar wel per akkoord een financiële weging te maken.',
].join('\n');

interface AskPlan {
  owner: string;
  dueFor: string | null;
  dueDate: string | null;
  progress: { on: string; text: string; status?: AskStatus }[];
}

const DELEGATION = 'Onderhandelingsdelegatie VNG-bestuur';
const ZJO = 'Commissie Zorg, Jeugd en Onderwijs (ZJO)';

/**
 * Per ask, what the board's letter before the ALV of 5 June 2019 reports (seed 004), as dated
 * progress. The dates are those the letter names; where it names only a month, the first of it (the
 * motion's own date for November 2018).
 */
const PLAN: AskPlan[] = [
  {
    owner: DELEGATION,
    dueFor: 'Voorjaarsnota 2019',
    dueDate: null,
    progress: [
      {
        on: '2019-04-02',
        status: 'in_progress',
        text: 'In het Bestuurlijk Overleg Financiële verhoudingen met de minister van BZK en de staatssecretaris van Financiën de noodzaak van een structurele financiële oplossing en de grote gevolgen van de tekorten jeugd onderstreept.',
      },
      {
        on: '2019-05-01',
        text: 'Een vervolggesprek met het kabinet over de Voorjaarsnota 2019 is in voorbereiding; onzeker is in hoeverre de Voorjaarsnota aan de strekking van de motie voldoet.',
      },
    ],
  },
  {
    owner: DELEGATION,
    dueFor: 'Voorjaarsnota 2019',
    dueDate: null,
    progress: [
      {
        on: '2019-04-01',
        status: 'in_progress',
        text: 'Op basis van de onderzoeken in gesprek met het kabinet over toevoeging van structurele middelen voor jeugdhulp en maatregelen van het Rijk om de volumegroei te beperken; contacten met Kamerleden en kabinetsleden gelegd.',
      },
    ],
  },
  {
    owner: 'VNG-bureau met de ministeries (gezamenlijk opdrachtgeverschap)',
    dueFor: 'Voorjaarsnota 2019',
    dueDate: null,
    progress: [
      {
        on: '2018-11-30',
        status: 'in_progress',
        text: 'Onderzoeken (november 2018 - maart 2019) in gezamenlijk opdrachtgeverschap gestart: volumeonderzoek, analyse van de aanvragen van het Fonds tekortgemeenten en een benchmarkonderzoek bij 26 gemeenten.',
      },
      {
        on: '2019-03-01',
        status: 'done',
        text: 'De onderzoeken zijn afgerond en aan de Tweede Kamer gezonden: het volume jeugdhulp steeg in 2015-2017 met 12,1%, bij 72% van de gemeenten nam het toe. Uit de IV-3-analyse blijkt een verslechtering van € 1,4 miljard in 2017.',
      },
    ],
  },
  {
    owner: ZJO,
    dueFor: 'ALV van 5 juni 2019',
    dueDate: '2019-06-05',
    progress: [
      {
        on: '2018-11-30',
        status: 'in_progress',
        text: 'In het Bestuurlijk Overleg Abonnementstarief van november 2018 afgesproken met VWS te onderzoeken welke sturingsmogelijkheden gemeenten hebben om te werken conform de bedoeling van de Wmo.',
      },
      {
        on: '2019-02-14',
        text: 'De commissie ZJO concludeert de focus te verleggen naar het bredere sturingsvraagstuk; nog voor de zomervakantie worden procesafspraken gemaakt. De eerste resultaten van de monitor abonnementstarief worden afgewacht.',
      },
    ],
  },
  {
    owner: DELEGATION,
    dueFor: 'Voorjaarsnota 2019',
    dueDate: null,
    progress: [
      {
        on: '2019-04-01',
        status: 'in_progress',
        text: 'Meerdere malen ambtelijk en informeel bestuurlijk overleg met het ministerie en de minister van VWS over structurele middelen op basis van de onderzoeken; het vervolggesprek over de Voorjaarsnota is in voorbereiding.',
      },
    ],
  },
  {
    owner: DELEGATION,
    dueFor: 'Voorjaarsnota 2019',
    dueDate: null,
    progress: [
      {
        on: '2019-04-01',
        status: 'in_progress',
        text: 'In gesprek met het kabinet over structurele middelen voor jeugdhulp, maatregelen die het Rijk als wetgever kan nemen en maatregelen die gemeenten zelf kunnen nemen.',
      },
    ],
  },
  {
    owner: ZJO,
    dueFor: null,
    dueDate: null,
    progress: [
      {
        on: '2018-12-06',
        status: 'in_progress',
        text: 'Hoofdlijnenakkoord GGZ: in het Bestuurlijk Overleg met de staatssecretaris van VWS ruimte gekregen om een reële claim te onderbouwen; medeondertekening pas na toezegging van de benodigde middelen en afspraken over monitoring.',
      },
    ],
  },
];

const noon = (day: string) => new Date(`${day}T10:00:00Z`);

/**
 * The 2018 motion as a decision with its seven asks in the state the board's letter reports, and
 * that letter published before the ALV of 5 June 2019. Its date (15 May 2019) is illustrative: the
 * seed does not carry it. Idempotent.
 */
export async function seedDecisions2018(app: INestApplicationContext): Promise<{ decisionId: string; letterId: string | null; created: boolean }> {
  const decisions = app.get(DecisionsService);
  const existing = (await decisions.list()).find((d) => d.reference === MOTION_2018_REFERENCE);
  if (existing) return { decisionId: existing.id, letterId: null, created: false };
  return app.get(Transactions).run(async () => {
    const decision = await decisions.register(
      {
        kind: 'motion',
        reference: MOTION_2018_REFERENCE,
        title: 'Motie "stevige structurele afspraken in het sociaal domein II"',
        text: MOTION_2018_TEXT,
        adoptedOn: '2018-11-30',
        adoptedAt: 'Buitengewone ALV van 30 november 2018',
      },
      ACTOR,
      noon('2018-11-30'),
    );
    for (const [i, ask] of decision.asks.entries()) {
      const plan = PLAN[i];
      await decisions.updateAsk(decision.id, ask.id, { owner: plan.owner, dueFor: plan.dueFor, dueDate: plan.dueDate }, ACTOR, noon('2018-12-01'));
      for (const step of plan.progress) {
        await decisions.recordProgress(decision.id, ask.id, { happenedOn: step.on, text: step.text, status: step.status }, ACTOR, noon(step.on));
      }
    }
    const letters = app.get(DecisionLettersService);
    const letter = await letters.draft({ assembly: 'ALV van 5 juni 2019', assemblyDate: '2019-06-05' }, ACTOR, noon('2019-05-15'));
    await letters.edit(
      letter.id,
      {
        intro:
          'In de Buitengewone ALV van 30 november 2018 hebben de leden de motie "stevige structurele afspraken in het sociaal domein II" aangenomen. ' +
          'In deze ledenbrief geven wij u een toelichting op de inzet van het bestuur en de ontwikkelingen in de afgelopen periode. Op dit moment zijn wij nog in gesprek met het kabinet over de Voorjaarsnota 2019 ' +
          'en is onzeker in hoeverre daarin wordt voldaan aan de strekking van de motie.',
        closing:
          'Op basis van de uitkomsten van het vervolggesprek met het kabinet komen wij zo spoedig mogelijk bij u terug met nadere informatie ten behoeve van de behandeling in de ALV van 5 juni a.s.',
      },
      ACTOR,
    );
    await letters.publish(letter.id, ACTOR, noon('2019-05-15'));
    return { decisionId: decision.id, letterId: letter.id, created: true };
  });
}
