import { describe, expect, it } from 'vitest';
import { findAddresses } from './address.ts';

const spans = (text: string) => findAddresses(text).map((f) => [f.kind, text.slice(f.start, f.end)]);

describe('findAddresses', () => {
  it('finds street addresses with letters, flats and several words', () => {
    expect(spans('Jag bor på Storgatan 12 B, lgh 1101.')).toEqual([['address', 'Storgatan 12 B, lgh 1101']]);
    expect(spans('Adress: Östra Långgatan 4a')).toEqual([['address', 'Östra Långgatan 4a']]);
    expect(spans('min adress är karl johans gata 3')).toEqual([]);
    expect(spans('Adress: Karl Johans gata 3')).toEqual([['address', 'Karl Johans gata 3']]);
    expect(spans('vi bor på skogsvägen 3a')).toEqual([['address', 'skogsvägen 3a']]);
    expect(spans('I live at 12 Baker Street.')).toEqual([['address', '12 Baker Street']]);
    expect(spans('Asun osoitteessa Mannerheimintie 5')).toEqual([['address', 'Mannerheimintie 5']]);
    expect(spans('Jag bor på Storg. 12, 544 31 hjo. Ring 112.')).toEqual([
      ['address', 'Storg. 12'],
      ['postal_code', '544 31'],
    ]);
  });

  it('finds box addresses and postal codes before a place or after "postnummer"', () => {
    expect(spans('Box 123, 544 21 Hjo')).toEqual([
      ['address', 'Box 123'],
      ['postal_code', '544 21'],
    ]);
    expect(spans('Kvarngatan 8, 54431 HJO')).toEqual([
      ['address', 'Kvarngatan 8'],
      ['postal_code', '54431'],
    ]);
    expect(spans('postnummer 544 33')).toEqual([['postal_code', '544 33']]);
  });

  it('leaves where a pothole or a broken lamp is, but not where someone lives', () => {
    expect(spans('Det är ett stort hål i asfalten utanför Storgatan 14.')).toEqual([]);
    expect(spans('Gatlampan på Kungsgatan 3 lyser inte.')).toEqual([]);
    expect(spans('Trottoaren mitt emot Hamngatan 8 är sönder.')).toEqual([]);
    expect(spans('Bilarna kör för fort på Bergsgatan 15 där vi bor.')).toEqual([['address', 'Bergsgatan 15']]);
    expect(spans('Grannen på Lillgatan 4 eldar sopor.')).toEqual([['address', 'Lillgatan 4']]);
  });

  it('leaves amounts, dates and case numbers', () => {
    expect(spans('Det kostar 1 500 kr, beslut 2026-03-15, dnr KS 2026/123, 15 000 kr/år, 100 00 kr.')).toEqual([]);
  });
});
