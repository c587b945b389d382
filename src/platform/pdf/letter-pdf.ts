import PDFDocument from 'pdfkit';
import { ASSOCIATION } from '../text/association';

/** What every PDF of the platform shares: A4, standard fonts, the association's heading and closing, page numbers, tags. */
export interface LetterOptions {
  /** The document's title: shown by the reader instead of the file name (displayTitle), and its metadata. */
  title: string;
}

type StructureElement = PDFKit.PDFStructureElement;
type Level = 1 | 2 | 3;

const BODY_SIZE = 10;
const HEADING_SIZE: Record<Level, number> = { 1: 13, 2: 12, 3: 10.5 };
const MARGIN = 56;
/** A heading is never left alone at a page end: it moves to the next page unless this many body lines fit below it. */
export const LINES_AFTER_HEADING = 3;

/**
 * One way to write the platform's PDFs (letters, invoices, receipts, the paper ballot) with pdfkit:
 *
 * - the association's heading (name, postal address, visiting address) on the first page;
 * - "Pagina X van Y" at the foot of every page (pages are buffered until the end to know Y);
 * - a tagged PDF for screen readers: Dutch as the document language, the title shown instead of the
 *   file name, and a structure tree of headings (H1–H3), paragraphs (P) and tables (Table/TR/TH/TD);
 *   the page numbers are marked as pagination artifacts, which readers skip;
 * - no heading left alone at a page end: a heading starts a new page when fewer than three body lines
 *   would fit below it;
 * - the closing ("Met vriendelijke groet," and the association's name) where a letter has one.
 *
 * Text stays uncompressed, so the tests (and anyone with a text editor) can read what a PDF says.
 */
export class LetterPdf {
  private constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly root: StructureElement,
  ) {}

  /** Writes a PDF: the heading of the association, then what `write` adds, then the page numbers. */
  static render(options: LetterOptions, write: (letter: LetterPdf) => void): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const doc = new PDFDocument({
        size: 'A4',
        margin: MARGIN,
        compress: false,
        bufferPages: true,
        tagged: true,
        lang: 'nl-NL',
        displayTitle: true,
        pdfVersion: '1.7',
        info: { Title: options.title, Author: ASSOCIATION.naam },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      try {
        const root = doc.struct('Document');
        doc.addStructure(root);
        const letter = new LetterPdf(doc, root);
        letter.associationHeading();
        write(letter);
        root.end();
        letter.pageNumbers();
        doc.end();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** A heading; it moves to a new page rather than stand alone at the foot of one. */
  heading(text: string, level: Level = 2): this {
    const size = HEADING_SIZE[level];
    this.doc.font('Helvetica-Bold').fontSize(size);
    const own = this.doc.heightOfString(text, { width: this.width });
    this.doc.font('Helvetica').fontSize(BODY_SIZE);
    const following = LINES_AFTER_HEADING * this.doc.currentLineHeight(true);
    if (this.doc.y > this.doc.page.margins.top && this.doc.y + own + following > this.bottom) this.doc.addPage();
    else if (this.doc.y > this.doc.page.margins.top) this.doc.moveDown(level === 3 ? 0.5 : 0.8);
    this.tag(`H${level}`, () => this.doc.font('Helvetica-Bold').fontSize(size).text(text, { width: this.width }));
    this.doc.font('Helvetica').fontSize(BODY_SIZE);
    return this;
  }

  /** A paragraph of body text; `indent` leaves room on the left (for a check box drawn there). */
  paragraph(text: string, options: { bold?: boolean; size?: number; gapBefore?: number; indent?: number } = {}): this {
    if (options.gapBefore) this.doc.moveDown(options.gapBefore);
    const indent = options.indent ?? 0;
    this.tag('P', () =>
      this.doc
        .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(options.size ?? BODY_SIZE)
        .text(text, this.doc.page.margins.left + indent, this.doc.y, { width: this.width - indent }),
    );
    this.doc.x = this.doc.page.margins.left;
    this.doc.font('Helvetica').fontSize(BODY_SIZE);
    return this;
  }

  /** Short lines one under the other (an addressee, the date and reference), each its own paragraph. */
  lines(texts: string[], options: { size?: number } = {}): this {
    for (const text of texts) this.paragraph(text, options);
    return this;
  }

  /** Empty space of this many lines. */
  space(lines = 1): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** A table with a row of column headers (TH) and data cells (TD); columns as wide as `widths` (shares of the line). */
  table(headers: string[], rows: string[][], options: { widths?: number[]; caption?: string } = {}): this {
    if (options.caption) this.heading(options.caption, 3);
    this.doc.font('Helvetica').fontSize(9);
    const widths = options.widths ?? headers.map(() => 1);
    const total = widths.reduce((a, b) => a + b, 0);
    this.doc.moveDown(0.3);
    this.doc.table({
      structParent: this.root,
      position: { x: this.doc.page.margins.left, y: this.doc.y },
      maxWidth: this.width,
      columnStyles: widths.map((w) => (w / total) * this.width),
      defaultStyle: { padding: [3, 4, 3, 4] as never, border: 0.5, borderColor: '#8a8a8a' },
      data: [headers.map((text) => ({ text, type: 'TH' as const, font: { src: 'Helvetica-Bold' } })), ...rows.map((row) => row.map((text) => ({ text })))],
    } as PDFKit.Mixins.TableOptionsWithData);
    this.doc.x = this.doc.page.margins.left;
    this.doc.font('Helvetica').fontSize(BODY_SIZE).moveDown(0.5);
    return this;
  }

  /** The association's closing of a letter. */
  closing(): this {
    this.space();
    this.paragraph('Met vriendelijke groet,');
    this.paragraph(ASSOCIATION.naam);
    return this;
  }

  /** Starts the next page unless this much room (in points) is left on this one: to keep a block together. */
  keepTogether(height: number): this {
    if (this.doc.y > this.doc.page.margins.top && height <= this.bottom - this.doc.page.margins.top && this.roomLeft < height) this.doc.addPage();
    return this;
  }

  /** Starts the next page. */
  newPage(): this {
    this.doc.addPage();
    return this;
  }

  /** Room left on this page below the current position, in points. */
  get roomLeft(): number {
    return this.bottom - this.doc.y;
  }

  /** Something drawn that is not text (check boxes, lines to sign on): an artifact that screen readers skip. */
  artifact(draw: (doc: PDFKit.PDFDocument) => void): this {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw(this.doc);
    this.doc.endMarkedContent();
    return this;
  }

  /** The text width between the margins. */
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private tag(type: string, draw: () => void): void {
    this.root.add(this.doc.struct(type, {}, [draw]));
  }

  private associationHeading(): void {
    this.paragraph(ASSOCIATION.naam, { bold: true, size: 14 });
    this.lines([ASSOCIATION.postadres, `${ASSOCIATION.bezoekadres} · ${ASSOCIATION.telefoon} · ${ASSOCIATION.website}`], { size: 9 });
    this.space();
  }

  /** "Pagina X van Y" at the foot of every page, in the bottom margin (an artifact: readers skip it). */
  private pageNumbers(): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const bottomMargin = page.margins.bottom;
      // Writing inside the bottom margin would otherwise make pdfkit start a new page.
      page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.doc
        .font('Helvetica')
        .fontSize(8)
        .text(`Pagina ${i - start + 1} van ${count}`, page.margins.left, page.height - bottomMargin / 2 - 4, {
          width: page.width - page.margins.left - page.margins.right,
          align: 'right',
          lineBreak: false,
        });
      this.doc.endMarkedContent();
      page.margins.bottom = bottomMargin;
    }
  }
}
