import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { seedDecisions2018 } from '../demo/decisions-2018';
import { seedFacilities } from '../demo/facilities-2017';
import { DEMO_OFFICIAL_PASSWORD, DemoInfo, seedDemo } from '../demo/seed-2020';
import { seedSubscriptions2017, SubscriptionsDemoInfo } from '../demo/seed-subscriptions-2017';
import { AppConfig, loadConfig } from '../platform/config/app-config';
import { prepareDatabase } from '../platform/database/prepare-database';

/** Database, migrations and the 2020 demo consultation; prints where to click. */
export async function prepareDemo(config: AppConfig = loadConfig()): Promise<DemoInfo & { subscriptions?: SubscriptionsDemoInfo }> {
  await prepareDatabase(config.DATABASE_URL);
  const context = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const demo = await seedDemo(context);
    await seedDecisions2018(context);
    await seedFacilities(context);
    return { ...demo, subscriptions: await seedSubscriptions2017(context) };
  } finally {
    await context.close();
  }
}

export function describeDemo(config: AppConfig, demo: DemoInfo & { subscriptions?: SubscriptionsDemoInfo }): string {
  const base = config.PUBLIC_URL.replace(/\/$/, '');
  const pick = ['GM0363', 'GM0599', 'GM0489', 'GM0498', 'GM0088'];
  return [
    '',
    `VNG Ledenraadpleging: ${base} (API-documentatie: ${base}/api/docs)`,
    `Demo ${demo.created ? 'aangemaakt' : 'al aanwezig'}: ${base}/raadplegingen/${demo.consultationId}`,
    `Bestuur: ${base}/bestuur/inloggen met ${config.BOARD_EMAIL} / ${config.BOARD_PASSWORD}`,
    `Definitieve voorstellen met de drie amendementen van 2020: ${base}/raadplegingen/${demo.consultationId}/definitieve-voorstellen`,
    `Besluiten en moties (de motie van de BALV 2018 met haar zeven verzoeken): ${base}/besluiten`,
    `Gezamenlijke voorzieningen: ${base}/voorzieningen; bestuur: ${base}/bestuur/voorzieningen?jaar=2021; een gemeente: inloggen als ict.gm0010@gemeente.example / ${DEMO_OFFICIAL_PASSWORD}`,
    `Financiën (contributie, collectief fonds, de factuurrun contributie 2020 en haar facturen): ${base}/bestuur/financien`,
    `Ambtenaren (${base}/gemeente: amendementen en moties, facturen, abonnementen en voorzieningen van de eigen gemeente): ambtenaar.gm0489@gemeente.example e.a. / ${DEMO_OFFICIAL_PASSWORD}`,
    `Bureau en bestuur: ledenregister ${base}/bestuur/leden, accounts ${base}/bestuur/accounts, audittrail ${base}/bestuur/audit, een nieuwe raadpleging ${base}/bestuur/nieuwe-raadpleging; een ontvangstcode controleren: ${base}/ontvangstcode`,
    'Stemformulieren van enkele gemeentesecretarissen:',
    ...demo.links.filter((l) => pick.includes(l.memberCode)).map((l) => `  ${l.memberName.padEnd(16)} ${String(l.weight).padStart(2)} stemmen: ${l.url}`),
    ...(demo.subscriptions
      ? [
          `Abonnementen sociaal domein (besluit BALV 2016, contracten 2018-2021, tekentermijn verschoven naar over twee weken): ${base}/bestuur/abonnementen/${demo.subscriptions.arrangementId}`,
          `  Tekenen in de browser: ${base}/bestuur/inloggen als ${demo.subscriptions.signingOfficial} (Tilburg) of ${demo.subscriptions.exemptOfficial} (Amsterdam, zonder Sensoor) / ${DEMO_OFFICIAL_PASSWORD}`,
          `  Alleen-lezen als aanbieder: ${base}/bestuur/inloggen als ${demo.subscriptions.providerAccount} (De Kindertelefoon) / ${DEMO_OFFICIAL_PASSWORD}`,
        ]
      : []),
    '',
  ].join('\n');
}

if (require.main === module) {
  const config = loadConfig();
  prepareDemo(config)
    .then((demo) => console.log(describeDemo(config, demo)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
