import { LetterPdf } from '../platform/pdf/letter-pdf';
import { DefinitiveLetter } from './amendments.repository';

/** The member letter "Definitieve voorstellen" as a PDF, through the platform's letter builder (heading, page numbers, tags). */
export function definitiveLetterPdf(letter: DefinitiveLetter): Promise<Buffer> {
  return LetterPdf.render({ title: `Definitieve voorstellen ${letter.consultationTitle}` }, (pdf) => {
    pdf.lines(['Aan: de leden (college en raad)', `Datum: ${letter.date}`, ...(letter.reference ? [`Kenmerk: ${letter.reference}`] : [])]);
    pdf.heading(`Betreft: Definitieve voorstellen ${letter.consultationTitle}`, 1);
    pdf.paragraph(
      `Hierbij ontvangt u de definitieve voorstellen met de reactie van het bestuur op de ingediende amendementen en moties. U kunt stemmen tot ${letter.votingDeadline}.`,
    );
    for (const p of letter.proposals) {
      pdf.heading(`${p.number}. ${p.title}`, 2);
      if (p.value) pdf.paragraph(`Voorstel: ${p.value}${p.version > 1 ? ` (versie ${p.version})` : ''}`);
      if (p.amendments.length === 0) pdf.paragraph('Op dit voorstel zijn geen amendementen ingediend; het wordt ongewijzigd voorgelegd.');
      for (const a of p.amendments) {
        pdf.heading(`Amendement ${a.reference} van ${a.submitters}${a.changedValue ? ` (${a.changedValue})` : ''}`, 3);
        pdf.paragraph(a.text).paragraph(`Toelichting: ${a.rationale}`).paragraph(`Reactie bestuur (${a.response}): ${a.reasoning}`);
      }
      pdf.paragraph(`Stemkeuzes: ${p.choices.join(' / ')}`, { gapBefore: 0.5 });
    }
    for (const m of letter.motions) {
      pdf.heading(`Motie ${m.reference} van ${m.submitters}`, 2);
      pdf.paragraph(m.text).paragraph(`Preadvies bestuur (${m.advice}): ${m.reasoning}`).paragraph(`Stemvraag: ${m.question}`);
    }
    pdf.closing();
    for (const impact of letter.financialImpact ?? []) {
      pdf.newPage().heading(`Bijlage: ${impact.what} per gemeente (voorstel ${impact.proposalNumber})`, 2);
      pdf.paragraph(`Totaal: ${impact.choices.map((c) => `${c.label} ${c.total} (${c.meaning})`).join('; ')}.`, { size: 9 });
      pdf.table(
        ['Gemeente', ...impact.choices.map((c) => c.label)],
        impact.members.map((m) => [`${m.name} (${m.cbsCode})`, ...impact.choices.map((c) => m.amounts.find((a) => a.label === c.label)?.amount ?? '–')]),
        { widths: [2, ...impact.choices.map(() => 1)] },
      );
    }
  });
}
