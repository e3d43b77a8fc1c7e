import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from './woff.ts';

const require = createRequire(import.meta.url);
const woff = readFileSync(require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff'));

/** The OpenType table checksum: the sum of the table's 32-bit words (zero-padded). */
const checksum = (b: Buffer) => {
  let sum = 0;
  for (let i = 0; i < b.length; i += 4) sum = (sum + Buffer.concat([b.subarray(i, i + 4), Buffer.alloc(4)]).readUInt32BE(0)) >>> 0;
  return sum;
};

describe('WOFF to TrueType', () => {
  it('inflates every table to the checksum the WOFF directory records, behind an sfnt directory', () => {
    const ttf = woffToSfnt(woff);
    expect(ttf.readUInt32BE(0)).toBe(0x00010000);
    const n = ttf.readUInt16BE(4);
    expect(n).toBe(woff.readUInt16BE(12));
    const tags: string[] = [];
    for (let i = 0; i < n; i++) {
      const rec = 12 + i * 16;
      const tag = ttf.toString('latin1', rec, rec + 4);
      const [sum, offset, length] = [ttf.readUInt32BE(rec + 4), ttf.readUInt32BE(rec + 8), ttf.readUInt32BE(rec + 12)];
      tags.push(tag);
      // head's checksum field is excluded from its own sum by definition (checkSumAdjustment).
      if (tag !== 'head') expect(checksum(ttf.subarray(offset, offset + length)), tag).toBe(sum);
    }
    expect(tags).toEqual(expect.arrayContaining(['cmap', 'glyf', 'head', 'hmtx', 'loca']));
  });

  it('refuses what is not WOFF', () => {
    expect(() => woffToSfnt(Buffer.from('OTTO0000'))).toThrow(/WOFF/);
  });
});
