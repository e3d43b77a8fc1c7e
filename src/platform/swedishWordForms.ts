/**
 * A Swedish word's other forms, for full-text search through PostgreSQL's 'swedish' configuration.
 *
 * Its Snowball stemmer strips the plural endings and -en but not the other definite endings:
 * "förskola", "förskolor" and "förskolorna" all become 'förskol' while "förskolan" stays whole, as
 * do "huset", "snön" and "kontot"; "lekplats" becomes 'lekplat' but "lekplatsen" and "lekplatser"
 * 'lekplats'. No Swedish dictionary ships with PostgreSQL, so a search also asks for the forms the
 * stemmer keeps apart: from an indefinite singular its definite singular, from a definite or plural
 * form the indefinite singular and its definite. The forms go through the same stemmer, so they
 * meet the stored words on their own terms, and the index and its column stay as they are.
 *
 * The rules follow the common noun declensions (förskola/förskolan/förskolor/förskolorna,
 * park/parken/parker/parkerna, hus/huset/husen, område/området/områden/områdena, snö/snön,
 * konto/kontot). Gender cannot be told from spelling, so a word ending in a consonant asks for both
 * -en and -et; an invented form that is no word matches nothing, and one that stems like an
 * unrelated word ("park" → "parket", stemmed like "parkett") is the price of knowing no dictionary.
 * At most five forms a word, fewer for most (two or three), so a search stays one index lookup.
 */
export function wordForms(word: string): string[] {
  const w = word.normalize('NFC').toLowerCase();
  if (!/^\p{L}{2,40}$/u.test(w)) return [w];
  return [...new Set([w, ...otherForms(w)])];
}

/** The definite forms of an indefinite singular that the stemmer does not reduce to it. */
function definites(w: string): string[] {
  if (w.endsWith('a')) return [`${w}n`]; // förskolan
  if (w.endsWith('e')) return [`${w}t`, `${w}na`]; // området, områdena (stemmed 'områden')
  if (/[ié]$/u.test(w)) return [`${w}n`, `${w}et`]; // epidemin, batteriet, idén
  if (/[ouyåäö]$/u.test(w)) return [`${w}n`, `${w}t`]; // snön, kontot
  if (w.endsWith('el')) return [`${w}n`]; // cykeln
  if (w.endsWith('or')) return [`${w}n`, `${w}en`, `${w}et`]; // motorn, kontoren ('kontor', while "kontor" is 'kont'), kontoret
  if (/[ae]r$/u.test(w)) return []; // sommaren, vintern: the stemmer joins them; "bilar", "parker" are plurals
  return [`${w}en`, `${w}et`]; // lekplatsen ('lekplats'), huset
}

/** The forms a word asks for besides itself: by its ending, the first rule that fits. */
function otherForms(w: string): string[] {
  let m: RegExpExecArray | null;
  // Plural of an -a noun (gator, gatorna → gatan), or an -or noun of its own (motor, kontor).
  if ((m = /^(\p{L}{3,})or(na)?s?$/u.exec(w))) return [`${m[1]}an`, ...(m[2] ? [] : definites(`${m[1]}or`))];
  // Definite plural: bilarna is 'bil' like bil; lekplatserna 'lekplats', and lekplats 'lekplat'.
  if ((m = /^(\p{L}{3,})([ae])rnas?$/u.exec(w))) return m[2] === 'e' ? indefinite(m[1]!) : [];
  // Definite plural of an -e neuter (områdena → område, området), or an -a noun (arena → arenan).
  if ((m = /^(\p{L}{2,}e)nas?$/u.exec(w))) return [m[1]!, `${m[1]}t`, `${m[1]}nan`];
  // Definite of an -el or -or noun (cykeln → cykel, motorn → motor), not "korn", "horn".
  if ((m = /^(\p{L}{2,}(?:el|[^hk]or))ns?$/u.exec(w))) return [m[1]!];
  // Plural in -er (lekplatser → lekplats, epidemier → epidemi, epidemin).
  if ((m = /^(\p{L}{3,})ers?$/u.exec(w))) return indefinite(m[1]!);
  // Definite neuter (huset → hus, husen; området → områdena), or a word in -et itself (paket → paketet).
  if ((m = /^(\p{L}{3,})ets?$/u.exec(w))) return [m[1]!, `${m[1]}en`, `${m[1]}ena`, `${m[1]}etet`];
  // Definite in -en (parken → park; husen → huset; områden → området, områdena).
  if ((m = /^(\p{L}{3,})ens?$/u.exec(w))) return [m[1]!, `${m[1]}et`, `${m[1]}ena`];
  // Definite after a vowel (förskolan, snön), with at least three letters left ("ön" stays whole).
  // A word in -on, -in, -un may be a neuter noun of its own (acetonet).
  if ((m = /^(\p{L}{2,}[aeiouyåäöé])ns?$/u.exec(w))) return [m[1]!, ...(/[iou]$/u.test(m[1]!) ? [`${m[1]}net`] : [])];
  // Definite of an -o neuter (kontot → konto, konton); not "trots".
  if ((m = /^(\p{L}{3,}o)ts?$/u.exec(w))) return [m[1]!, `${m[1]}n`];
  // Plural in -ar (bilar, vägar): the stemmer already joins it to the singular.
  if (w.endsWith('ar')) return [];
  return definites(w);
}

/** An indefinite singular read off a plural, with its definites when a vowel ends it (epidemi → epidemin). */
function indefinite(stem: string): string[] {
  return [stem, ...(/[ié]$/u.test(stem) ? definites(stem) : [])];
}
