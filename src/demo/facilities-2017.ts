import { INestApplicationContext } from '@nestjs/common';
import { AccountsService, SignedInStaff } from '../accounts/accounts.service';
import { CreateFacilityDto } from '../facilities/dto/facility.dto';
import { FacilitiesService } from '../facilities/facilities.service';
import { MembersService } from '../members/members.service';
import { Transactions } from '../platform/database/transactions';
import { DEMO_OFFICIAL_PASSWORD, DEMO_REFERENCE_DATE } from './seed-2020';

const ACTOR = 'system:demo (bestuur)';
const DEMO_TERMS = 'Looptijd, opzegtermijn en kosten van uittreden zijn in deze demo ter illustratie ingevuld; de brief van 2016 noemt ze niet.';

/**
 * The six facilities the 2016 letter names to scale up in 2017 (seed 002, part A, with its factsheets).
 * Govroam's tariff is the real one: € 1.500 once to connect and € 500 to € 2.500 a year by number of
 * users; the letter gives no band boundaries, so those are illustrative. The others cost nothing
 * according to their factsheets, except the network, whose costs the letter does not state.
 */
export const FACILITIES_2017: CreateFacilityDto[] = [
  {
    code: 'rijbewijzen',
    name: 'Aanvraag- en afgifteproces rijbewijzen',
    phase: 'development',
    description:
      'De burger laat bij een heraanvraag een foto en handtekening maken bij een erkende fotograaf en uploadt die na inlog met DigiD in het portaal van de RDW; het rijbewijs wordt via het gemeentelijke loket verstrekt. Een pilot van NVvB, RDW en vijf grote gemeenten.',
    joiningIt: 'Geen eigen ICT: de RDW levert de software die foto en handtekening vergelijkt.',
    joiningProcess: 'Minder baliebezoeken voor de aanvraag; bij de uitgifte moet de identiteit zeer secuur worden vastgesteld.',
    joiningStaff: 'Impact op het personeel (minder baliebezoek) en een veranderkundig vraagstuk; eerst een impactanalyse.',
    conditions: `Vooralsnog geen out-of-pocketkosten voor gemeenten. ${DEMO_TERMS}`,
    termYears: 1,
    noticeMonths: 3,
    exitCostCents: 0,
    tariff: { oneOffCents: 0, yearly: { kind: 'none' } },
  },
  {
    code: 'overlijdensaangifte',
    name: 'Digitale overlijdensaangifte',
    phase: 'scaling',
    description:
      'Een online formulier waarmee uitvaartverzorgers een aangifte van overlijden digitaal indienen (Ondernemingsdossier, eHerkenning 2+, Berichtenbox voor Bedrijven). Landelijk een voordeel van € 15 mln per jaar.',
    joiningIt: 'Optioneel een gestandaardiseerd koppelvlak naar de backoffice, te leveren door de eigen softwareleverancier.',
    joiningProcess: 'Geen impact op het backofficeproces; minder baliebezoeken.',
    joiningStaff: 'Minder baliebezoek.',
    conditions: `De landelijke voorziening is gratis; een koppelvlak kan kosten van de softwareleverancier meebrengen. ${DEMO_TERMS}`,
    termYears: 1,
    noticeMonths: 1,
    exitCostCents: 0,
    tariff: { oneOffCents: 0, yearly: { kind: 'none' } },
  },
  {
    code: 'verhuisservice',
    name: 'Nationale (digitale) verhuisservice',
    phase: 'scaling',
    description:
      'Een online formulier achter MijnOverheid waarmee burgers een verhuizing doorgeven, vooringevuld en met de BAG voor het nieuwe adres. Beschikbaar vanaf april 2017.',
    joiningIt: 'Optioneel een gestandaardiseerd koppelvlak naar de backoffice, te leveren door de eigen softwareleverancier.',
    joiningProcess: 'Geen impact op het backofficeproces; minder baliebezoeken.',
    joiningStaff: 'Minder baliebezoek.',
    conditions: `De landelijke voorziening is gratis; een koppelvlak kan kosten van de softwareleverancier meebrengen. ${DEMO_TERMS}`,
    termYears: 1,
    noticeMonths: 1,
    exitCostCents: 0,
    tariff: { oneOffCents: 0, yearly: { kind: 'none' } },
  },
  {
    code: 'gibit',
    name: 'Collectieve ICT-inkoopvoorwaarden (GIBIT)',
    phase: 'scaling',
    description:
      'Uniforme inkoopvoorwaarden ICT voor gemeenten, gebaseerd op de ARBIT van het Rijk, met modelcontracten en hulpmiddelen. Beschikbaar eind 2016.',
    joiningIt: 'Geen.',
    joiningProcess: 'De gemeente neemt de GIBIT op in haar eigen aanbestedingsbeleid.',
    joiningStaff: 'Inkopers, juristen en I&A-professionals bouwen kennis op van de voorwaarden en hulpmiddelen.',
    conditions: `Het gebruik van de GIBIT kost niets. ${DEMO_TERMS}`,
    termYears: 1,
    noticeMonths: 0,
    exitCostCents: 0,
    tariff: { oneOffCents: 0, yearly: { kind: 'none' } },
  },
  {
    code: 'gon',
    name: 'Gemeentelijk Overheid Netwerk (GON)',
    phase: 'development',
    description:
      'Een gesloten netwerkvoorziening met veilige koppelingen met de GDI, het Rijksoverheidnetwerk en de landelijke voorzieningen; gezamenlijke netwerkmonitoring als informatiebeveiligingsdienst.',
    joiningIt: 'Een (redundante) netwerkaansluiting op het GON; eigen datacenters en SaaS-leveranciers aansluiten; bestaande verbindingen opheffen.',
    joiningProcess: 'Eén verbinding in plaats van vele tientallen met ketenpartners.',
    joiningStaff: 'Minder beheerlast van netwerkverbindingen.',
    conditions: `De kosten zijn in de brief van 2016 niet vastgesteld; het tarief volgt. ${DEMO_TERMS}`,
    termYears: 3,
    noticeMonths: 6,
    exitCostCents: 0,
    tariff: { oneOffCents: 0, yearly: { kind: 'none' } },
  },
  {
    code: 'govroam',
    name: 'Govroam',
    phase: 'scaling',
    description:
      'Government Roaming: medewerkers loggen veilig in op het wifi-netwerk van elke aangesloten overheidsorganisatie met de gegevens van hun eigen gemeente, afgeleid van eduroam.',
    joiningIt: 'Minimale investering: een verbinding naar de centrale authenticatieserver en enkele instellingen op netwerkapparaten.',
    joiningProcess: 'Geen.',
    joiningStaff: 'Geen.',
    conditions: `Eenmalig € 1.500 voor de aansluiting en, afhankelijk van het aantal gebruikers, € 500 tot € 2.500 per jaar (brief 2016). De grenzen van de gebruikersbanden zijn ter illustratie. ${DEMO_TERMS}`,
    termYears: 1,
    noticeMonths: 3,
    exitCostCents: 0,
    tariff: {
      oneOffCents: 150_000,
      yearly: {
        kind: 'user_bands',
        bands: [
          { fromUsers: 0, toUsers: 249, cents: 50_000 },
          { fromUsers: 250, toUsers: 999, cents: 100_000 },
          { fromUsers: 1000, toUsers: 2499, cents: 175_000 },
          { fromUsers: 2500, toUsers: null, cents: 250_000 },
        ],
      },
    },
  },
];

/** Which of the demo's officials join which facility: a deterministic spread by CBS code, most for the free ones. */
const SHARE: Record<string, number> = { gibit: 1, overlijdensaangifte: 0.7, verhuisservice: 0.5, govroam: 0.35, gon: 0.08 };
const PILOT = ['GM0363', 'GM0599', 'GM0518', 'GM0344', 'GM0772']; // the rijbewijzen pilot: five large municipalities (illustrative choice)

/**
 * The catalogue and a realistic spread of members joined since the demo register's reference date
 * (30 June 2020): one made-up official for every fifth municipality signs. Idempotent.
 */
export async function seedFacilities(app: INestApplicationContext): Promise<{ created: boolean; memberships: number }> {
  const facilities = app.get(FacilitiesService);
  if ((await facilities.catalogue()).some((f) => f.code === 'govroam')) return { created: false, memberships: 0 };
  const members = await app.get(MembersService).listOn(DEMO_REFERENCE_DATE);
  const chosen = members.filter((m, i) => i % 5 === 1 || PILOT.includes(m.cbsCode));
  const accounts = app.get(AccountsService);
  const existing = new Map((await accounts.list()).map((a) => [a.email, a]));
  const officials = new Map<string, SignedInStaff>();
  // Four at a time: hashing each password (scrypt) is what takes the time, and it runs off the main thread.
  for (let start = 0; start < chosen.length; start += 4) {
    await Promise.all(
      chosen.slice(start, start + 4).map(async (m) => {
        const email = `ict.${m.cbsCode.toLowerCase()}@gemeente.example`;
        officials.set(
          m.cbsCode,
          existing.get(email) ??
            (await accounts.create(
              {
                email,
                name: `Informatiemanager ${m.name} (fictief)`,
                role: 'member_official',
                password: DEMO_OFFICIAL_PASSWORD,
                memberCode: m.cbsCode,
              },
              ACTOR,
            )),
        );
      }),
    );
  }
  let count = 0;
  await app.get(Transactions).run(async () => {
    for (const input of FACILITIES_2017) {
      const facility = await facilities.create(input, ACTOR, new Date('2020-07-01T08:00:00Z'));
      const joiners =
        facility.code === 'rijbewijzen'
          ? chosen.filter((m) => PILOT.includes(m.cbsCode))
          : chosen.filter((m, i) => !PILOT.includes(m.cbsCode) && (i * 7919) % 100 < SHARE[facility.code] * 100);
      for (const [i, m] of joiners.entries()) {
        // Joins spread over the eighteen months after July 2020, on the first of a month.
        const month = (i * 5) % 18;
        const joinedOn = `${2020 + Math.floor((6 + month) / 12)}-${String(((6 + month) % 12) + 1).padStart(2, '0')}-01`;
        // Govroam users: about one per 150 inhabitants (illustrative).
        const users = facility.tariff.yearly.kind === 'user_bands' ? Math.max(40, Math.round((m.inhabitants ?? 0) / 150)) : undefined;
        await facilities.join(facility.id, { termsVersion: 1, joinedOn, users }, officials.get(m.cbsCode)!, new Date(`${joinedOn}T08:00:00Z`));
        count++;
      }
    }
  });
  return { created: true, memberships: count };
}
