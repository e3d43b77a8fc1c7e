import { inflateSync } from 'node:zlib';

/**
 * What a tagged PDF must carry, read from the file itself: the catalogue's StructTreeRoot,
 * MarkInfo with Marked true, the document language and a title shown as the window title, the
 * structure element types used, and how many marked-content sequences the pages' drawing has.
 */
export function pdfTagging(pdf: Buffer) {
  const raw = pdf.toString('latin1');
  const catalog = /\/Type \/Catalog[\s\S]*?>>/.exec(raw)?.[0] ?? '';
  const ref = (key: string) => new RegExp(`/${key} (\\d+) 0 R`).exec(catalog)?.[1];
  const object = (id: string | undefined) => (id ? (new RegExp(`(?:^|\\n)${id} 0 obj\\s*([\\s\\S]*?)endobj`).exec(raw)?.[1] ?? '') : '');
  const types: Record<string, number> = {};
  for (const m of raw.matchAll(/\/S \/([A-Za-z0-9]+)/g)) types[m[1]!] = (types[m[1]!] ?? 0) + 1;
  let marked = 0;
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      marked += (inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1').match(/BDC/g) ?? []).length;
    } catch {
      // Not a compressed content stream (a font, an image): nothing to count.
    }
  }
  return {
    structTreeRoot: object(ref('StructTreeRoot')).includes('/Type /StructTreeRoot'),
    marked: /\/Marked true/.test(object(ref('MarkInfo'))),
    lang: /\/Lang \(([^)]*)\)/.exec(catalog)?.[1],
    displayTitle: /\/DisplayDocTitle true/.test(raw),
    hasTitle: /\/Title (\d+ 0 R|[(<])/.test(raw),
    types,
    marked_content: marked,
  };
}
