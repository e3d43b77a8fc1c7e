import type { Executor } from '../../db/database.ts';
import type { CaseKind, ResponseTemplatesTable } from '../../db/schema.ts';

type Purpose = 'answer' | 'referral' | 'not_handled' | 'acknowledgement' | 'delay_notice';

interface TemplateSpec {
  title: string;
  kind: CaseKind | null;
  purpose: Purpose;
  referralType?: string;
  body: string;
}

// The sign-off is part of each template, so what the handler sees is exactly what is sent.
const SIGN_OFF = 'Med vänliga hälsningar\n{handlaggare}\n{forvaltning}';

/**
 * The demo's frasbibliotek. Placeholders: {arendenummer}, {namn}, {handlaggare}, {mottagen},
 * {forvaltning}. [Hakparenteser] mark what the handler must write themselves.
 */
export const DEMO_TEMPLATES: TemplateSpec[] = [
  {
    title: 'Tack för beröm',
    kind: 'berom',
    purpose: 'answer',
    body: `Hej {namn}!

Tack för att du tog dig tid att berätta om något som fungerade bra. Vi har lämnat ditt beröm vidare till medarbetarna det gäller. Det betyder mycket för dem, och det visar oss vad vi ska fortsätta med.

Ditt ärendenummer är {arendenummer}.

${SIGN_OFF}`,
  },
  {
    title: 'Svar på klagomål – åtgärd vidtagen',
    kind: 'klagomal',
    purpose: 'answer',
    body: `Hej {namn}!

Tack för ditt klagomål som kom in {mottagen}. Vi beklagar att det inte blev som det skulle.

Vi har gått igenom det du tog upp och har gjort följande: [beskriv åtgärden och när den gäller från].

Dina synpunkter hjälper oss att bli bättre. Hör gärna av dig igen om du har frågor, och ange då ärendenummer {arendenummer}.

${SIGN_OFF}`,
  },
  {
    title: 'Svar på klagomål – förklaring',
    kind: 'klagomal',
    purpose: 'answer',
    body: `Hej {namn}!

Tack för ditt klagomål som kom in {mottagen}. Vi förstår att du är missnöjd och vill förklara hur vi har resonerat.

[Beskriv bakgrunden och varför verksamheten gör som den gör.]

Vi har tagit med dina synpunkter i vårt arbete med att utveckla verksamheten. Hör gärna av dig igen om du har frågor, och ange då ärendenummer {arendenummer}.

${SIGN_OFF}`,
  },
  {
    title: 'Svar på fråga',
    kind: 'fraga',
    purpose: 'answer',
    body: `Hej {namn}!

Tack för din fråga som kom in {mottagen}.

[Svaret på frågan.]

Om du vill veta mer är du välkommen att kontakta oss. Ange då ärendenummer {arendenummer}.

${SIGN_OFF}`,
  },
  {
    title: 'Tack för förslag',
    kind: 'forslag',
    purpose: 'answer',
    body: `Hej {namn}!

Tack för ditt förslag som kom in {mottagen}. Det är värdefullt för oss att få idéer från dem som använder våra verksamheter.

[Beskriv vad som händer med förslaget: om det genomförs, utreds vidare eller varför det inte går just nu.]

Ditt ärendenummer är {arendenummer}.

${SIGN_OFF}`,
  },
  {
    title: 'Hänvisning till felanmälan',
    kind: null,
    purpose: 'referral',
    referralType: 'fault_report',
    body: `Hej {namn}!

Tack för att du hörde av dig {mottagen}. Det du beskriver är ett fel som behöver åtgärdas, och sådant tas om hand snabbast som en felanmälan.

Gör en felanmälan på www.exempelkommun.se/felanmalan eller ring kontaktcenter på 0123-45 67 00. Ditt ärende {arendenummer} hos oss avslutas.

${SIGN_OFF}`,
  },
  {
    title: 'Hänvisning – så överklagar du ett beslut',
    kind: null,
    purpose: 'referral',
    referralType: 'appeal',
    body: `Hej {namn}!

Tack för att du hörde av dig {mottagen}. Du är missnöjd med ett beslut, och det kan du överklaga. En synpunkt ändrar inte beslutet.

Hur du överklagar står i beslutet du har fått. Du hittar också information på www.exempelkommun.se/overklaga. Ditt ärende {arendenummer} hos oss avslutas.

${SIGN_OFF}`,
  },
  {
    title: 'Ej handlagd – kränkande innehåll',
    kind: null,
    purpose: 'not_handled',
    body: `Hej!

Vi har tagit emot ditt meddelande {mottagen} (ärendenummer {arendenummer}). Det innehåller uttalanden som kränker eller pekar ut enskilda personer, och därför handläggs det inte som en synpunkt.

Du är välkommen att lämna din synpunkt igen utan sådana uttalanden, så tar vi hand om den.

${SIGN_OFF}`,
  },
];

/** Seeds the templates into an organization, inside the caller's transaction. */
export async function insertDemoTemplates(db: Executor, organizationId: string): Promise<void> {
  await db
    .insertInto('response_templates')
    .values(
      DEMO_TEMPLATES.map((t, i) => ({
        organization_id: organizationId,
        kind: t.kind,
        purpose: t.purpose,
        referral_type: t.referralType ?? null,
        title: t.title,
        body: t.body,
        sort_order: i,
      })),
    )
    .execute();
}
