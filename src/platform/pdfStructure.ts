/**
 * Tagged PDF (PDF/UA's structure tree) for the documents Lyhörd makes with pdfkit: a Document
 * element holding headings, paragraphs, figures with alternative text and tables with rows and
 * cells, in reading order, so screen readers and reflow read them as they are meant. Rules, lines
 * and page numbers are artifacts, outside the structure.
 *
 * Create the PDFDocument with `tagged: true`, `lang` and `displayTitle: true` (see PDF_TAGGING).
 */
export const PDF_TAGGING = { tagged: true, lang: 'sv-SE', displayTitle: true } as const;

type Doc = PDFKit.PDFDocument;
type Element = ReturnType<Doc['struct']>;
export type BlockType = 'H1' | 'H2' | 'H3' | 'P' | 'Caption';

export interface PdfStructure {
  /**
   * Draws a heading or paragraph; everything drawn inside `draw` belongs to it. `lang` when it is
   * not in the document's language; `actual`, the text in reading order, when what is drawn is not
   * (right-to-left lines are drawn in visual order, see pdfBidi.ts).
   */
  block(type: BlockType, draw: () => void, options?: { lang?: string; actual?: string }): void;
  /** A picture (a chart) with its text alternative. */
  figure(alt: string, draw: () => void): void;
  /** A table; call row() for each row, in order. */
  table(): { row(cells: { header: boolean; draw: () => void }[]): void };
  /** Decoration and page furniture, outside the structure. */
  artifact(draw: () => void, type?: 'Layout' | 'Pagination'): void;
  /** Closes the tree; call before doc.end(). */
  end(): void;
}

export function pdfStructure(doc: Doc): PdfStructure {
  const root = doc.struct('Document');
  doc.addStructure(root);
  const add = (parent: Element, el: Element) => {
    parent.add(el);
    return el;
  };
  return {
    block: (type, draw, options = {}) => void add(root, doc.struct(type, options, draw)),
    figure: (alt, draw) => void add(root, doc.struct('Figure', { alt }, draw)),
    table() {
      const table = add(root, doc.struct('Table'));
      return {
        row(cells) {
          const tr = add(table, doc.struct('TR'));
          for (const c of cells) add(tr, doc.struct(c.header ? 'TH' : 'TD', {}, c.draw));
          tr.end();
        },
      };
    },
    artifact(draw, type = 'Layout') {
      doc.markContent('Artifact', { type });
      draw();
      doc.endMarkedContent();
    },
    end: () => root.end(),
  };
}
