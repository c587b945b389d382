import { pdfPages } from '../../../test/support/pdf-text';
import { LetterPdf } from './letter-pdf';

const latin = (pdf: Buffer) => pdf.toString('latin1');

describe('the letter PDF builder', () => {
  it('makes a tagged PDF in Dutch: structure tree, language, title shown, headings, paragraphs and a table', async () => {
    const pdf = await LetterPdf.render({ title: 'Ontvangstbewijs stem Barendrecht' }, (letter) => {
      letter.heading('Ontvangstbewijs', 1).paragraph('Uw stem is ontvangen.');
      letter.table(
        ['Voorstel', 'Keuze'],
        [
          ['1. Jaarverslag', 'Voor'],
          ['2. Contributie', 'Tegen'],
        ],
      );
    });
    const text = latin(pdf);
    expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(text).toContain('/Lang (nl-NL)');
    expect(text).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(text).toContain('/DisplayDocTitle true');
    expect(text).toContain('<rdf:li xml:lang="x-default">Ontvangstbewijs stem Barendrecht</rdf:li>');
    for (const type of ['/S /Document', '/S /H1', '/S /P', '/S /Table', '/S /TR', '/S /TH', '/S /TD']) expect(text).toContain(type);
    // The page number is an artifact (readers skip it), not a paragraph.
    expect(text).toMatch(/\/Artifact <<\n\/Type \/Pagination\n>> BDC/);
  });

  it("puts the association's heading on the first page and the closing where asked", async () => {
    const pdf = await LetterPdf.render({ title: 'Brief' }, (letter) => letter.paragraph('Inhoud.').closing());
    const [first] = pdfPages(pdf);
    expect(first.startsWith('Vereniging van Nederlandse Gemeenten Postbus 30435, 2500 GK Den Haag Nassaulaan 12, 2514 JS Den Haag')).toBe(true);
    expect(first).toContain('Inhoud. Met vriendelijke groet, Vereniging van Nederlandse Gemeenten');
  });

  it('numbers every page "Pagina X van Y"', async () => {
    const pdf = await LetterPdf.render({ title: 'Lang' }, (letter) => {
      for (let i = 1; i <= 150; i++) letter.paragraph(`Regel ${i}.`);
    });
    const pages = pdfPages(pdf);
    // 150 single lines of 10 pt do not fit on one A4 page between 56 pt margins (about 60 lines a page).
    expect(pages.length).toBe(3);
    pages.forEach((page, i) => expect(page.endsWith(`Pagina ${i + 1} van 3`)).toBe(true));
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(3);
  });

  it('never leaves a heading alone at the foot of a page: with fewer than three lines left it starts the next page', async () => {
    let lineHeight = 0;
    let roomBeforeHeading = 0;
    const pdf = await LetterPdf.render({ title: 'Kop' }, (letter) => {
      lineHeight = letter.doc.currentLineHeight(true);
      let n = 0;
      // Fill the page until two lines are left: a heading with three lines below it no longer fits.
      while (letter.roomLeft >= 2.5 * lineHeight) letter.paragraph(`Regel ${++n}.`);
      roomBeforeHeading = letter.roomLeft;
      letter.heading('3. Contributievoorstel', 2).paragraph('De tekst van het voorstel.');
    });
    expect(roomBeforeHeading).toBeGreaterThan(lineHeight); // the heading itself would still have fitted
    const [first, second] = pdfPages(pdf);
    expect(first).not.toContain('Contributievoorstel');
    expect(second.startsWith('3. Contributievoorstel De tekst van het voorstel.')).toBe(true);
  });

  it('keeps a heading on the page when there is room for it and three lines below it', async () => {
    const pdf = await LetterPdf.render({ title: 'Kop' }, (letter) => {
      const lineHeight = letter.doc.currentLineHeight(true);
      while (letter.roomLeft >= 6 * lineHeight) letter.paragraph('Regel.');
      letter.heading('Slot', 2).paragraph('Laatste regel.');
    });
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Slot Laatste regel. Pagina 1 van 1');
  });
});
