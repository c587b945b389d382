import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFileSync } from 'fs';
import { join } from 'path';
import { AccountsService, SignedInStaff } from '../accounts/accounts.service';
import { AmendmentsService } from '../amendments/amendments.service';
import { BallotsService } from '../ballots/ballots.service';
import { ConsultationPublicationService } from '../consultations/consultation-publication.service';
import { BillingService } from '../billing/billing.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { ContributionService } from '../finance/contribution/contribution.service';
import { DecisionEffectsService } from '../finance/decision-effects/decision-effects.service';
import { FundService } from '../finance/fund/fund.service';
import { DomainError } from '../platform/http/domain-error';
import { activityList2017Csv } from './activity-list-2017';
import { MembersService } from '../members/members.service';
import { amsterdamToInstant, instantToAmsterdam } from '../platform/text/amsterdam-time';
import { projectRoot } from '../platform/text/templates';
import { Transactions } from '../platform/database/transactions';
import { CreateProposalDto } from '../proposals/dto/create-proposal.dto';
import { EXAMPLE_BRACKET_TABLE } from '../weighting';
import { WeightingSchemesService } from '../weighting-schemes/weighting-schemes.service';

const ACTOR = 'system:demo';
export const DEMO_REFERENCE = 'Lbr. 20/030';
export const DEMO_REFERENCE_DATE = '2020-06-30';

/** The 2020 register with made-up secretaries (clearly so: the .example domain receives no mail). */
export function demoRegisterCsv(): string {
  const rows: { code: string; name: string; inhabitants: string }[] = parse(readFileSync(join(projectRoot(), 'data', 'municipalities-2020.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
  return stringify(
    rows.map(({ code, name, inhabitants }) => [
      code,
      name,
      inhabitants,
      `Gemeentesecretaris ${name} (fictief)`,
      `secretaris.${code.toLowerCase()}@gemeente.example`,
    ]),
    { delimiter: ';', header: true, columns: ['code', 'name', 'inhabitants', 'secretary_name', 'secretary_email'] },
  );
}

/** The six proposals of the written consultation of June 2020 (seed 003, DOMAIN.md). */
export const PROPOSALS_2020: CreateProposalDto[] = [
  { title: 'Invulling vacatures bestuur en commissies', questionType: 'for_against' },
  { title: 'Vaststelling financieel jaarverslag 2019 inclusief GGU en decharge van het bestuur', questionType: 'for_against' },
  {
    title: 'Contributievoorstel VNG 2021',
    summary: 'Het bestuur stelt een verhoging van 3,9% voor: loon- en prijscompensatie plus 1% groei naar dekking van de kernorganisatie uit contributie.',
    questionType: 'for_against',
    value: { label: 'contributieverhoging', kind: 'percentage', value: 3.9 },
  },
  { title: 'Voorstellen GGU: kadernota, jaarlijkse bijdrage en uitbreiding met handhavingsactiviteiten', questionType: 'for_against' },
  {
    title: 'Resolutie "Norm voor Opdrachtgeverschap"',
    kind: 'resolution',
    // The resolution's agreements (seed 003), one per line: once adopted, each is followed up as an ask.
    summary: [
      'De leden komen een Norm voor Opdrachtgeverschap (NvO) overeen:',
      '- Voor jeugd stellen gemeenten in regionaal verband een regiovisie op, vastgesteld door de gemeenteraden, die de beschikbaarheid en continuïteit van jeugdfuncties borgt',
      '- Voor beschermd wonen en maatschappelijke opvang stellen gemeenten in regionaal verband een regiovisie op, vastgesteld door de gemeenteraden',
      "- De VNG houdt, in overleg met de regio's, de lijst van accounthoudende regio's voor bovenregionale aanbieders en gecertificeerde instellingen actueel",
    ].join('\n'),
    questionType: 'for_against',
  },
  { title: 'Voorstel "Cao voor de onderkant van de arbeidsmarkt"', questionType: 'for_against' },
];

export interface DemoInfo {
  consultationId: string;
  created: boolean;
  links: { memberCode: string; memberName: string; weight: number; url: string }[];
}

export const DEMO_OFFICIAL_PASSWORD = 'demo-ambtenaar-2020';

/** Member officials (made up) of the three submitters and two co-sponsors of 2020. */
const OFFICIALS: [code: string, name: string][] = [
  ['GM0489', 'Barendrecht'],
  ['GM0498', 'Drechterland'],
  ['GM1507', 'Horst aan de Maas'],
  ['GM0388', 'Enkhuizen'],
  ['GM0984', 'Venray'],
];

/**
 * The three amendments of 2020 on the contribution proposal, all of the same purport (2,9% instead of
 * 3,9%), and the board's response from letter Lbr. 20/030. The co-sponsors are illustrative: the letter
 * does not name them.
 */
async function submitAmendments2020(app: INestApplicationContext, consultationId: string, at: Date): Promise<void> {
  const accounts = app.get(AccountsService);
  const amendments = app.get(AmendmentsService);
  const officials = new Map<string, SignedInStaff>();
  for (const [code, name] of OFFICIALS) {
    officials.set(
      code,
      await accounts.create(
        {
          email: `ambtenaar.${code.toLowerCase()}@gemeente.example`,
          name: `Ambtenaar ${name} (fictief)`,
          role: 'member_official',
          password: DEMO_OFFICIAL_PASSWORD,
          memberCode: code,
        },
        ACTOR,
      ),
    );
  }
  const proposal = (await app.get(ConsultationsService).get(consultationId)).proposals.find((p) => p.number === 3)!;
  const text =
    'De contributie van de VNG stijgt in 2021 met 2,9% in plaats van de voorgestelde 3,9%: de loon- en prijscompensatie blijft, de opslag van 1% voor de ingroei van de kernorganisatie vervalt.';
  const rationale = 'Gemeenten verkeren in een slechte financiële situatie door eerdere bezuinigingen en de gevolgen van de coronamaatregelen.';
  const submitted = [
    await amendments.submit(consultationId, { proposalId: proposal.id, text, rationale, changedValue: 2.9 }, officials.get('GM0489')!, at),
    await amendments.submit(
      consultationId,
      { proposalId: proposal.id, text, rationale, changedValue: 2.9, coSponsorCodes: ['GM0388', 'GM0532'] },
      officials.get('GM0498')!,
      at,
    ),
    await amendments.submit(
      consultationId,
      { proposalId: proposal.id, text, rationale, changedValue: 2.9, coSponsorCodes: ['GM0984', 'GM1894'] },
      officials.get('GM1507')!,
      at,
    ),
  ];
  await amendments.confirm(submitted[1].id, officials.get('GM0388')!, at);
  await amendments.confirm(submitted[2].id, officials.get('GM0984')!, at);
  const reasoning =
    'Wij delen de financiële zorgen van de indienende gemeenten en ervaren ook zelf de gevolgen van eerdere bezuinigingen en de coronacrisis. ' +
    'De VNG heeft de middelen uit het contributievoorstel echter hard nodig om zich juist in coronatijd extra in te zetten in de belangenbehartiging en voor producten en dienstverlening voor de leden. ' +
    'Het contributievoorstel is bovendien gebaseerd op meerjarige afspraken, waarmee de ALV in juni 2018 met een meerderheid van 96% heeft ingestemd. ' +
    'Gelet hierop nemen wij de amendementen op het contributievoorstel niet over en handhaven wij ons eerdere voorstel.';
  for (const amendment of submitted) {
    await amendments.respond(
      amendment.id,
      { response: 'not_adopt', reasoning, purport: 'beperking contributiestijging 2021 tot 2,9%' },
      'system:demo (bestuur)',
      at,
    );
  }
}

/**
 * The money the demo's votes set: the 2020 contribution schedule (example rates, labelled so: the 2020
 * rates are not in our sources), proposal 3 setting the 2021 contribution by the adopted percentage,
 * and the 2017 activity list of seed 002 as the collective fund's first budget (for 2021), which
 * proposal 4 adopts. The list's slip (structural 25,452,000 stated, 25,542,000 in the items) refuses
 * the import; the demo then accepts the items' sums, and that correction stays with the budget.
 */
async function seedFinance2020(app: INestApplicationContext, consultationId: string): Promise<void> {
  await app.get(ContributionService).create(
    {
      year: 2020,
      referenceDate: DEMO_REFERENCE_DATE,
      membersOn: DEMO_REFERENCE_DATE,
      bandMode: 'whole_population',
      bands: [
        { fromInhabitants: 0, ratePerInhabitant: '1.61' },
        { fromInhabitants: 5000, ratePerInhabitant: '1.48' },
        { fromInhabitants: 25000, ratePerInhabitant: '1.28' },
        { fromInhabitants: 200000, ratePerInhabitant: '0.63' },
      ],
      basis: 'VOORBEELDTARIEVEN voor de demo (de tarieven 2020 staan niet in onze bronnen); peildatum: het register van 30 juni 2020',
    },
    ACTOR,
  );
  const proposals = (await app.get(ConsultationsService).get(consultationId)).proposals;
  const effects = app.get(DecisionEffectsService);
  await effects.attach(proposals.find((p) => p.number === 3)!.id, { kind: 'contribution_raise', year: 2021, referenceDate: DEMO_REFERENCE_DATE }, ACTOR);
  const fund = app.get(FundService);
  const budget = {
    title: 'Begroting collectief fonds 2021 (activiteitenlijst 2017)',
    firstYear: 2021,
    lastYear: 2021,
    referenceDate: DEMO_REFERENCE_DATE,
    source: 'Ledenbrief BALV 2016, bijlage B: activiteitenlijst 2017 (bedragen per jaar), als eerste begroting van het fonds',
    csv: activityList2017Csv(2021),
  };
  try {
    await fund.import(budget, ACTOR);
  } catch (error) {
    // The refusal report names the slip; the demo accepts the items' sums, as the board would after checking.
    if (!(error instanceof DomainError) || error.code !== 'IMPORT_REFUSED') throw error;
  }
  const imported = await fund.import({ ...budget, acceptComputedSums: true }, ACTOR);
  await effects.attach(proposals.find((p) => p.number === 4)!.id, { kind: 'fund_budget', fundBudgetId: imported.id }, ACTOR);
}

/**
 * The 2020 contribution invoiced, so the board's invoice pages and the member officials' pages have
 * something to show: one run (two instalments, 1 March and 1 September 2020), run here rather than
 * by the worker so the invoices are there when the demo starts (the worker's copy of the job then
 * finds the run done and changes nothing). The rates are the demo's example rates, and so are the
 * invoices: 355 invoice mails land in var/outbox/ like the invitations.
 */
async function invoiceContribution2020(app: INestApplicationContext, now: Date): Promise<void> {
  const billing = app.get(BillingService);
  const run = await billing.startRun({ year: 2020, source: 'contribution', instalments: 2, firstDueOn: '2020-03-01' }, ACTOR);
  await billing.executeRun(run.id, now, ACTOR);
}

/** Seeds the register and the 2020 consultation, open for voting until a few days from now. Idempotent. */
export async function seedDemo(app: INestApplicationContext, now = new Date()): Promise<DemoInfo> {
  const consultations = app.get(ConsultationsService);
  const existing = (await consultations.list(false)).find((c) => c.reference === DEMO_REFERENCE);
  const ballots = app.get(BallotsService);
  if (existing) return { consultationId: existing.id, created: false, links: await ballots.secretaryLinks(existing.id) };

  return app.get(Transactions).run(async () => {
    const schemes = app.get(WeightingSchemesService);
    const scheme =
      (await schemes.list()).find((s) => s.isExample) ??
      (await schemes.create(
        {
          name: 'Voorbeeldtabel stemgewichten (NIET de statutaire tabel)',
          definition: { kind: 'brackets', brackets: EXAMPLE_BRACKET_TABLE },
          source: 'Voorbeeld voor de demo: de statutaire stemmentabel van de vereniging staat niet in onze bronnen; een beheerder voert de echte in.',
          effectiveFrom: '2020-01-01',
          isExample: true,
        },
        ACTOR,
      ));

    await app.get(MembersService).import(
      {
        referenceDate: DEMO_REFERENCE_DATE,
        source: 'CBS 37230ned, bevolking eind juni 2020',
        csv: demoRegisterCsv(),
        dryRun: false,
      },
      ACTOR,
    );

    // The 2020 timeline, moved: the amendment window closed an hour ago, and voting closes at 12:00
    // Amsterdam time five days from now, so a newcomer can vote at once.
    const hour = 3600_000;
    const started = new Date(now.getTime() - 72 * hour);
    const deadlineDay = instantToAmsterdam(new Date(now.getTime() + 5 * 24 * hour)).slice(0, 10);
    const consultation = await consultations.create(
      {
        kind: 'ledenraadpleging',
        title: 'Ledenraadpleging juni 2020 (schriftelijke besluitvorming ALV)',
        reference: DEMO_REFERENCE,
        referenceDate: DEMO_REFERENCE_DATE,
        weightingSchemeId: scheme.id,
        amendmentDeadline: new Date(now.getTime() - hour).toISOString(),
        votingDeadline: instantToAmsterdam(amsterdamToInstant(`${deadlineDay}T12:00`)),
      },
      ACTOR,
      started,
    );
    for (const proposal of PROPOSALS_2020) await consultations.addProposal(consultation.id, proposal, ACTOR);
    await consultations.openAmendments(consultation.id, ACTOR, started);
    await submitAmendments2020(app, consultation.id, new Date(started.getTime() + hour));
    await seedFinance2020(app, consultation.id);
    await invoiceContribution2020(app, now);
    await app.get(ConsultationPublicationService).publishFinalProposals(consultation.id, ACTOR, now);
    await consultations.openVoting(consultation.id, ACTOR, now);
    return { consultationId: consultation.id, created: true, links: await ballots.secretaryLinks(consultation.id) };
  });
}
