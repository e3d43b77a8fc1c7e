import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { withoutImageMetadata } from './imageMetadata.ts';

/** Photos as phones make them: real encoders (libvips) writing EXIF with GPS, XMP and orientation. */

const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '59/1 19/1 4/1', GPSLongitudeRef: 'E', GPSLongitude: '18/1 4/1 7/1' };
const EXIF = { IFD0: { Make: 'Telefonen AB', Model: 'Ficka 12' }, IFD3: GPS };
const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="59,19.07N"/></rdf:RDF></x:xmpmeta>';

const picture = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#c83c1e' } });
const pixels = async (b: Buffer) => sharp(b).raw().toBuffer();
const has = (b: Buffer, text: string) => b.includes(Buffer.from(text, 'latin1'));

describe('image metadata', () => {
  it('takes GPS, device, XMP and comments out of a JPEG, keeps every pixel and the orientation', async () => {
    const photo = await picture().jpeg().withExif(EXIF).withXmp(XMP).toBuffer();
    const commented = Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 12]), Buffer.from('Stigen 4 B\u0000', 'latin1').subarray(0, 10), photo.subarray(2)]);
    const turned = await picture().jpeg().withExif(EXIF).withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(turned).metadata()).orientation).toBe(6);
    expect(await exifr.gps(commented)).toMatchObject({ latitude: expect.closeTo(59.3178, 3) });
    expect(has(commented, 'Telefonen AB') && has(commented, 'xmpmeta') && has(commented, 'Stigen')).toBe(true);

    const clean = withoutImageMetadata('image/jpeg', commented)!;
    expect(await exifr.gps(clean)).toBeUndefined();
    expect(await exifr.parse(clean, { xmp: true })).toBeUndefined();
    for (const text of ['Telefonen AB', 'Ficka', 'xmpmeta', 'Stigen', 'GPS']) expect(has(clean, text), text).toBe(false);
    expect((await pixels(clean)).equals(await pixels(photo))).toBe(true);

    const cleanTurned = withoutImageMetadata('image/jpeg', turned)!;
    expect(await exifr.gps(cleanTurned)).toBeUndefined();
    expect((await sharp(cleanTurned).metadata()).orientation).toBe(6);
    expect(await exifr.parse(cleanTurned)).toEqual({ Orientation: 'Rotate 90 CW' });
  });

  it('drops a second picture appended after the first one ends (as phones do for depth maps), with its EXIF', async () => {
    const first = await picture().jpeg().toBuffer();
    const second = await picture().jpeg().withExif(EXIF).toBuffer();
    const clean = withoutImageMetadata('image/jpeg', Buffer.concat([first, second]))!;
    expect(clean.equals(first)).toBe(true);
  });

  it('keeps a JPEG without metadata byte for byte and refuses one that does not parse', async () => {
    const plain = await picture().jpeg().toBuffer();
    expect(withoutImageMetadata('image/jpeg', plain)!.equals(plain)).toBe(true);
    expect(withoutImageMetadata('image/jpeg', plain.subarray(0, 200))).toBeNull();
    expect(withoutImageMetadata('image/jpeg', Buffer.concat([plain.subarray(0, 4), Buffer.from('x')]))).toBeNull();
  });

  it('takes EXIF and text chunks out of a PNG and nothing else', async () => {
    const photo = await picture().png().withExif(EXIF).withXmp(XMP).toBuffer();
    expect(await exifr.gps(photo)).toBeDefined();
    const clean = withoutImageMetadata('image/png', Buffer.concat([photo, Buffer.from('efter slutet')]))!;
    expect(await exifr.gps(clean)).toBeUndefined();
    for (const text of ['eXIf', 'iTXt', 'tEXt', 'xmpmeta', 'Telefonen', 'efter slutet']) expect(has(clean, text), text).toBe(false);
    expect((await pixels(clean)).equals(await pixels(photo))).toBe(true);
    const plain = await picture().png().toBuffer();
    expect(withoutImageMetadata('image/png', plain)!.equals(plain)).toBe(true);
    expect(withoutImageMetadata('image/png', plain.subarray(0, 40))).toBeNull();
  });

  it('blanks the EXIF and XMP items of a HEIF file in place, leaving the picture as it was', async () => {
    // libvips writes HEIF with AV1 rather than HEVC; the container and its metadata items are the same as an iPhone's HEIC.
    const photo = await picture().avif().withExif(EXIF).withXmp(XMP).toBuffer();
    expect(has(photo, 'Telefonen AB') && has(photo, 'xmpmeta')).toBe(true);
    const clean = withoutImageMetadata('image/heic', photo)!;
    expect(clean.length).toBe(photo.length);
    for (const text of ['Telefonen AB', 'Ficka', 'xmpmeta', 'MM\u0000*']) expect(has(clean, text), text).toBe(false);
    expect((await pixels(clean)).equals(await pixels(photo))).toBe(true);
    const plain = await picture().avif().toBuffer();
    expect(withoutImageMetadata('image/heic', plain)!.equals(plain)).toBe(true);
    expect(withoutImageMetadata('image/heic', Buffer.from('not a heif file at all'))).toBeNull();
    expect(withoutImageMetadata('image/heic', photo.subarray(0, 60))).toBeNull();
  });
});
