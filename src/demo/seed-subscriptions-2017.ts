import { INestApplicationContext } from '@nestjs/common';
import { AccountsService, SignedInStaff } from '../accounts/accounts.service';
import { BallotsService } from '../ballots/ballots.service';
import { ConsultationPublicationService } from '../consultations/consultation-publication.service';
import { ConsultationsService } from '../consultations/consultations.service';
import { MembersService } from '../members/members.service';
import { amsterdamToInstant, instantToAmsterdam } from '../platform/text/amsterdam-time';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { WeightingSchemesService } from '../weighting-schemes/weighting-schemes.service';
import { DEMO_OFFICIAL_PASSWORD, DEMO_REFERENCE_DATE } from './seed-2020';

const ACTOR = 'system:demo';
export const SUBSCRIPTIONS_REFERENCE = 'U201700258';

/** The municipalities that organise Luisterend Oor themselves (G4 and six others; letter U201700258). */
export const EXEMPT_2017 = ['GM0363', 'GM0599', 'GM0518', 'GM0344', 'GM1859', 'GM0637', 'GM1926', 'GM1621', 'GM0654', 'GM1930'];

/** Budgets (BALV 2016, proposal D) and the 2018 tariffs (letter U201700258). */
const PROVIDERS = [
  { code: 'akj', name: 'Stichting AKJ', service: 'Vertrouwenswerk Jeugd', budgetCents: 750_000_000, tariffCents: 44, takenByExempt: true },
  { code: 'kindertelefoon', name: 'Stichting De Kindertelefoon', service: 'Kindertelefoon', budgetCents: 383_000_000, tariffCents: 23, takenByExempt: true },
  { code: 'sensoor', name: 'Stichting Sensoor', service: 'Luisterend Oor', budgetCents: 394_000_000, tariffCents: 25, takenByExempt: false },
];

export interface SubscriptionsDemoInfo {
  arrangementId: string;
  created: boolean;
  signingOfficial: string;
  exemptOfficial: string;
  /** A provider account (Kindertelefoon) for the providers' read-only view. */
  providerAccount: string;
}

/**
 * The 2016 decision and the 2018 subscriptions, on the 2020 register (the nearest real register we
 * have). The BALV of November 2016 is replayed with its own dates and published: proposal D adopted
 * (unanimously; which members voted is illustrative). The signing deadline of 1 June 2017 is moved to
 * two weeks from now, so a newcomer can sign; which members signed, refused or answered the poll is
 * made up. Idempotent.
 */
export async function seedSubscriptions2017(app: INestApplicationContext, now = new Date()): Promise<SubscriptionsDemoInfo> {
  const subscriptions = app.get(SubscriptionsService);
  const signingOfficial = 'ambtenaar.gm0855@gemeente.example';
  const exemptOfficial = 'ambtenaar.gm0363@gemeente.example';
  const providerAccount = 'controller@kindertelefoon.example';
  const existing = (await subscriptions.list()).find((a) => a.reference === SUBSCRIPTIONS_REFERENCE);
  if (existing) return { arrangementId: existing.id, created: false, signingOfficial, exemptOfficial, providerAccount };

  const consultations = app.get(ConsultationsService);
  const scheme = (await app.get(WeightingSchemesService).list()).find((s) => s.isExample)!;
  const at = (local: string) => amsterdamToInstant(local);
  const balv = await consultations.create(
    {
      kind: 'balv',
      title: 'Buitengewone ALV november 2016 (nagespeeld op het register van 2020)',
      reference: 'BALV 2016',
      referenceDate: DEMO_REFERENCE_DATE,
      weightingSchemeId: scheme.id,
      votingDeadline: '2016-11-30T12:00',
      reminderHoursBefore: [24],
    },
    ACTOR,
    at('2016-11-01T09:00'),
  );
  await consultations.addProposal(
    balv.id,
    {
      title: 'Voorstel D: Kindertelefoon, vertrouwenswerk, luisterend oor',
      summary:
        'Vanaf 2018 betalen alle gemeenten de drie landelijke instellingen rechtstreeks per inwoner (90 cent, prijspeil 2017, jaarlijks geïndexeerd), met een abonnement van vier jaar (2018 tot en met 2021).',
      questionType: 'for_against',
    },
    ACTOR,
  );
  await app.get(ConsultationPublicationService).publishFinalProposals(balv.id, ACTOR, at('2016-11-02T09:00'));
  await consultations.openVoting(balv.id, ACTOR, at('2016-11-02T09:05'));
  const proposal = (await consultations.get(balv.id)).proposals[0];
  const forChoice = proposal.choices.find((c) => c.kind === 'for')!;
  const ballots = app.get(BallotsService);
  const links = await ballots.secretaryLinks(balv.id);
  // Unanimous, as the letter to the minister says; the members that vote here are the 40 largest.
  const members = await app.get(MembersService).listOn(DEMO_REFERENCE_DATE);
  const largest = new Set(
    [...members]
      .sort((a, b) => (b.inhabitants ?? 0) - (a.inhabitants ?? 0))
      .slice(0, 40)
      .map((m) => m.cbsCode),
  );
  for (const link of links.filter((l) => largest.has(l.memberCode))) {
    await ballots.submit(
      link.url.split('/stemmen/')[1],
      { voterName: `Gemeentesecretaris ${link.memberName} (fictief)`, voterRole: 'secretary', answers: [{ proposalId: proposal.id, choiceId: forChoice.id }] },
      at('2016-11-29T10:00'),
    );
  }
  await consultations.closeVoting(balv.id, ACTOR, at('2016-11-30T12:00'));
  await app.get(ConsultationPublicationService).publishResults(balv.id, ACTOR, at('2016-11-30T14:00'));

  const deadlineDay = instantToAmsterdam(new Date(now.getTime() + 14 * 24 * 3600_000)).slice(0, 10);
  const arrangement = await subscriptions.create(
    {
      title: 'Abonnementen Kindertelefoon, Luisterend Oor en Vertrouwenswerk Jeugd 2018-2021',
      reference: SUBSCRIPTIONS_REFERENCE,
      decidedByConsultationId: balv.id,
      decidedByProposalNumber: 1,
      referenceDate: DEMO_REFERENCE_DATE,
      firstYear: 2018,
      lastYear: 2021,
      signingDeadline: `${deadlineDay}T12:00`,
      firstInvoiceDate: '2017-12-01',
      officeName: 'Administratiekantoor (beheer en betaling)',
      officeCostCents: 5_000_000,
      providers: PROVIDERS,
      exemptMemberCodes: EXEMPT_2017,
    },
    ACTOR,
  );

  // Made up: every ninth member signs, three refuse, five late members answer the poll.
  const accounts = app.get(AccountsService);
  const officialOf = async (code: string, name: string): Promise<SignedInStaff> =>
    accounts.create(
      {
        email: `ambtenaar.${code.toLowerCase()}@gemeente.example`,
        name: `Ambtenaar ${name} (fictief)`,
        role: 'member_official',
        password: DEMO_OFFICIAL_PASSWORD,
        memberCode: code,
      },
      ACTOR,
    );
  const contracts = (await subscriptions.progress(arrangement.id)).contracts;
  const byCode = [...contracts].sort((a, b) => a.cbsCode.localeCompare(b.cbsCode));
  // Tilburg and Amsterdam, and the five officials of the 2020 demo, are left to sign in the browser.
  const seeded = new Set(['GM0855', 'GM0363', 'GM0489', 'GM0498', 'GM1507', 'GM0388', 'GM0984']);
  const signers = byCode.filter((c, i) => i % 9 === 4 && !seeded.has(c.cbsCode));
  const refusers = byCode.filter((c, i) => i % 101 === 50 && !seeded.has(c.cbsCode));
  const signedAt = new Date(now.getTime() - 3 * 24 * 3600_000);
  for (const c of signers) {
    const official = await officialOf(c.cbsCode, c.memberName);
    const { textSha256 } = await subscriptions.contractFor(c.id, official);
    await subscriptions.sign(
      c.id,
      { variant: c.variant, signatoryName: `Wethouder ${c.memberName} (fictief)`, signatoryRole: 'wethouder', textSha256 },
      official,
      signedAt,
    );
  }
  for (const c of refusers) {
    const official = await officialOf(c.cbsCode, c.memberName);
    await subscriptions.refuse(
      c.id,
      {
        signatoryName: `Wethouder ${c.memberName} (fictief)`,
        signatoryRole: 'wethouder',
        reason: 'De raad heeft nog geen middelen beschikbaar gesteld (fictief).',
      },
      official,
      signedAt,
    );
  }
  await officialOf('GM0855', 'Tilburg');
  await officialOf('GM0363', 'Amsterdam');
  await accounts.create(
    {
      email: providerAccount,
      name: 'Controller De Kindertelefoon (fictief)',
      role: 'provider',
      password: DEMO_OFFICIAL_PASSWORD,
      provider: 'Stichting De Kindertelefoon',
    },
    ACTOR,
  );
  const late = byCode.filter((c) => c.status === 'pending' && !signers.includes(c) && !refusers.includes(c) && !seeded.has(c.cbsCode)).slice(0, 5);
  for (const [i, c] of late.entries()) {
    await subscriptions.recordPollAnswer(
      arrangement.id,
      { memberCode: c.cbsCode, prefersCollectiveFunding: i !== 2, expectedSigningDate: '2017-07-15', remark: 'Fictief antwoord voor de demo.' },
      ACTOR,
    );
  }
  return { arrangementId: arrangement.id, created: true, signingOfficial, exemptOfficial, providerAccount };
}
