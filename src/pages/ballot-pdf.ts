import { VOTER_ROLES, VOTER_ROLES_NL } from '../ballots/dto/submit-ballot.dto';
import { LetterPdf } from '../platform/pdf/letter-pdf';
import { ASSOCIATION } from '../platform/text/association';
import { formatDateNl, formatDateTimeNl, formatIntegerNl } from '../platform/text/dutch-format';
import type { ProposalWithChoices } from '../proposals/proposals.service';
import { decisionRuleNl } from './decision-rule-nl';
import { KIND_NL } from './view-models';

/** The consultation as a ballot names it. */
export interface BallotConsultation {
  title: string;
  kind: string;
  reference: string | null;
  votingDeadline: Date;
}

/** What the receipt PDF repeats: the vote that counts now, with the choices (never in the mail). */
export interface ReceiptContent {
  consultation: BallotConsultation;
  member: { name: string; cbsCode: string; weight: number };
  receiptCode: string;
  receivedAt: Date;
  voter: string;
  channel: 'online' | 'paper';
  replacedEarlierSubmission: boolean;
  choices: { question: string; choice: string }[];
}

/** The receipt of a vote (ontvangstbewijs) as a PDF the voter keeps. */
export function receiptPdf(r: ReceiptContent, now: Date): Promise<Buffer> {
  return LetterPdf.render({ title: `Ontvangstbewijs stem ${r.member.name}: ${r.consultation.title}` }, (pdf) => {
    pdf.lines([
      `Aan: de gemeente ${r.member.name} (${r.member.cbsCode})`,
      `Datum: ${formatDateNl(now)}`,
      ...(r.consultation.reference ? [`Kenmerk: ${r.consultation.reference}`] : []),
    ]);
    pdf.heading(`Ontvangstbewijs stem: ${r.consultation.title}`, 1);
    pdf.paragraph(
      `De stem van de gemeente ${r.member.name} (${r.member.weight} gewogen stemmen) in de ${KIND_NL[r.consultation.kind]?.toLowerCase() ?? 'raadpleging'} "${r.consultation.title}" is ontvangen op ${formatDateTimeNl(r.receivedAt)}${r.channel === 'paper' ? ', op papier, en door het bureau van de vereniging vastgelegd' : ''}.`,
    );
    if (r.replacedEarlierSubmission) pdf.paragraph('Deze stem vervangt de eerder uitgebrachte stem van uw gemeente.', { gapBefore: 0.5 });
    pdf.space(0.5).lines([`Ontvangstcode: ${r.receiptCode}`, `Uitgebracht door: ${r.voter}`], { size: 10 });
    pdf.table(
      ['Voorstel', 'Keuze'],
      r.choices.map((c) => [c.question, c.choice]),
      { widths: [3, 2], caption: 'Uw keuzes' },
    );
    pdf.paragraph(
      `Tot de sluiting van de stemming (${formatDateTimeNl(r.consultation.votingDeadline)}) kunt u uw stem wijzigen; de laatste inzending telt. Met de ontvangstcode kan ieder nagaan dat de stem is ontvangen en of het de stem is die telt.`,
    );
    pdf.paragraph('Bewaar dit ontvangstbewijs. De bevestiging per e-mail noemt de ontvangstcode, niet de keuzes.', { gapBefore: 0.5 });
    pdf.closing();
  });
}

/** What the paper ballot of one member says. */
export interface PaperBallotContent {
  consultation: BallotConsultation;
  member: { name: string; cbsCode: string; weight: number; inhabitants: number };
  secretaryName: string | null;
  reference: string;
  proposals: ProposalWithChoices[];
}

const BOX = 10;

/**
 * The paper ballot (papieren stembiljet) of one member, for the bureau to print and send: its ballot
 * reference, every question with its decision rule and a box per choice, and the signature.
 */
export function paperBallotPdf(b: PaperBallotContent, now: Date): Promise<Buffer> {
  return LetterPdf.render({ title: `Stembiljet ${b.reference}: ${b.consultation.title}` }, (pdf) => {
    const box = (indentLeft = 0) =>
      pdf.artifact((doc) => {
        doc
          .lineWidth(0.8)
          .rect(doc.page.margins.left + indentLeft, doc.y + 0.5, BOX, BOX)
          .stroke();
      });
    pdf.lines([
      `Aan: de gemeentesecretaris van de gemeente ${b.member.name}${b.secretaryName ? `, ${b.secretaryName}` : ''}`,
      `Datum: ${formatDateNl(now)}`,
      ...(b.consultation.reference ? [`Kenmerk: ${b.consultation.reference}`] : []),
    ]);
    pdf.paragraph(`Stembiljetnummer: ${b.reference}`, { bold: true, size: 12, gapBefore: 0.5 });
    pdf.heading(`Stembiljet (papier): ${b.consultation.title}`, 1);
    pdf.paragraph(
      `${KIND_NL[b.consultation.kind] ?? 'Raadpleging'}. U stemt namens de gemeente ${b.member.name} (${b.member.cbsCode}) met ${b.member.weight} gewogen stemmen (${formatIntegerNl(b.member.inhabitants)} inwoners op de peildatum).`,
    );
    pdf.paragraph(
      `Kruis bij elk voorstel één keuze aan, vul in wie het stembiljet ondertekent en stuur het ondertekend naar ${ASSOCIATION.naam}, ${ASSOCIATION.postadres}. Het bureau legt uw stem vast; die telt alleen als hij vóór de sluiting van de stemming is vastgelegd (${formatDateTimeNl(b.consultation.votingDeadline)}). Stuurt u het stembiljet op tijd, ruim vóór die datum.`,
      { gapBefore: 0.5 },
    );
    pdf.paragraph(
      'Heeft uw gemeente ook online gestemd, dan telt de laatste stem die is ontvangen of vastgelegd. U kunt ook online stemmen met de persoonlijke link uit de e-mail met uw stemformulier.',
      { gapBefore: 0.5 },
    );
    for (const p of b.proposals) {
      const rule = decisionRuleNl(p.rule, p.questionType);
      const ruleText = `Beslisregel: ${rule.threshold}. ${rule.details.join(' ')}`;
      // A question with its rule and its boxes stays on one page.
      pdf.doc.font('Helvetica').fontSize(8.5);
      const ruleHeight = pdf.doc.heightOfString(ruleText, { width: pdf.width });
      pdf.doc.fontSize(10);
      pdf.keepTogether(40 + ruleHeight + p.choices.length * (pdf.doc.currentLineHeight(true) * 1.3 + 2));
      pdf.heading(`Voorstel ${p.number}: ${p.title}`, 2);
      pdf.paragraph(ruleText, { size: 8.5 });
      pdf.space(0.3);
      for (const c of p.choices) {
        box();
        pdf.paragraph(c.label, { indent: BOX + 8 });
        pdf.space(0.3);
      }
    }
    pdf.keepTogether(220);
    pdf.heading('Ondertekening', 2);
    pdf.paragraph('Naam van wie ondertekent:');
    pdf.artifact((doc) =>
      doc
        .moveTo(doc.page.margins.left, doc.y + 18)
        .lineTo(doc.page.margins.left + 300, doc.y + 18)
        .stroke(),
    );
    pdf.space(1.8);
    pdf.paragraph('Functie (kruis aan):');
    for (const role of VOTER_ROLES) {
      box();
      pdf.paragraph(VOTER_ROLES_NL[role], { indent: BOX + 8 });
      pdf.space(0.2);
    }
    pdf.paragraph('Datum en handtekening:', { gapBefore: 0.5 });
    pdf.artifact((doc) =>
      doc
        .moveTo(doc.page.margins.left, doc.y + 34)
        .lineTo(doc.page.margins.left + 300, doc.y + 34)
        .stroke(),
    );
    pdf.space(3.5);
    pdf.paragraph(`Alleen in te vullen door het bureau: stembiljet ${b.reference} vastgelegd op ____________ door ____________`, { size: 8.5 });
  });
}
