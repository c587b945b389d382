import PDFDocument from 'pdfkit';
import { ASSOCIATION } from '../platform/text/association';
import { DefinitiveLetter } from './amendments.repository';

/** The member letter "Definitieve voorstellen" as a PDF (A4, standard fonts, uncompressed text). */
export function definitiveLetterPdf(letter: DefinitiveLetter): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      compress: false,
      info: { Title: `Definitieve voorstellen ${letter.consultationTitle}`, Author: ASSOCIATION.naam },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(14).text(ASSOCIATION.naam);
    doc.font('Helvetica').fontSize(9).text(ASSOCIATION.postadres).text(`${ASSOCIATION.bezoekadres} · ${ASSOCIATION.telefoon} · ${ASSOCIATION.website}`);
    doc.moveDown();
    doc.fontSize(10).text('Aan: de leden (college en raad)');
    doc.text(`Datum: ${letter.date}`);
    if (letter.reference) doc.text(`Kenmerk: ${letter.reference}`);
    doc.text(`Betreft: Definitieve voorstellen ${letter.consultationTitle}`);
    doc.moveDown();
    doc.text(
      `Hierbij ontvangt u de definitieve voorstellen met de reactie van het bestuur op de ingediende amendementen en moties. U kunt stemmen tot ${letter.votingDeadline}.`,
    );
    for (const p of letter.proposals) {
      doc.moveDown().font('Helvetica-Bold').fontSize(12).text(`${p.number}. ${p.title}`);
      doc.font('Helvetica').fontSize(10);
      if (p.value) doc.text(`Voorstel: ${p.value}${p.version > 1 ? ` (versie ${p.version})` : ''}`);
      if (p.amendments.length === 0) doc.text('Op dit voorstel zijn geen amendementen ingediend; het wordt ongewijzigd voorgelegd.');
      for (const a of p.amendments) {
        doc
          .moveDown(0.5)
          .font('Helvetica-Bold')
          .text(`Amendement ${a.reference} van ${a.submitters}${a.changedValue ? ` (${a.changedValue})` : ''}`);
        doc.font('Helvetica').text(a.text).text(`Toelichting: ${a.rationale}`).text(`Reactie bestuur (${a.response}): ${a.reasoning}`);
      }
      doc.moveDown(0.5).text(`Stemkeuzes: ${p.choices.join(' / ')}`);
    }
    for (const m of letter.motions) {
      doc.moveDown().font('Helvetica-Bold').fontSize(12).text(`Motie ${m.reference} van ${m.submitters}`);
      doc.font('Helvetica').fontSize(10).text(m.text).text(`Preadvies bestuur (${m.advice}): ${m.reasoning}`).text(`Stemvraag: ${m.question}`);
    }
    for (const impact of letter.financialImpact ?? []) {
      doc.addPage().font('Helvetica-Bold').fontSize(12).text(`Bijlage: ${impact.what} per gemeente (voorstel ${impact.proposalNumber})`);
      doc
        .font('Helvetica')
        .fontSize(9)
        .text(`Totaal: ${impact.choices.map((c) => `${c.label} ${c.total} (${c.meaning})`).join('; ')}.`)
        .moveDown(0.5);
      for (const m of impact.members) doc.text(`${m.name} (${m.cbsCode}): ${m.amounts.map((a) => `${a.label} ${a.amount}`).join(' · ')}`);
    }
    doc.end();
  });
}
