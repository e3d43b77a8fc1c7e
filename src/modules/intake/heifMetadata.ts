/**
 * HEIC/HEIF (ISO/IEC 23008-12): metadata are items of the `meta` box, EXIF as item type `Exif`
 * and XMP as a `mime` item of type application/rdf+xml, their bytes found through `iloc`. Their
 * bytes are overwritten with zeros in place, so every offset in the file stays right and the
 * picture is untouched (HEIF keeps orientation in its own `irot`/`imir` properties, not EXIF).
 * A file whose boxes do not add up is refused (null): then we cannot know that nothing is left.
 */
export function withoutHeifMetadata(src: Buffer): Buffer | null {
  if (src.subarray(4, 8).toString('latin1') !== 'ftyp') return null;
  const meta = boxes(src, 0, src.length).find((b) => b.type === 'meta');
  if (!meta) return null;
  const children = boxes(src, meta.body + 4, meta.end); // meta is a full box
  const iinf = children.find((b) => b.type === 'iinf');
  const iloc = children.find((b) => b.type === 'iloc');
  const idat = children.find((b) => b.type === 'idat');
  if (!iinf) return src; // no items described: nothing to hide in
  const hidden = metadataItems(src, iinf.body, iinf.end);
  if (hidden.size === 0) return src;
  if (!iloc) return null;
  const out = Buffer.from(src);
  for (const item of locations(src, iloc.body, iloc.end)) {
    if (!hidden.has(item.id)) continue;
    if (item.method === 1 && !idat) return null;
    if (item.method > 1) return null; // data made from other items: not something a camera writes
    const base = item.method === 1 ? idat!.body : 0;
    for (const e of item.extents) {
      // Length 0 means "to the end of the file", which for metadata would be forged.
      if (e.length === 0 || base + e.offset + e.length > src.length) return null;
      out.fill(0, base + e.offset, base + e.offset + e.length);
    }
    hidden.delete(item.id);
  }
  return hidden.size === 0 ? out : null;
}

interface Box {
  type: string;
  body: number;
  end: number;
}

function boxes(src: Buffer, from: number, to: number): Box[] {
  const found: Box[] = [];
  let pos = from;
  while (pos < to) {
    let size = src.readUInt32BE(pos);
    const type = src.subarray(pos + 4, pos + 8).toString('latin1');
    let body = pos + 8;
    if (size === 1) {
      size = Number(src.readBigUInt64BE(pos + 8));
      body += 8;
    } else if (size === 0) size = to - pos;
    if (size < body - pos || pos + size > to) throw new RangeError(`box ${type} overruns its parent`);
    found.push({ type, body, end: pos + size });
    pos += size;
  }
  return found;
}

/** The ids of the EXIF and XMP items listed in `iinf`. */
function metadataItems(src: Buffer, body: number, end: number): Set<number> {
  const version = src.readUInt8(body);
  const first = body + 4 + (version === 0 ? 2 : 4);
  const ids = new Set<number>();
  for (const infe of boxes(src, first, end)) {
    if (infe.type !== 'infe') continue;
    const v = src.readUInt8(infe.body);
    if (v < 2) throw new RangeError('item info version without item types'); // HEIF requires version 2 or 3
    let at = infe.body + 4;
    const id = v === 2 ? src.readUInt16BE(at) : src.readUInt32BE(at);
    at += (v === 2 ? 2 : 4) + 2; // item_ID, item_protection_index
    const type = src.subarray(at, at + 4).toString('latin1');
    at += 4;
    const nameEnd = src.indexOf(0, at);
    if (type === 'Exif') ids.add(id);
    if (type === 'mime' && nameEnd >= 0 && nameEnd < infe.end) {
      const typeEnd = src.indexOf(0, nameEnd + 1);
      const contentType = src.subarray(nameEnd + 1, typeEnd < 0 || typeEnd > infe.end ? infe.end : typeEnd).toString('latin1');
      if (/xml/i.test(contentType)) ids.add(id);
    }
  }
  return ids;
}

interface Location {
  id: number;
  method: number;
  extents: { offset: number; length: number }[];
}

/** Where each item's bytes are (ISO/IEC 14496-12 ItemLocationBox, versions 0–2). */
function locations(src: Buffer, body: number, end: number): Location[] {
  const version = src.readUInt8(body);
  let at = body + 4;
  const sizes = src.readUInt8(at);
  const more = src.readUInt8(at + 1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 15;
  const baseSize = more >> 4;
  const indexSize = version > 0 ? more & 15 : 0;
  at += 2;
  const read = (n: number) => {
    if (![0, 4, 8].includes(n)) throw new RangeError('field size');
    const v = n === 0 ? 0 : n === 4 ? src.readUInt32BE(at) : Number(src.readBigUInt64BE(at));
    at += n;
    return v;
  };
  const count = version < 2 ? src.readUInt16BE(at) : src.readUInt32BE(at);
  at += version < 2 ? 2 : 4;
  const items: Location[] = [];
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? src.readUInt16BE(at) : src.readUInt32BE(at);
    at += version < 2 ? 2 : 4;
    let method = 0;
    if (version > 0) {
      method = src.readUInt16BE(at) & 15;
      at += 2;
    }
    at += 2; // data_reference_index
    const base = read(baseSize);
    const extentCount = src.readUInt16BE(at);
    at += 2;
    const extents = [];
    for (let e = 0; e < extentCount; e++) {
      read(indexSize);
      const offset = read(offsetSize);
      extents.push({ offset: base + offset, length: read(lengthSize) });
    }
    if (at > end) throw new RangeError('iloc overruns its box');
    items.push({ id, method, extents });
  }
  return items;
}
