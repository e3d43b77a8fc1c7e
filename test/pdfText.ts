import { inflateSync } from 'node:zlib';

/**
 * The text printed in a PDF made by pdfkit with embedded fonts, line by line from the top, each
 * line's pieces from left to right as they are seen (`seen`): glyph ids mapped back to characters
 * through each font's ToUnicode map. A right-to-left word is printed in visual order, so it comes
 * out reversed there; `read` is the line's glyphs from right to left, as a right-to-left line is
 * read (a left-to-right part such as a case number then reads backwards). `x` is where the line starts
 * on the left, in points.
 */
export function pdfLines(pdf: Buffer): { seen: string; read: string; x: number }[] {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of raw.matchAll(/(?:^|\n)(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);
  const streamOf = (body: string) => {
    const m = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body);
    if (!m) return '';
    const data = Buffer.from(m[1]!, 'latin1');
    return (/\/FlateDecode/.test(body) ? inflateSync(data) : data).toString('latin1');
  };

  // Font resource name → glyph id → the characters it stands for.
  const fonts = new Map<string, string[][]>();
  for (const dict of raw.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
    for (const [, name, id] of dict[1]!.matchAll(/\/([\w.+-]+) (\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(id!) ?? '')?.[1];
      if (!toUnicode || fonts.has(name!)) continue;
      const glyphs: string[][] = [];
      for (const [, start, entries] of streamOf(objects.get(toUnicode)!).matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
        [...entries!.matchAll(/<([0-9a-f ]*)>/gi)].forEach((e, i) => {
          const units = e[1]!.split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));
          glyphs[parseInt(start!, 16) + i] = [String.fromCharCode(...units)];
        });
      }
      fonts.set(name!, glyphs);
    }
  }

  const pieces: { page: number; x: number; y: number; glyphs: string[] }[] = [];
  let page = 0;
  for (const body of objects.values()) {
    if (!/\/Type \/Page\b/.test(body)) continue;
    const contents = /\/Contents (\d+) 0 R/.exec(body)?.[1];
    if (!contents) continue;
    for (const bt of streamOf(objects.get(contents)!).matchAll(/BT\s([\s\S]*?)\sET/g)) {
      const [, x, y] = /([\d.-]+) ([\d.-]+) Tm/.exec(bt[1]!) ?? [];
      const font = fonts.get(/\/([\w.+-]+) [\d.]+ Tf/.exec(bt[1]!)?.[1] ?? '') ?? [];
      const glyphs: string[] = [];
      for (const [, hex] of bt[1]!.matchAll(/<([0-9a-f]*)>/gi)) {
        for (let i = 0; i < hex!.length; i += 4) glyphs.push(font[parseInt(hex!.slice(i, i + 4), 16)]?.[0] ?? '\uFFFD');
      }
      pieces.push({ page, x: Number(x), y: Number(y), glyphs });
    }
    page++;
  }
  // Pieces on the same baseline make one line; pdfkit's y grows upwards.
  const lines = new Map<string, typeof pieces>();
  for (const p of pieces) {
    const key = `${p.page}:${Math.round(p.y)}`;
    lines.set(key, [...(lines.get(key) ?? []), p]);
  }
  return [...lines.values()]
    .sort((a, b) => a[0]!.page - b[0]!.page || b[0]!.y - a[0]!.y)
    .map((ps) => {
      const glyphs = ps.sort((a, b) => a.x - b.x).flatMap((p, i) => (i ? [' ', ...p.glyphs] : p.glyphs));
      const tidy = (g: string[]) => g.join('').replace(/ +/g, ' ').trim();
      return { seen: tidy(glyphs), read: tidy([...glyphs].reverse()), x: ps[0]!.x };
    });
}
