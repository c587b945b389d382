import { TestApp } from '../setup/test-app';
import { auth, choiceOf, createScheme, EXAMPLE_TABLE, OpenConsultation, openConsultation, secretaryTokens, vote } from './factories';

/**
 * A consultation with figures worked out by hand, for the result pages and the open data. The
 * register is FIVE_MEMBERS (import it first), weighted by EXAMPLE_TABLE:
 *
 *   Amsterdam 869.709 inhabitants (≥ 400.000) 12 · Rotterdam 650.459 (≥ 400.000) 12 ·
 *   Barendrecht 48.654 (30.000–49.999) 5 · Drechterland 19.775 (10.000–19.999) 3 ·
 *   Schiermonnikoog 953 (< 5.000) 1 — together 33 votes of 5 members.
 *
 * Four members vote, Drechterland does not. Turnout: 4 of 5 members = 80,00%; 12 + 12 + 5 + 1 = 30
 * of 33 weighted votes = 90,909…% = 90,91%. Barendrecht votes twice: its first vote (against, against,
 * against) is replaced by the second, which counts.
 *
 *   member           1 (alternatives)              2 (motion)   3 (reglement)
 *   Amsterdam   12   Voorstel bestuur: +3,9%       Voor         Voor
 *   Rotterdam   12   Geamendeerd voorstel: +2,9%   Tegen        Tegen
 *   Barendrecht  5   Geamendeerd voorstel: +2,9%   Voor         Onthouding
 *   Schiermonn.  1   Tegen beide voorstellen       Onthouding   Onthouding
 *
 * Proposal 1: cast 12 + 17 + 1 = 30; the two variants together 29 of 30 pass; the amended proposal has
 *   the most (12 + 5 = 17): adopted. Shares 12/30 = 40,00%, 17/30 = 56,666…% = 56,67%,
 *   1/30 = 3,333…% = 3,33%; abstain 0, outside the base.
 * Proposal 2: for 12 + 5 = 17, against 12, cast 29: 17/29 = 58,620…% = 58,62% adopted;
 *   12/29 = 41,379…% = 41,38%; Schiermonnikoog's 1 abstains.
 * Proposal 3: for 12, against 12, abstain 5 + 1 = 6: cast 24, a tie: rejected; 50,00% each.
 */
export const MOTION_TITLE = 'Motie "Samen sterk" & meer';

export const RESULT_PROPOSALS = [
  {
    title: 'Contributievoorstel 2021',
    questionType: 'alternatives',
    variants: [{ label: 'Voorstel bestuur: +3,9%' }, { label: 'Geamendeerd voorstel: +2,9%' }],
  },
  { title: MOTION_TITLE, questionType: 'for_against' },
  { title: 'Wijziging huishoudelijk reglement', questionType: 'for_against' },
];

const VOTES: [code: string, voter: string, answers: [string, string, string]][] = [
  ['GM0363', 'A. Amsterdammer', ['Voorstel bestuur: +3,9%', 'for', 'for']],
  ['GM0599', 'R. Rotterdammer', ['Geamendeerd voorstel: +2,9%', 'against', 'against']],
  ['GM0489', 'B. Barendrechter', ['Geamendeerd voorstel: +2,9%', 'for', 'abstain']],
  ['GM0088', 'S. Schiermonnikoger', ['against', 'abstain', 'abstain']],
];

export interface ResultScenario {
  c: OpenConsultation;
  /** The receipt code of the vote that counts, per member code. */
  receipts: Map<string, string>;
  /** Barendrecht's first receipt, replaced by its second vote. */
  replacedReceipt: string;
}

/** Opens, votes as in the table above, closes and (unless told not to) publishes. */
export async function resultScenario(
  t: TestApp,
  options: { title?: string; secrecy?: 'open' | 'confidential'; publish?: boolean } = {},
): Promise<ResultScenario> {
  const c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), RESULT_PROPOSALS, {
    title: options.title ?? 'Ledenraadpleging juni',
    reference: 'Lbr. 20/030',
    secrecy: options.secrecy ?? 'open',
  });
  const tokens = await secretaryTokens(t, c.id);
  const first = await vote(
    t,
    c.id,
    tokens.get('GM0489')!,
    [1, 2, 3].map((n) => choiceOf(c, n, 'against')),
    'B. Barendrechter',
  ).expect(201);
  const receipts = new Map<string, string>();
  for (const [code, voter, answers] of VOTES) {
    const res = await vote(
      t,
      c.id,
      tokens.get(code)!,
      answers.map((answer, i) => choiceOf(c, i + 1, answer)),
      voter,
    ).expect(201);
    receipts.set(code, res.body.receiptCode as string);
  }
  await t.http().post(`/api/consultations/${c.id}/close-voting`).set(auth(t)).expect(200);
  if (options.publish !== false) await t.http().post(`/api/consultations/${c.id}/publish-results`).set(auth(t)).expect(200);
  return { c, receipts, replacedReceipt: first.body.receiptCode as string };
}
