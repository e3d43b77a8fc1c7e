// fontkit ships no types; only create() is used (dejavuSans.ts), and the font goes straight to PDFKit.
declare module 'fontkit' {
  export interface Font {
    /** fontkit's cache of glyph objects, internal; see dejavuSans.ts for why it is emptied. */
    _glyphs: Record<number, unknown>;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
