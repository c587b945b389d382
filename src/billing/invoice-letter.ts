import PDFDocument from 'pdfkit';
import { ASSOCIATION } from '../platform/text/association';
import { formatDateNl } from '../platform/text/dutch-format';
import { InvoiceResponse } from './dto/billing.response';

/** What the invoice letter says (page and PDF alike), in Dutch: the association's address block, the addressee, the lines, the total and the instalments. */
export interface InvoiceLetter {
  title: string;
  isCreditNote: boolean;
  number: string;
  date: string;
  subject: string;
  addressee: string[];
  opening: string;
  lines: { description: string; explanation: string; amount: string; decidedBy: string | null; decidedByPath: string | null }[];
  total: string;
  instalments: { number: number; dueOn: string; amount: string }[];
  reason: string | null;
  creditsNumber: string | null;
  creditedByNumber: string | null;
  closing: string;
}

const day = (iso: string) => formatDateNl(`${iso}T12:00:00Z`);

export function invoiceLetter(invoice: InvoiceResponse, sourceLabel: string): InvoiceLetter {
  const credit = invoice.kind === 'credit_note';
  const subject = `${sourceLabel} ${invoice.year}`;
  return {
    title: `${credit ? 'Creditnota' : 'Factuur'} ${invoice.number}`,
    isCreditNote: credit,
    number: invoice.number,
    date: day(invoice.issuedOn),
    subject,
    addressee: [`College van burgemeester en wethouders van de gemeente ${invoice.memberName}`, `t.a.v. ${invoice.addressee}`, invoice.email],
    opening: credit
      ? `Hierbij crediteren wij factuur ${invoice.creditsNumber} (${subject}) van de gemeente ${invoice.memberName} volledig.`
      : `Hierbij ontvangt u de factuur voor de ${subject} van de gemeente ${invoice.memberName}. Elke regel laat zien hoe het bedrag is berekend en welk besluit het tarief heeft vastgesteld.`,
    lines: invoice.lines.map((l) => ({
      description: l.description,
      explanation: l.explanation,
      amount: l.amount,
      decidedBy: l.decidedBy,
      decidedByPath: l.decidedByPath,
    })),
    total: invoice.total,
    instalments: invoice.instalments.map((i) => ({ number: i.number, dueOn: day(i.dueOn), amount: i.amount })),
    reason: invoice.reason,
    creditsNumber: invoice.creditsNumber,
    creditedByNumber: invoice.creditedByNumber,
    closing: credit ? 'Een eventueel gewijzigd bedrag ontvangt u op een nieuwe factuur.' : `Vermeld bij betaling het factuurnummer ${invoice.number}.`,
  };
}

/** The invoice letter as a PDF (A4, standard fonts, uncompressed text), as the letter "Definitieve voorstellen". */
export function invoiceLetterPdf(letter: InvoiceLetter): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, compress: false, info: { Title: letter.title, Author: ASSOCIATION.naam } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(14).text(ASSOCIATION.naam);
    doc.font('Helvetica').fontSize(9).text(ASSOCIATION.postadres).text(`${ASSOCIATION.bezoekadres} · ${ASSOCIATION.telefoon} · ${ASSOCIATION.website}`);
    doc.moveDown();
    doc.fontSize(10);
    for (const line of letter.addressee) doc.text(line);
    doc.moveDown();
    doc.text(`Datum: ${letter.date}`);
    doc.text(`${letter.isCreditNote ? 'Creditnotanummer' : 'Factuurnummer'} (kenmerk): ${letter.number}`);
    if (letter.creditsNumber) doc.text(`Bij factuur: ${letter.creditsNumber}`);
    doc.text(`Betreft: ${letter.title}, ${letter.subject}`);
    doc.moveDown();
    doc.text(letter.opening);
    if (letter.reason) doc.text(`Reden: ${letter.reason}`);
    for (const l of letter.lines) {
      doc.moveDown(0.5).font('Helvetica-Bold').text(`${l.description}: ${l.amount}`);
      doc.font('Helvetica').text(l.explanation);
      if (l.decidedBy) doc.text(`Vastgesteld door: ${l.decidedBy}`);
    }
    doc.moveDown().font('Helvetica-Bold').text(`Totaal: ${letter.total}`).font('Helvetica');
    if (letter.instalments.length) {
      doc.moveDown(0.5).text('Termijnen:');
      for (const i of letter.instalments) doc.text(`Termijn ${i.number}, te voldoen uiterlijk ${i.dueOn}: ${i.amount}`);
    }
    if (letter.creditedByNumber) doc.moveDown(0.5).text(`Deze factuur is gecrediteerd met creditnota ${letter.creditedByNumber}.`);
    doc.moveDown().text(letter.closing);
    doc.moveDown().text('Met vriendelijke groet,').text(ASSOCIATION.naam);
    doc.end();
  });
}
