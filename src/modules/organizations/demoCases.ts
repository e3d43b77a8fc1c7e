import type { CaseKind, Channel, MessageChannel, ReplyChannel } from '../../db/schema.ts';
import type { Outcome, ReferralType, Status } from '../cases/lifecycle.ts';

/**
 * Sample cases for the embedded demo (demoStartup.ts), so someone trying Lyhörd sees a registrar's
 * inbox and handlers' lists with work in them. Each step is replayed through the app's own commands
 * (demoCaseSteps.ts) at a time in the past, so numbers, history, deadlines and messages agree.
 *
 * People are fictitious: example.se addresses and phone numbers from the series PTS keeps for
 * fiction (070-174 06 05 – 070-174 06 99).
 */

/** [working days before today, Swedish local time "HH:MM"]. Day 0 is today. */
export type When = readonly [number, string];

/** Registers what comes in and takes the calls and letters. */
export const DEMO_REGISTRAR = 'registrator@exempelkommun.se';
const SARA = 'samordnare.bou@exempelkommun.se';
const SVEN = 'samordnare.sbf@exempelkommun.se';
const HANNA = 'handlaggare.forskola@exempelkommun.se';
const GUSTAV = 'handlaggare.gata@exempelkommun.se';

export interface DemoCase {
  kind: CaseKind;
  /** web goes through the public form's command; the others are registered by the registrar on the person's behalf. */
  channel: Extract<Channel, 'web' | 'phone' | 'letter' | 'visit'>;
  received: When;
  description: string;
  contact: null | { name: string; email?: string; phone?: string; address?: string; replyChannel: ReplyChannel };
  suggestedUnit?: string;
  register?: { at: When; unit: string; area: string; subcategory?: string; important?: boolean };
  /** Registered, answered on the spot and closed in one step by the registrar (snabbsynpunkt). */
  quick?: { outcome: Outcome; answer: string };
  assign?: { at: When; by: string; handler: string };
  start?: When;
  ask?: { at: When; question: string };
  /** The submitter's reply on their status page: the case runs again. */
  reply?: { at: When; text: string };
  answer?: { at: When; channel: MessageChannel; body: string };
  close?: { at: When; outcome: Outcome; measures?: string };
  refer?: { at: When; type: ReferralType; reply: string };
  /** Where the steps leave it; the test checks it. */
  expected: Status;
}

export const DEMO_CASES: readonly DemoCase[] = [
  {
    kind: 'berom',
    channel: 'web',
    received: [20, '19:42'],
    description: 'Stort tack till personalen på Solrosens förskola för en trygg och varm inskolning! Vår son längtar till förskolan varje morgon.',
    contact: { name: 'Eva Exempelsson', email: 'eva.exempelsson@example.se', replyChannel: 'email' },
    suggestedUnit: 'Solrosens förskola',
    register: { at: [19, '08:40'], unit: 'Solrosens förskola', area: 'Bemötande', subcategory: 'Förskola' },
    assign: { at: [19, '10:05'], by: SARA, handler: HANNA },
    answer: { at: [18, '13:20'], channel: 'email', body: 'Hej Eva!\n\nTack för dina fina ord. Jag har läst upp dem för personalen på Solrosen, som blev mycket glada.\n\nVänliga hälsningar\nHanna Handläggare' },
    close: { at: [18, '13:25'], outcome: 'noted' },
    expected: 'closed',
  },
  {
    kind: 'klagomal',
    channel: 'web',
    received: [18, '12:15'],
    description:
      'Mitt barn har glutenintolerans och har flera gånger de senaste veckorna fått samma lunch som alla andra på Björkskolan. Senast blev hon sjuk och fick stanna hemma i två dagar. Jag vill veta hur köket säkerställer specialkosten.',
    contact: { name: 'Petra Provsson', email: 'petra.provsson@example.se', phone: '070-174 06 12', replyChannel: 'email' },
    register: { at: [17, '09:10'], unit: 'Björkskolan', area: 'Tjänster', subcategory: 'Skolmåltider', important: true },
    assign: { at: [17, '11:30'], by: SARA, handler: SARA },
    start: [16, '08:30'],
    ask: { at: [16, '08:45'], question: 'Hej Petra! Tack för att du hör av dig. Kan du berätta vilka dagar det gällde och vilken klass din dotter går i, så att jag kan gå igenom det med köket?' },
    reply: { at: [15, '20:10'], text: 'Det var tisdag och torsdag förra veckan samt måndag i veckan före. Hon går i klass 3B.' },
    answer: {
      at: [12, '15:00'],
      channel: 'email',
      body: 'Hej Petra!\n\nTack för uppgifterna. Köket har gått igenom rutinerna: specialkost märks nu med elevens namn och klass, och en vikarie hade inte fått informationen. All personal i köket har fått en genomgång.\n\nVänliga hälsningar\nSara Samordnare',
    },
    close: { at: [12, '15:10'], outcome: 'measure_taken', measures: 'Specialkost märks med namn och klass; genomgång av rutinen med kökets personal och vikarier.' },
    expected: 'closed',
  },
  {
    kind: 'klagomal',
    channel: 'web',
    received: [15, '07:55'],
    description: 'Det är ständigt nedskräpat runt återvinningsstationen vid Torget. Kartonger och påsar blåser ut över gatan, och containrarna verkar inte tömmas tillräckligt ofta.',
    contact: { name: 'Tore Testberg', email: 'tore.testberg@example.se', replyChannel: 'email' },
    register: { at: [15, '10:20'], unit: 'Gata och park', area: 'Fysisk miljö', subcategory: 'Avfall och återvinning' },
    assign: { at: [14, '09:00'], by: SVEN, handler: GUSTAV },
    start: [13, '10:00'],
    answer: {
      at: [11, '14:30'],
      channel: 'email',
      body: 'Hej Tore!\n\nTack för att du tipsade oss. Vi har städat runt stationen och kommit överens med entreprenören om tömning två gånger i veckan i stället för en.\n\nVänliga hälsningar\nGustav Gatuchef',
    },
    close: { at: [11, '14:40'], outcome: 'measure_taken', measures: 'Extra städning; tömning av containrarna ändrad till två gånger i veckan.' },
    expected: 'closed',
  },
  {
    kind: 'klagomal',
    channel: 'visit',
    received: [14, '11:05'],
    description: 'Besökte kontaktcenter: trädet utanför Parkgatan 12 har stora grenar som hänger ut över trottoaren. Barnvagnar och rullatorer måste gå ut i gatan.',
    contact: { name: 'Siv Skenbar', phone: '070-174 06 27', replyChannel: 'phone' },
    register: { at: [14, '13:00'], unit: 'Gata och park', area: 'Fysisk miljö', subcategory: 'Parker och grönytor' },
    assign: { at: [13, '09:15'], by: SVEN, handler: GUSTAV },
    start: [12, '08:20'],
    // Left in progress past its answer date: the overdue case a coordinator follows up.
    expected: 'in_progress',
  },
  {
    kind: 'forslag',
    channel: 'web',
    received: [9, '21:30'],
    description: 'Förslag: gör en inhägnad hundrastgård i Stadsparken. Många hundägare går där, och det skulle också bli lugnare för barnfamiljerna på gräsmattorna.',
    contact: { name: 'Måns Mönster', email: 'mans.monster@example.se', replyChannel: 'email' },
    register: { at: [8, '08:50'], unit: 'Gata och park', area: 'Fysisk miljö', subcategory: 'Parker och grönytor' },
    assign: { at: [8, '13:00'], by: SVEN, handler: GUSTAV },
    start: [7, '09:30'],
    answer: {
      at: [2, '10:45'],
      channel: 'email',
      body: 'Hej Måns!\n\nTack för förslaget. Vi tar med en hundrastgård i arbetet med nästa års parkplan och undersöker var i Stadsparken den kan ligga.\n\nVänliga hälsningar\nGustav Gatuchef',
    },
    expected: 'answered',
  },
  {
    kind: 'klagomal',
    channel: 'web',
    received: [6, '16:40'],
    description: 'Min dotter har kommit hem med blöta och smutsiga kläder flera dagar i rad från Ekbackens förskola, trots att vi har lämnat ombyte. Ingen har sagt något när vi hämtat.',
    contact: { name: 'Linnea Låtsas', email: 'linnea.latsas@example.se', replyChannel: 'email' },
    register: { at: [5, '09:00'], unit: 'Ekbackens förskola', area: 'Tjänster', subcategory: 'Förskola' },
    assign: { at: [5, '10:30'], by: SARA, handler: HANNA },
    ask: { at: [3, '14:15'], question: 'Hej Linnea! Tack för att du berättar. Vilken avdelning går din dotter på, och ungefär vilka dagar hände det? Då kan jag prata med rätt personal.' },
    expected: 'waiting',
  },
  {
    kind: 'berom',
    channel: 'web',
    received: [5, '18:05'],
    description: 'Tack till bibliotekarien som tog sig tid att hjälpa min son att hitta böcker om dinosaurier. Han har läst varje kväll sedan dess!',
    contact: { name: 'Fia Fiktiv', email: 'fia.fiktiv@example.se', replyChannel: 'none' },
    register: { at: [4, '09:30'], unit: 'Biblioteket', area: 'Bemötande', subcategory: 'Bibliotek' },
    expected: 'registered',
  },
  {
    kind: 'fraga',
    channel: 'phone',
    received: [5, '10:10'],
    description: 'Ringde och frågade om återvinningscentralen har öppet på lördagar under vintern.',
    contact: { name: 'Bengt Påhittsson', phone: '070-174 06 33', replyChannel: 'phone' },
    register: { at: [5, '10:15'], unit: 'Kontaktcenter', area: 'Information', subcategory: 'Kontaktcenter' },
    quick: { outcome: 'answered', answer: 'Svarade i telefon: lördagar 10–14 hela året, utom helgdagar.' },
    expected: 'closed',
  },
  {
    kind: 'klagomal',
    channel: 'web',
    received: [4, '06:50'],
    description: 'Personalen i simhallens reception var otrevlig när jag frågade varför bassängen var stängd utan förvarning. Informationen på webben stämde inte heller.',
    contact: null,
    register: { at: [3, '08:45'], unit: 'Simhallen', area: 'Bemötande', subcategory: 'Badhus' },
    expected: 'registered',
  },
  {
    kind: 'fraga',
    channel: 'web',
    received: [4, '13:25'],
    description: 'Varför stänger Solrosens förskola redan klockan 16 på fredagar? Jag jobbar till 17 och har svårt att hinna hämta.',
    contact: { name: 'Doris Demo', email: 'doris.demo@example.se', replyChannel: 'email' },
    register: { at: [3, '09:15'], unit: 'Solrosens förskola', area: 'Tjänster', subcategory: 'Förskola' },
    assign: { at: [3, '11:00'], by: SARA, handler: HANNA },
    start: [2, '08:10'],
    expected: 'in_progress',
  },
  {
    kind: 'klagomal',
    channel: 'web',
    received: [3, '22:15'],
    description: 'Gatlampan utanför Storgatan 5 har varit trasig i en vecka. Det är mörkt och otryggt att gå där på kvällen.',
    contact: { name: 'Åke Övning', email: 'ake.ovning@example.se', replyChannel: 'email' },
    refer: {
      at: [2, '08:30'],
      type: 'fault_report',
      reply: 'Hej Åke!\n\nTack för att du hör av dig. En trasig gatlampa hanteras som en felanmälan, så vi har skickat ditt meddelande vidare dit. Du kan också själv anmäla fel på www.exempelkommun.se/felanmalan.\n\nVänliga hälsningar\nRebecka Registrator',
    },
    expected: 'referred',
  },
  {
    kind: 'klagomal',
    channel: 'web',
    received: [2, '08:12'],
    description: 'Det är stora potthål på Skolvägen precis utanför Centralskolan. Bilarna svänger ut mot cykelbanan för att undvika dem, och det är farligt för barnen.',
    contact: { name: 'Greta Gåtfull', email: 'greta.gatfull@example.se', replyChannel: 'email' },
    register: { at: [2, '10:00'], unit: 'Gata och park', area: 'Fysisk miljö', subcategory: 'Gator och vägar', important: true },
    assign: { at: [1, '09:00'], by: SVEN, handler: GUSTAV },
    expected: 'assigned',
  },
  {
    kind: 'klagomal',
    channel: 'letter',
    received: [2, '09:30'],
    description:
      'Brev: Min mamma bor på Lindgårdens äldreboende. Flera gånger har hon inte fått komma ut på den promenad som står i hennes genomförandeplan, och personalen säger att de inte hinner. Jag vill att någon ser över bemanningen.',
    contact: { name: 'Karin Exempeldotter', address: 'Exempelgatan 4, 123 45 Exempelstad', replyChannel: 'letter' },
    suggestedUnit: 'Lindgårdens äldreboende',
    expected: 'received',
  },
  {
    kind: 'forslag',
    channel: 'phone',
    received: [1, '14:20'],
    description: 'Ringde och föreslog fler parkbänkar längs promenadstråket vid sjön, så att äldre kan vila på vägen.',
    contact: { name: 'Olle Påhittad', phone: '070-174 06 48', replyChannel: 'phone' },
    suggestedUnit: 'Gata och park',
    expected: 'received',
  },
  {
    kind: 'fraga',
    channel: 'web',
    received: [0, '07:40'],
    description: 'Vi flyttar till kommunen i sommar. Hur ansöker vi om förskoleplats till hösten, och hur lång är kön just nu?',
    contact: { name: 'Maja Modell', email: 'maja.modell@example.se', replyChannel: 'email' },
    suggestedUnit: 'Förskoleavdelningen',
    expected: 'received',
  },
];
