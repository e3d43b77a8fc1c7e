// The letter PDF with DejaVu Sans embedded: ms per letter, a long Swedish and an Arabic one.
// Run: npx tsx bench/letterPdf.ts
import { renderMessagePdf, type MessageDocument } from '../src/modules/answers/messagePdf.ts';

const base: MessageDocument = {
  orgName: 'Exempels kommun', unitName: 'Samhällsbyggnadsförvaltningen', postalAddress: 'Box 1, 123 45 Exempelstad',
  contactPhone: '010-123 45 67', contactEmail: 'kontakt@exempel.se', caseNumber: 'SYN-2026-0042', channel: 'letter',
  date: '2026-12-02', recipient: 'Anna Andersson\nStorgatan 1\n123 45 Exempelstad', subject: 'Svar på din synpunkt om gatubelysningen',
  body: 'Tack för att du hörde av dig om belysningen på Storgatan. Vi har undersökt saken och åtgärdat de trasiga lamporna. '.repeat(60),
  signer: 'Åsa Öberg', language: 'sv', statusLink: 'https://exempel.se/status/abc',
};
const arabic: MessageDocument = {
  ...base, language: 'ar', subject: 'الرد على ملاحظتك بشأن إنارة الشوارع',
  body: 'شكرا لتواصلك معنا بشأن الإنارة في الشارع الرئيسي. لقد قمنا بفحص الأمر وإصلاح المصابيح المعطلة. '.repeat(30),
};

const runs = Number(process.env.RUNS ?? 10);
for (const [name, m] of [['svenska', base], ['arabiska', arabic]] as const) {
  await renderMessagePdf(m); // the first render loads PDFKit and reads the font
  const start = performance.now();
  let bytes = 0;
  for (let i = 0; i < runs; i++) bytes = (await renderMessagePdf(m)).length;
  console.log(`${name}: ${((performance.now() - start) / runs).toFixed(1)} ms per letter, ${bytes} bytes`);
}
