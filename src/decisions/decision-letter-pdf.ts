import { LetterPdf } from '../platform/pdf/letter-pdf';
import { DecisionLetter } from './decision.entity';
import { LETTER_SUBJECT } from './decision-letters.service';

/** The member letter "Stand van zaken moties en resoluties" as a PDF, through the platform's letter builder. */
export function decisionLetterPdf(letter: DecisionLetter): Promise<Buffer> {
  const { content } = letter;
  return LetterPdf.render({ title: `${LETTER_SUBJECT} ${letter.reference}` }, (pdf) => {
    pdf.lines(['Aan: de leden (college en raad)', `Datum: ${content.date}${letter.status === 'draft' ? ' (concept)' : ''}`, `Kenmerk: ${letter.reference}`]);
    pdf.heading(`Betreft: ${LETTER_SUBJECT} (${letter.assembly})`, 1);
    pdf.paragraph('Geacht college en gemeenteraad,', { gapBefore: 0.5 }).paragraph(content.intro, { gapBefore: 0.5 });
    for (const d of content.decisions) {
      pdf.heading(`${d.title} (${d.reference})`, 2);
      pdf.paragraph(`Aangenomen: ${d.adoptedAt}`, { size: 9 });
      for (const a of d.asks) {
        pdf.heading(`${a.position}. ${a.text}`, 3);
        pdf.paragraph(`Stand: ${a.statusNl}${a.due ? ` · termijn: ${a.due}` : ''}${a.owner ? ` · trekker: ${a.owner}` : ''}`);
        pdf.paragraph(a.report);
      }
    }
    pdf.paragraph(content.closing, { gapBefore: 1 });
    pdf.closing();
  });
}
