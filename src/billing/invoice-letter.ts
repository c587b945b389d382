import { LetterPdf } from '../platform/pdf/letter-pdf';
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

/** The invoice letter as a PDF, through the platform's letter builder (heading, page numbers, tags), as the letter "Definitieve voorstellen". */
export function invoiceLetterPdf(letter: InvoiceLetter): Promise<Buffer> {
  return LetterPdf.render({ title: letter.title }, (pdf) => {
    pdf.lines(letter.addressee).space();
    pdf.lines([
      `Datum: ${letter.date}`,
      `${letter.isCreditNote ? 'Creditnotanummer' : 'Factuurnummer'} (kenmerk): ${letter.number}`,
      ...(letter.creditsNumber ? [`Bij factuur: ${letter.creditsNumber}`] : []),
    ]);
    pdf.heading(`Betreft: ${letter.title}, ${letter.subject}`, 1);
    pdf.paragraph(letter.opening);
    if (letter.reason) pdf.paragraph(`Reden: ${letter.reason}`);
    for (const l of letter.lines) {
      pdf.heading(`${l.description}: ${l.amount}`, 3);
      pdf.paragraph(l.explanation);
      if (l.decidedBy) pdf.paragraph(`Vastgesteld door: ${l.decidedBy}`);
    }
    pdf.paragraph(`Totaal: ${letter.total}`, { bold: true, gapBefore: 1 });
    if (letter.instalments.length) {
      pdf.heading('Termijnen', 3);
      for (const i of letter.instalments) pdf.paragraph(`Termijn ${i.number}, te voldoen uiterlijk ${i.dueOn}: ${i.amount}`);
    }
    if (letter.creditedByNumber) pdf.paragraph(`Deze factuur is gecrediteerd met creditnota ${letter.creditedByNumber}.`, { gapBefore: 0.5 });
    pdf.paragraph(letter.closing, { gapBefore: 1 });
    pdf.closing();
  });
}
