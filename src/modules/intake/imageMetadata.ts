import { withoutHeifMetadata } from './heifMetadata.ts';

/**
 * Photos from phones carry where and when they were taken (EXIF GPS, XMP), the device and often
 * a thumbnail; none of it belongs in a case file that staff, archives and public-records requests
 * see. Images are cleaned losslessly, by dropping the segments that hold metadata, so the picture
 * is exactly what the citizen sent (it may be evidence) and no decoder runs on untrusted input.
 * Returns null when the file does not have the structure of its type: then it is not stored.
 */
export function withoutImageMetadata(contentType: string, content: Buffer): Buffer | null {
  try {
    if (contentType === 'image/jpeg') return withoutJpegMetadata(content);
    if (contentType === 'image/png') return withoutPngMetadata(content);
    if (contentType === 'image/heic') return withoutHeifMetadata(content);
    return content;
  } catch (err) {
    if (err instanceof RangeError) return null; // read past the end: a cut or forged file
    throw err;
  }
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

/**
 * JPEG: keeps the markers a decoder needs, JFIF (APP0), the colour profile (APP2 ICC_PROFILE) and
 * Adobe's colour transform (APP14); drops EXIF and XMP (APP1), multi-picture indexes (APP2 MPF),
 * IPTC (APP13), other application segments and comments, and anything after the first image's end
 * (where phones append further images with their own EXIF). The EXIF orientation is written back
 * alone, so the photo is not shown on its side.
 */
export function withoutJpegMetadata(src: Buffer): Buffer | null {
  if (src[0] !== 0xff || src[1] !== SOI) return null;
  const out: Buffer[] = [src.subarray(0, 2)];
  let orientation: number | null = null;
  let wroteOrientation = false;
  let pos = 2;
  for (;;) {
    if (src.readUInt8(pos) !== 0xff) return null;
    let marker = src.readUInt8(pos + 1);
    // Fill bytes (0xff repeated) may stand before a marker.
    while (marker === 0xff) marker = src.readUInt8(++pos + 1);
    if (marker === EOI) {
      out.push(src.subarray(pos, pos + 2));
      return Buffer.concat(out);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      // Markers without a length (TEM, RSTn) outside a scan.
      out.push(src.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    const length = src.readUInt16BE(pos + 2);
    if (length < 2) return null;
    const end = pos + 2 + length;
    if (end > src.length) return null;
    const body = src.subarray(pos + 4, end);
    if (marker === APP1 && orientation === null) orientation = exifOrientation(body);
    const application = marker >= APP0 && marker <= 0xef;
    const keep = application ? marker === APP0 || marker === APP14 || (marker === APP2 && body.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0') : marker !== COM;
    if (!keep) {
      pos = end;
      continue;
    }
    // The orientation goes right after JFIF (or first), where readers look for EXIF.
    if (!wroteOrientation && marker !== APP0) {
      if (orientation !== null && orientation !== 1) out.push(orientationSegment(orientation));
      wroteOrientation = true;
    }
    out.push(src.subarray(pos, end));
    pos = end;
    if (marker === SOS) {
      const scanEnd = endOfScan(src, pos);
      out.push(src.subarray(pos, scanEnd));
      pos = scanEnd;
    }
  }
}

/** Entropy-coded data runs to the first marker that is neither a stuffed 0xff00 nor a restart marker. */
function endOfScan(src: Buffer, from: number): number {
  let i = from;
  for (;;) {
    i = src.indexOf(0xff, i);
    if (i < 0 || i + 1 >= src.length) throw new RangeError('scan without end');
    const next = src[i + 1]!;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) i += next === 0xff ? 1 : 2;
    else return i;
  }
}

/** The orientation tag (0x0112) of an APP1 EXIF body, or null. */
function exifOrientation(body: Buffer): number | null {
  if (body.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return null;
  const tiff = body.subarray(6);
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const entries = u16(ifd);
  for (let n = 0; n < entries; n++) {
    const at = ifd + 2 + n * 12;
    if (u16(at) === 0x0112 && u16(at + 2) === 3) {
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 EXIF segment holding nothing but the orientation. */
function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const head = Buffer.from([0xff, APP1, 0, 0]);
  head.writeUInt16BE(2 + 6 + tiff.length, 2);
  return Buffer.concat([head, Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that carry metadata rather than the picture: EXIF, text (where XMP and camera notes go) and the time. */
const PNG_METADATA = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** PNG: every chunk but the metadata ones, up to and with IEND; nothing after it. */
export function withoutPngMetadata(src: Buffer): Buffer | null {
  if (!src.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  for (;;) {
    const length = src.readUInt32BE(pos);
    const type = src.subarray(pos + 4, pos + 8).toString('latin1');
    const end = pos + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > src.length) return null;
    if (!PNG_METADATA.has(type)) out.push(src.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
}
