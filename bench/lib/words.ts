import { sql } from 'kysely';

/** Names and sentences for synthetic cases, picked per row inside PostgreSQL. */
export const FIRST = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Mohammed', 'Sara', 'Johan', 'Elin', 'Ahmed', 'Eva', 'Per', 'Fatima', 'Nils', 'Lena', 'Oskar', 'Aino', 'Jonas'];
export const LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Ali', 'Lindberg', 'Öberg', 'Åkesson'];
// Sentences people write; three per description give the full-text search something to find.
export const OPENINGS = [
  'Gatlyktan vid busshållplatsen har varit släckt i flera veckor.',
  'Snön är inte skottad på gångvägen till förskolan.',
  'Min mamma på äldreboendet får maten kall varje dag.',
  'Personalen i receptionen var otrevlig när jag ringde.',
  'Biblioteket borde ha längre öppettider på helgerna.',
  'Tack till hemtjänsten som alltid är så vänliga och noggranna.',
  'Skolskjutsen kom inte i morse och barnen stod och väntade i kylan.',
  'Det finns inga papperskorgar i parken vid sjön.',
  'Hur ansöker jag om bygglov för ett uterum?',
  'Simhallen är smutsig i omklädningsrummen.',
  'Förslag: bygg en cykelbana längs landsvägen till centrum.',
  'Informationen på webbplatsen om sophämtning är fel.',
];
export const MIDDLES = [
  'Jag har redan kontaktat er en gång utan att få svar.',
  'Det gäller särskilt på kvällarna när det är mörkt.',
  'Flera grannar har samma upplevelse.',
  'Barnen tycker att det känns otryggt.',
  'Det här har pågått sedan i höstas.',
  'Jag hoppas att ni kan göra något åt det snart.',
  'Det var första gången jag hörde av mig till kommunen.',
  'Jag bifogar en bild på platsen.',
];
export const ENDINGS = ['Tacksam för svar.', 'Hör gärna av er.', 'Med vänlig hälsning.', 'Tack på förhand.', '', ''];

const arr = (xs: string[]) => sql.raw(`ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`);
/** A random element of a text array, evaluated per row. */
export const pick = (xs: string[]) => sql`(${arr(xs)})[1 + floor(random() * ${sql.lit(xs.length)})::int]`;
