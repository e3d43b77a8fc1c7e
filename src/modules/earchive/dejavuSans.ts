import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Font } from 'fontkit';
import type PDFKit from 'pdfkit';
import { woffToSfnt } from './woff.ts';

/**
 * DejaVu Sans from @fontsource, parsed once per process. PDFKit accepts a parsed fontkit font as
 * well as a file and makes its own subset per document, so one parse serves every PDF: parsing the
 * 5 918-glyph font for each document was most of a letter's 100+ ms. fontkit is imported with the
 * first PDF, like PDFKit itself (see platform/pdfkit.ts).
 */
const require = createRequire(import.meta.url);
const fontFile = (weight: 400 | 700) => woffToSfnt(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${weight}-normal.woff`)));
type FontSource = PDFKit.Mixins.PDFFontSource;
export type DejaVuSans = { regular: FontSource; bold: FontSource };
let parsed: Promise<Font[]> | undefined;

/**
 * Resolves when the font is parsed; call the result right before drawing a document, with no await
 * between it and doc.end(). fontkit keeps a glyph's code points from the first text it was laid out
 * in, and the PDF's text layer (ToUnicode) takes them from there: a glyph shared by two characters
 * (hyphen and non-breaking hyphen, say) would otherwise copy as what an earlier PDF printed.
 * Emptying that cache gives each document the glyphs a freshly parsed font would.
 */
export async function loadDejaVuSans(): Promise<() => DejaVuSans> {
  parsed ??= import('fontkit').then(({ create }) => [create(fontFile(400)), create(fontFile(700))]);
  const [regular, bold] = await parsed;
  return () => {
    regular!._glyphs = {};
    bold!._glyphs = {};
    // @types/pdfkit lists only files and buffers; pdfkit 0.20's PDFFontFactory takes any object with layout().
    return { regular: regular as unknown as FontSource, bold: bold as unknown as FontSource };
  };
}
