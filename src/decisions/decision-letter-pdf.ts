import PDFDocument from 'pdfkit';
import { ASSOCIATION } from '../platform/text/association';
import { DecisionLetter } from './decision.entity';
import { LETTER_SUBJECT } from './decision-letters.service';

/** The member letter "Stand van zaken moties en resoluties" as a PDF (A4, standard fonts, uncompressed text). */
export function decisionLetterPdf(letter: DecisionLetter): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { content } = letter;
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      compress: false,
      info: { Title: `${LETTER_SUBJECT} ${letter.reference}`, Author: ASSOCIATION.naam },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(14).text(ASSOCIATION.naam);
    doc.font('Helvetica').fontSize(9).text(ASSOCIATION.postadres).text(`${ASSOCIATION.bezoekadres} · ${ASSOCIATION.telefoon} · ${ASSOCIATION.website}`);
    doc.moveDown();
    doc.fontSize(10).text('Aan: de leden (college en raad)');
    doc.text(`Datum: ${content.date}${letter.status === 'draft' ? ' (concept)' : ''}`);
    doc.text(`Kenmerk: ${letter.reference}`);
    doc.text(`Betreft: ${LETTER_SUBJECT} (${letter.assembly})`);
    doc.moveDown().text('Geacht college en gemeenteraad,').moveDown(0.5).text(content.intro);
    for (const d of content.decisions) {
      doc.moveDown().font('Helvetica-Bold').fontSize(12).text(`${d.title} (${d.reference})`);
      doc.font('Helvetica').fontSize(9).text(`Aangenomen: ${d.adoptedAt}`);
      doc.fontSize(10);
      for (const a of d.asks) {
        doc.moveDown(0.5).font('Helvetica-Bold').text(`${a.position}. ${a.text}`);
        doc.font('Helvetica').text(`Stand: ${a.statusNl}${a.due ? ` · termijn: ${a.due}` : ''}${a.owner ? ` · trekker: ${a.owner}` : ''}`);
        doc.text(a.report);
      }
    }
    doc.moveDown().text(content.closing).moveDown().text('Met vriendelijke groet,').text(ASSOCIATION.naam);
    doc.end();
  });
}
