import { INestApplicationContext } from '@nestjs/common';
import { startWorker } from '../src/worker';
import { startTestApp, TestApp } from './setup/test-app';
import {
  choiceOf,
  createScheme,
  EXAMPLE_TABLE,
  FIVE_MEMBERS,
  importRegister,
  OpenConsultation,
  openConsultation,
  secretaryTokens,
  vote,
} from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { until } from './support/wait';

const TITLE = 'Motie "Samen sterk" & meer';
const ESCAPED_TITLE = 'Motie &quot;Samen sterk&quot; &amp; meer';

describe('every mail as text and HTML, with quotes and ampersands intact', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: INestApplicationContext;
  let c: OpenConsultation;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: sink.url });
    worker = await startWorker();
    await importRegister(t, FIVE_MEMBERS);
    c = await openConsultation(t, await createScheme(t, EXAMPLE_TABLE), [{ title: "Cao's <onderkant> arbeidsmarkt", questionType: 'for_against' }], {
      title: TITLE,
    });
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  it('sends the invitation as multipart/alternative: the text part as typed, the HTML part escaped once', async () => {
    await until(() => sink.received().some((m) => m.to === 'secretaris.gm0363@gemeente.example'));
    const mail = sink.received().find((m) => m.to === 'secretaris.gm0363@gemeente.example')!;
    expect(mail.contentType).toBe('multipart/alternative');
    expect(mail.subject).toBe(`Stemformulier ${TITLE} voor gemeente Amsterdam`);

    expect(mail.body).toContain(`Hierbij ontvangt u het stemformulier voor de ${TITLE}.`);
    expect(mail.body).toContain("1. Cao's <onderkant> arbeidsmarkt");
    expect(mail.body).not.toMatch(/&quot;|&amp;|&#x27;|&#39;|&lt;|&gt;/);

    const html = mail.html!;
    expect(html).toMatch(/^<!doctype html>\s*<html lang="nl">/);
    expect(html).toContain(`<title>Stemformulier ${ESCAPED_TITLE} voor gemeente Amsterdam</title>`);
    expect(html).toContain(`Hierbij ontvangt u het stemformulier voor de ${ESCAPED_TITLE}.`);
    // Handlebars escapes an apostrophe as &#x27;, our text-to-HTML as &#39;: either reads as ', neither twice.
    expect(html).toContain('1. Cao&#39;s &lt;onderkant&gt; arbeidsmarkt');
    expect(html).not.toContain(TITLE);
    expect(html).not.toMatch(/&amp;(quot|amp|lt|gt|#39|#x27);/);
    // The personal link is a link; the association's name and address are in the footer.
    const link = /\/stemmen\/([A-Za-z0-9_-]{43})/.exec(mail.body)![0];
    expect(html).toContain(`<a href="http://localhost:3000${link}">http://localhost:3000${link}</a>`);
    expect(html).toMatch(/Vereniging van Nederlandse Gemeenten<br>\s*Postbus 30435, 2500 GK Den Haag<br>/);
  });

  it("sends the receipt, rendered by the vote's own SQL context, with the voter's name as typed", async () => {
    const tokens = await secretaryTokens(t, c.id);
    const res = await vote(t, c.id, tokens.get('GM0489')!, [choiceOf(c, 1, 'for')], 'M. d\'Hondt & Zn. "waarnemend"').expect(201);
    await until(() => sink.received().some((m) => m.subject.includes(res.body.receiptCode)));
    const receipt = sink.received().find((m) => m.subject.includes(res.body.receiptCode))!;
    expect(receipt.contentType).toBe('multipart/alternative');
    expect(receipt.body).toContain(`De stem van de gemeente Barendrecht, uitgebracht door M. d'Hondt & Zn. "waarnemend", is ontvangen op`);
    expect(receipt.html).toContain('uitgebracht door M. d&#39;Hondt &amp; Zn. &quot;waarnemend&quot;, is ontvangen op');
    expect(receipt.html).toContain(`Ontvangstcode: ${res.body.receiptCode}`);
  });
});
