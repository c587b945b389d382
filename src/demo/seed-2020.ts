import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFileSync } from 'fs';
import { join } from 'path';
import { BallotsService } from '../ballots/ballots.service';
import { ConsultationsService } from '../consultations/consultations.service';
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
  const rows: { code: string; name: string; inhabitants: string }[] = parse(
    readFileSync(join(projectRoot(), 'data', 'municipalities-2020.csv'), 'utf8'), { columns: true, skip_empty_lines: true },
  );
  return stringify(
    rows.map(({ code, name, inhabitants }) => [code, name, inhabitants, `Gemeentesecretaris ${name} (fictief)`, `secretaris.${code.toLowerCase()}@gemeente.example`]),
    { delimiter: ';', header: true, columns: ['code', 'name', 'inhabitants', 'secretary_name', 'secretary_email'] },
  );
}

/** The six proposals of the written consultation of June 2020 (seed 003, DOMAIN.md). */
export const PROPOSALS_2020: CreateProposalDto[] = [
  { title: 'Invulling vacatures bestuur en commissies', questionType: 'for_against' },
  { title: 'Vaststelling financieel jaarverslag 2019 inclusief GGU en decharge van het bestuur', questionType: 'for_against' },
  {
    title: 'Contributievoorstel 2021',
    summary: 'Het bestuur stelt een verhoging van 3,9% voor: loon- en prijscompensatie plus 1% groei naar dekking van de kernorganisatie uit contributie. '
      + 'Drie amendementen van gelijke strekking (Barendrecht, Drechterland c.s. en Horst aan de Maas c.s.) beperken de verhoging tot 2,9%; het bestuur heeft ze niet overgenomen.',
    questionType: 'alternatives',
    variants: [
      { label: 'Voorstel bestuur: contributieverhoging 3,9%' },
      { label: 'Geamendeerd voorstel (Barendrecht, Drechterland c.s. en Horst aan de Maas c.s.): contributieverhoging 2,9%' },
    ],
  },
  { title: 'Voorstellen GGU: kadernota, jaarlijkse bijdrage en uitbreiding met handhavingsactiviteiten', questionType: 'for_against' },
  { title: 'Resolutie "Norm voor Opdrachtgeverschap"', questionType: 'for_against' },
  { title: 'Voorstel "Cao voor de onderkant van de arbeidsmarkt"', questionType: 'for_against' },
];

export interface DemoInfo {
  consultationId: string;
  created: boolean;
  links: { memberCode: string; memberName: string; weight: number; url: string }[];
}

/** Seeds the register and the 2020 consultation, open for voting until a few days from now. Idempotent. */
export async function seedDemo(app: INestApplicationContext, now = new Date()): Promise<DemoInfo> {
  const consultations = app.get(ConsultationsService);
  const existing = (await consultations.list(false)).find((c) => c.reference === DEMO_REFERENCE);
  const ballots = app.get(BallotsService);
  if (existing) return { consultationId: existing.id, created: false, links: await ballots.secretaryLinks(existing.id) };

  return app.get(Transactions).run(async () => {
    const schemes = app.get(WeightingSchemesService);
    const scheme = (await schemes.list()).find((s) => s.isExample) ?? await schemes.create({
      name: 'Voorbeeldtabel stemgewichten (NIET de statutaire tabel)',
      definition: { kind: 'brackets', brackets: EXAMPLE_BRACKET_TABLE },
      source: 'Voorbeeld voor de demo: de statutaire stemmentabel van de vereniging staat niet in onze bronnen; een beheerder voert de echte in.',
      effectiveFrom: '2020-01-01',
      isExample: true,
    }, ACTOR);

    await app.get(MembersService).import({
      referenceDate: DEMO_REFERENCE_DATE, source: 'CBS 37230ned, bevolking eind juni 2020', csv: demoRegisterCsv(), dryRun: false,
    }, ACTOR);

    // The deadline moves to 12:00 Amsterdam time, five days from now, so a newcomer can vote at once.
    const deadlineDay = instantToAmsterdam(new Date(now.getTime() + 5 * 24 * 3600_000)).slice(0, 10);
    const consultation = await consultations.create({
      kind: 'ledenraadpleging',
      title: 'Ledenraadpleging juni 2020 (schriftelijke besluitvorming ALV)',
      reference: DEMO_REFERENCE,
      referenceDate: DEMO_REFERENCE_DATE,
      weightingSchemeId: scheme.id,
      votingDeadline: instantToAmsterdam(amsterdamToInstant(`${deadlineDay}T12:00`)),
    }, ACTOR, now);
    for (const proposal of PROPOSALS_2020) await consultations.addProposal(consultation.id, proposal, ACTOR);
    await consultations.publishFinalProposals(consultation.id, ACTOR);
    await consultations.openVoting(consultation.id, ACTOR, now);
    return { consultationId: consultation.id, created: true, links: await ballots.secretaryLinks(consultation.id) };
  });
}
