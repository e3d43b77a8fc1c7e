import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/database.ts';
import { wordsOf } from '../src/modules/publication/lexicon.ts';

/**
 * Published answers for the archive benchmark: one organization (the demo one), `count` closed
 * cases each with an approved public version, and the search lexicon they make. Texts are built
 * from Swedish sentences on 40 subjects with street names, places and a few rare words, so the
 * full-text index and the lexicon hold a realistic spread of common and rare words. Rows are
 * loaded with unnest in batches; the triggers of the case tables are skipped (they count
 * statistics, which this benchmark does not read). Deterministic for a given seed.
 */

export const SUBJECTS: { title: string; question: string[]; answer: string[] }[] = [
  { title: 'Snöröjning på {gata}', question: ['Snöröjningen på {gata} har inte gjorts på flera dagar.', 'Plogbilen körde förbi men gångbanan är fortfarande full av snö.'], answer: ['Vi plogar huvudgator och bussgator först, sedan bostadsgator.', 'Snöröjningen på {gata} är nu gjord och vi har sandat gångbanan.'] },
  { title: 'Trasig gatlykta vid {plats}', question: ['Gatlyktan vid {plats} har varit släckt i två veckor.', 'Det är mörkt och otryggt att gå hem på kvällen.'], answer: ['Tack för felanmälan. Gatlyktan är lagad.', 'Belysningen kontrolleras varje höst men fel kan uppstå.'] },
  { title: 'Maten på {skola}', question: ['Maten på {skola} är ofta kall när barnen äter.', 'Portionerna räcker inte till de äldre eleverna.'], answer: ['Kostenheten har sett över hur maten hålls varm.', 'Eleverna får alltid ta om av huvudrätten.'] },
  { title: 'Parkering vid {plats}', question: ['Det finns för få parkeringsplatser vid {plats}.', 'Bilar parkerar på gångbanan och blockerar barnvagnar.'], answer: ['Parkeringsövervakningen har fått i uppdrag att kontrollera området oftare.', 'Vi utreder om fler parkeringsplatser kan anläggas.'] },
  { title: 'Bygglov för altan', question: ['Handläggningen av mitt bygglov för en altan har tagit mer än tre månader.', 'Jag har inte fått något besked om när beslutet kommer.'], answer: ['Handläggningstiden för bygglov är normalt tio veckor från komplett ansökan.', 'Din ansökan saknade en situationsplan, vilket förlängde tiden.'] },
  { title: 'Öppettider på biblioteket', question: ['Biblioteket i {plats} borde ha öppet längre på lördagar.', 'Många som arbetar hinner inte låna böcker på vardagar.'], answer: ['Från nästa termin har biblioteket öppet till klockan sexton på lördagar.', 'Meröppet med lånekort finns också på kvällarna.'] },
  { title: 'Hemtjänsten kom sent', question: ['Hemtjänsten kom två timmar för sent till min pappa.', 'Ingen ringde och sa att de var försenade.'], answer: ['Vi beklagar att besöket blev försenat och att ingen hörde av sig.', 'Personalen ska alltid ringa om de blir mer än en halvtimme sena.'] },
  { title: 'Skolskjuts till {skola}', question: ['Skolskjutsen till {skola} hämtar barnen för tidigt på morgonen.', 'Barnen får vänta ute i kylan i en halvtimme.'], answer: ['Vi har ändrat turlistan så att bussen går tio minuter senare.', 'Skolskjutsen planeras om inför varje läsår.'] },
  { title: 'Buller från {plats}', question: ['Det är mycket buller från byggarbetsplatsen vid {plats} tidigt på morgonen.', 'Arbetet börjar redan klockan sex.'], answer: ['Miljö och hälsoskydd har kontaktat entreprenören.', 'Bullrande arbete får inte börja före klockan sju på vardagar.'] },
  { title: 'Papperskorgar i {park}', question: ['Papperskorgarna i {park} är överfulla varje helg.', 'Skräpet blåser ut över gräsmattan.'], answer: ['Vi tömmer nu papperskorgarna i {park} även på söndagar under sommaren.', 'Fler papperskorgar ställs ut vid lekplatsen.'] },
  { title: 'Lekplatsen i {park}', question: ['Gungan på lekplatsen i {park} är trasig.', 'Sanden i sandlådan har inte bytts på länge.'], answer: ['Lekplatsen besiktigas två gånger om året och gungan är nu lagad.', 'Sanden byts i maj.'] },
  { title: 'Simhallens öppettider', question: ['Simhallen stänger för tidigt på vardagar.', 'Det finns inga tider för motionssim på kvällen.'], answer: ['Motionssim finns nu tisdagar och torsdagar till klockan tjugo.', 'Simhallen har begränsade tider på grund av personalbrist.'] },
  { title: 'Avgift för förskola', question: ['Fakturan för förskoleavgiften var fel den här månaden.', 'Vi debiterades för en månad då barnet var ledigt.'], answer: ['Avgiften för förskola betalas tolv månader om året.', 'Fakturan har rättats och en kreditfaktura skickas.'] },
  { title: 'Sophämtning på {gata}', question: ['Soptunnan på {gata} har inte tömts på tre veckor.', 'Det luktar illa och fåglar river i soporna.'], answer: ['Renhållningen missade tyvärr tömningen och har nu kört extra.', 'Kontakta kundtjänst direkt om tömningen uteblir.'] },
  { title: 'Hål i vägen på {gata}', question: ['Det finns ett stort hål i asfalten på {gata}.', 'Cyklister riskerar att köra omkull.'], answer: ['Hålet har lagats provisoriskt och beläggningen görs om i vår.', 'Tack för att du hörde av dig om potthålet.'] },
  { title: 'Bemötande i kontaktcenter', question: ['Jag blev otrevligt bemött när jag ringde kontaktcenter.', 'Handläggaren lade på luren utan att svara på frågan.'], answer: ['Vi ber om ursäkt för bemötandet.', 'Frågan har tagits upp med personalen i kontaktcenter.'] },
  { title: 'Cykelbana längs {gata}', question: ['Cykelbanan längs {gata} tar slut mitt i korsningen.', 'Det är farligt för barn som cyklar till skolan.'], answer: ['En ny cykelbana planeras i nästa års budget.', 'Vi har satt upp varningsskyltar vid korsningen.'] },
  { title: 'Vatten och avlopp', question: ['Kranvattnet smakar konstigt sedan i måndags.', 'Vattnet är missfärgat när man spolar.'], answer: ['Missfärgningen berodde på spolning av ledningsnätet och är ofarlig.', 'Vattenprover visar att vattnet håller god kvalitet.'] },
  { title: 'Färdtjänst', question: ['Färdtjänsten kom inte till den bokade tiden.', 'Jag missade min läkartid på vårdcentralen.'], answer: ['Vi beklagar att resan blev försenad.', 'Ersättning för missad tid kan sökas hos färdtjänsthandläggaren.'] },
  { title: 'Äldreboendets aktiviteter', question: ['På äldreboendet finns nästan inga aktiviteter på helgerna.', 'Min mamma sitter ensam på rummet.'], answer: ['Aktivitetssamordnaren har tagit fram ett nytt helgprogram.', 'Anhöriga är välkomna att delta i aktiviteterna.'] },
  { title: 'Badplatsen vid {sjo}', question: ['Bryggan vid badplatsen i {sjo} är sönder.', 'Det finns ingen livboj vid stranden.'], answer: ['Bryggan är reparerad och en ny livboj har satts upp.', 'Badplatserna ses över inför varje sommar.'] },
  { title: 'Hundrastgård i {park}', question: ['Vi önskar en hundrastgård i {park}.', 'Hundar springer lösa bland barnen.'], answer: ['Förslaget om hundrastgård skickas vidare till parkförvaltningen.', 'Koppeltvång gäller i alla parker under sommarhalvåret.'] },
  { title: 'Klotter på {plats}', question: ['Det har varit klotter på väggen vid {plats} i flera månader.', 'Det ser ovårdat ut.'], answer: ['Klottret är sanerat.', 'Klotter på kommunens byggnader tas bort inom en vecka efter anmälan.'] },
  { title: 'Träd som skymmer sikten', question: ['Ett träd vid korsningen på {gata} skymmer sikten.', 'Bilister ser inte gående som går över gatan.'], answer: ['Trädet har beskurits.', 'Vegetation vid korsningar ses över varje vår.'] },
  { title: 'Utbildning i svenska för vuxna', question: ['Kön till svenska för invandrare är för lång.', 'Min man har väntat i fyra månader.'], answer: ['Vuxenutbildningen har öppnat två nya grupper.', 'Väntetiden är nu under en månad.'] },
  { title: 'Ekonomiskt bistånd', question: ['Handläggningen av ansökan om ekonomiskt bistånd tar för lång tid.', 'Jag har inte fått besked trots att alla papper är inlämnade.'], answer: ['Beslut om ekonomiskt bistånd fattas normalt inom två veckor.', 'Din handläggare kontaktar dig i veckan.'] },
  { title: 'Busshållplatsen vid {plats}', question: ['Busshållplatsen vid {plats} saknar väderskydd.', 'Det regnar in och bänken är trasig.'], answer: ['Ett nytt väderskydd monteras under hösten.', 'Kollektivtrafikmyndigheten ansvarar för hållplatsens utrustning.'] },
  { title: 'Fritidsgården', question: ['Fritidsgården har stängt på fredagskvällar.', 'Ungdomarna har ingenstans att vara.'], answer: ['Fritidsgården har öppet på fredagar från och med nästa månad.', 'Fritidsledarna planerar aktiviteterna tillsammans med ungdomarna.'] },
  { title: 'Tack till personalen på {skola}', question: ['Jag vill tacka personalen på {skola} för ett fantastiskt arbete.', 'Min dotter trivs jättebra.'], answer: ['Tack för dina fina ord, vi har berättat för personalen.', 'Det värmer att höra att din dotter trivs.'] },
  { title: 'Förslag om utegym i {park}', question: ['Kommunen borde bygga ett utegym i {park}.', 'Många motionerar där redan i dag.'], answer: ['Förslaget om utegym har lämnats till kultur och fritid.', 'Ett utegym planeras i samband med upprustningen av parken.'] },
  { title: 'Kö till förskola', question: ['Vi har väntat på förskoleplats i fem månader.', 'Garantitiden på fyra månader har gått ut.'], answer: ['Ni erbjuds plats på {skola} från första nästa månad.', 'Vi beklagar att garantitiden inte hölls.'] },
  { title: 'Gångväg utan belysning', question: ['Gångvägen mellan {plats} och {gata} saknar belysning.', 'Många skolbarn går där på vintern.'], answer: ['Belysning av gångvägen finns med i investeringsplanen.', 'Tills vidare sätts tillfälliga lampor upp.'] },
  { title: 'Information på webbplatsen', question: ['Det är svårt att hitta information om avfallstaxan på webbplatsen.', 'Länken till blanketten fungerar inte.'], answer: ['Länken är rättad och sidan om avfallstaxan är omskriven.', 'Tack för att du hörde av dig.'] },
  { title: 'Trafiken på {gata}', question: ['Bilarna kör alldeles för fort på {gata}.', 'Det behövs farthinder.'], answer: ['Trafikmätning visar att många kör för fort.', 'Två farthinder anläggs under våren.'] },
  { title: 'Ogräs och gräsklippning', question: ['Gräset i {park} har inte klippts på hela sommaren.', 'Ogräset växer in på gångvägen.'], answer: ['Gräsklippningen är försenad på grund av trasiga maskiner.', 'Parken klipps nu varannan vecka.'] },
  { title: 'Återvinningsstationen vid {plats}', question: ['Återvinningsstationen vid {plats} är alltid full.', 'Kartonger ställs på marken bredvid.'], answer: ['Tömningen av återvinningsstationen har utökats.', 'Producenterna ansvarar för stationerna och har meddelats.'] },
  { title: 'Telefontider för socialtjänsten', question: ['Det går inte att komma fram till socialtjänsten på telefon.', 'Telefontiden är bara en timme om dagen.'], answer: ['Telefontiden har förlängts till två timmar.', 'Du kan också skicka ett meddelande via e-tjänsten.'] },
  { title: 'Elevhälsan på {skola}', question: ['Det är svårt att få tid hos skolsköterskan på {skola}.', 'Kuratorn finns bara på plats en dag i veckan.'], answer: ['Skolan har anställt en kurator till.', 'Skolsköterskan har drop-in varje morgon.'] },
  { title: 'Kulturhusets program', question: ['Kulturhuset har för få föreställningar för barn.', 'Biljetterna tar slut direkt.'], answer: ['Vi lägger till fler barnföreställningar under vintern.', 'Biljettsläppet sker nu i två omgångar.'] },
  { title: 'Halka vid {plats}', question: ['Det är mycket halt på trappan vid {plats}.', 'En äldre man halkade i går.'], answer: ['Trappan har sandats och värmeslingan är lagad.', 'Halkbekämpning prioriteras vid trappor och entréer.'] },
];

const STREET_PARTS = ['Björk', 'Ek', 'Lind', 'Tall', 'Gran', 'Rönn', 'Al', 'Hassel', 'Asp', 'Lönn', 'Sjö', 'Kvarn', 'Kyrk', 'Skol', 'Torg', 'Bruks', 'Stations', 'Hamn', 'Åker', 'Äng', 'Mosse', 'Berg', 'Dal', 'Strand', 'Skogs', 'Vall', 'Öster', 'Väster', 'Norr', 'Söder'];
const STREET_ENDS = ['gatan', 'vägen', 'stigen', 'gränd', 'backen', 'allén', 'torget', 'leden'];
const PLACES = ['centrum', 'stationen', 'torget', 'vårdcentralen', 'idrottsplatsen', 'kyrkan', 'sporthallen', 'badhuset', 'rådhuset', 'hamnen', 'köpcentret', 'ishallen'];
const SCHOOLS = ['Centralskolan', 'Björkskolan', 'Solrosens förskola', 'Ekbackens förskola', 'Västra skolan', 'Hagaskolan', 'Ängsskolan', 'Lärkans förskola'];
const PARKS = ['Stadsparken', 'Folkets park', 'Brunnsparken', 'Rosenparken', 'Vattenparken', 'Slottsparken'];
const LAKES = ['Vättern', 'Mjörn', 'Stensjön', 'Lillsjön', 'Gransjön'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ru', 'se', 'ta', 'vi', 'no', 'pe', 'gu', 'sä', 'ko', 'rö', 'bå', 'li', 'de', 'fa', 'hy', 'jo', 'tu'];

/** A small deterministic generator (mulberry32), so every run loads the same archive. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedArchive {
  organizationId: string;
  answers: number;
  words: number;
  areaIds: string[];
  forvaltningIds: string[];
  seconds: number;
}

export async function generateArchive(db: Db, organizationId: string, count: number, seed = 4711): Promise<GeneratedArchive> {
  const started = performance.now();
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const areas = (await db.selectFrom('categories').select('id').where('organization_id', '=', organizationId).where('level', '=', 'area').execute()).map((r) => r.id);
  const forvaltningar = (await db.selectFrom('org_units').select('id').where('organization_id', '=', organizationId).where('kind', '=', 'forvaltning').execute()).map((r) => r.id);
  const fill = (s: string) =>
    s.replace(/\{gata\}/g, () => pick(STREET_PARTS) + pick(STREET_ENDS)).replace(/\{plats\}/g, () => pick(PLACES)).replace(/\{skola\}/g, () => pick(SCHOOLS)).replace(/\{park\}/g, () => pick(PARKS)).replace(/\{sjo\}/g, () => pick(LAKES));
  const rare = () => Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => pick(SYLLABLES)).join('');
  const lexicon = new Map<string, number>();
  const end = Date.parse('2026-12-01T09:00:00Z');
  const span = 5 * 365 * 86_400_000;
  const perYear = new Map<number, number>();
  const kinds = ['klagomal', 'fraga', 'berom', 'forslag'] as const;

  // One connection throughout: skipping the triggers is a setting of the session.
  const words: [string, number][] = [];
  await db.connection().execute(async (conn) => {
    await sql`SET session_replication_role = replica`.execute(conn);
    const BATCH = 5000;
    for (let from = 0; from < count; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, count - from) }, (_, k) => {
        const s = SUBJECTS[(from + k) % SUBJECTS.length]!;
        const received = new Date(end - span + ((from + k) / count) * span - rnd() * 3_600_000);
        const year = received.getUTCFullYear();
        const n = (perYear.get(year) ?? 0) + 1;
        perYear.set(year, n);
        const question = `${s.question.map(fill).join(' ')} ${rnd() < 0.5 ? `Det gäller också ${rare()}.` : ''}`.trim();
        const answer = `Hej! Tack för att du kontaktade oss. ${s.answer.map(fill).join(' ')} Med vänliga hälsningar, ${pick(forvaltningar) === forvaltningar[0] ? 'kontaktcenter' : 'förvaltningen'}.`;
        const title = fill(s.title);
        for (const w of wordsOf(`${title}\n${question}\n${answer}`)) lexicon.set(w, (lexicon.get(w) ?? 0) + 1);
        const answered = new Date(received.getTime() + (1 + rnd() * 20) * 86_400_000);
        return { caseId: crypto.randomUUID(), versionId: crypto.randomUUID(), number: `SYN-${year}-${String(n).padStart(5, '0')}`, title, question, answer, received, answered, published: new Date(answered.getTime() + 86_400_000), kind: pick(kinds), area: pick(areas), forvaltning: pick(forvaltningar) };
      });
      const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
      await sql`
        INSERT INTO cases (id, organization_id, number, status, kind, channel, description, anonymous, received_at, unit_id, area_id, significance, first_answered_at, closed_at, outcome, status_token_hash)
        SELECT id, ${organizationId}, number, 'closed', kind, 'web', description, false, received_at, unit_id, area_id, 'routine', answered, answered, 'answered', token
        FROM unnest(${col('caseId')}::uuid[], ${col('number')}::text[], ${col('kind')}::text[], ${col('question')}::text[], ${col('received')}::timestamptz[], ${col('forvaltning')}::uuid[], ${col('area')}::uuid[], ${col('answered')}::timestamptz[], ${rows.map(() => randomBytes(32))}::bytea[])
          AS t(id, number, kind, description, received_at, unit_id, area_id, answered, token)`.execute(conn);
      await sql`
        INSERT INTO publication_versions (id, case_id, number, title, question, answer, author_kind, author_id, author_label, created_at, approver_kind, approver_id, approver_label, approved_at)
        SELECT v, c, 1, ti, q, a, 'user', ${organizationId}, 'Bench', p, 'user', ${organizationId}, 'Bench', p
        FROM unnest(${col('versionId')}::uuid[], ${col('caseId')}::uuid[], ${col('title')}::text[], ${col('question')}::text[], ${col('answer')}::text[], ${col('published')}::timestamptz[]) AS t(v, c, ti, q, a, p)`.execute(conn);
      await sql`
        INSERT INTO publications (case_id, organization_id, case_number, public_version_id, title, question, answer, kind, area_id, forvaltning_id, asked_on, answered_on, first_published_at, published_at, created_at, updated_at)
        SELECT c, ${organizationId}, n, v, ti, q, a, k, ar, f, (r AT TIME ZONE 'Europe/Stockholm')::date, (an AT TIME ZONE 'Europe/Stockholm')::date, p, p, p, p
        FROM unnest(${col('caseId')}::uuid[], ${col('number')}::text[], ${col('versionId')}::uuid[], ${col('title')}::text[], ${col('question')}::text[], ${col('answer')}::text[], ${col('kind')}::text[], ${col('area')}::uuid[], ${col('forvaltning')}::uuid[], ${col('received')}::timestamptz[], ${col('answered')}::timestamptz[], ${col('published')}::timestamptz[])
          AS t(c, n, v, ti, q, a, k, ar, f, r, an, p)`.execute(conn);
    }
    words.push(...lexicon);
    for (let from = 0; from < words.length; from += 20_000) {
      const part = words.slice(from, from + 20_000);
      await sql`INSERT INTO publication_words (organization_id, word, documents) SELECT ${organizationId}, w, d FROM unnest(${part.map((p) => p[0])}::text[], ${part.map((p) => p[1])}::int[]) AS t(w, d)`.execute(conn);
    }
    await sql`SET session_replication_role = DEFAULT`.execute(conn);
  });
  await sql`ANALYZE cases, publications, publication_versions, publication_words`.execute(db);
  return { organizationId, answers: count, words: words.length, areaIds: areas, forvaltningIds: forvaltningar, seconds: (performance.now() - started) / 1000 };
}
