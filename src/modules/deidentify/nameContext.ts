/**
 * The words around a name that tell a person from a place. Lower case; matched against the words
 * just before or after a candidate name.
 */

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

/** A phrase, whole words, and the separators after it: where it ends a name may begin. */
const trigger = (phrases: string[]) => new RegExp(`(?<![\\p{L}])(?:${phrases.join('|')})[\\s,:/.!-]*`, 'giu');

/** Phrases after which a name follows for sure: introductions, relations, titles and roles. */
export const STRONG_TRIGGERS: RegExp = trigger([
  // introductions
  'jag heter', 'heter', 'hette', 'hetter', 'mitt namn är', 'namnet är', 'namn\\s*:', 'som heter', 'vid namn', 'kallad', 'kallas',
  'my name is', 'name\\s*:', 'named', 'called', 'nimeni on', 'nimi\\s*:', 'olen', 'undertecknad', 'c/o', 'jag,',
  // relations
  '(?:min|mitt|mina|vår|vårt|våra|hans|hennes|deras) (?:son|dotter|barn|pojke|flicka|tjej|kille|man|make|fru|hustru|sambo|särbo|partner|mamma|pappa|mor|far|bror|syster|lillebror|lillasyster|storebror|storasyster|granne|grannar|mormor|morfar|farmor|farfar|barnbarn|kompis|vän|väninna|kollega|chef|pojkvän|flickvän|svärmor|svärfar|kusin|faster|moster|farbror|morbror|elev)',
  'sonen', 'dottern', 'grannen', 'grannens', 'pojken', 'flickan', 'eleven', 'barnet', 'tant', 'farbror', 'morbror', 'kompisen', 'vännen', 'kollegan',
  'my (?:son|daughter|husband|wife|partner|mother|father|neighbour|neighbor|child|friend|brother|sister)',
  'poikani', 'tyttäreni', 'mieheni', 'vaimoni', 'naapurini',
  // titles and roles
  'rektor(?:n)?', 'förskolechef(?:en)?', 'handläggare(?:n)?', 'socialsekreterare(?:n)?', 'biståndshandläggare(?:n)?',
  'bygglovshandläggare(?:n)?', 'lärare(?:n)?', 'förskollärare(?:n)?', 'fröken', 'mentor(?:n)?', 'enhetschef(?:en)?',
  'avdelningschef(?:en)?', 'verksamhetschef(?:en)?', 'chef(?:en)?', 'sjuksköterska(?:n)?', 'undersköterska(?:n)?',
  'skolsköterska(?:n)?', 'kurator(?:n)?', 'vaktmästare(?:n)?', 'chaufför(?:en)?', 'busschaufför(?:en)?', 'föraren',
  'tjänsteman(?:nen)?', 'inspektör(?:en)?', 'miljöinspektör(?:en)?', 'assistent(?:en)?', 'boendestödjare(?:n)?',
  'kontaktperson(?:en)?', 'god man', 'ordförande(?:n)?', 'kommunalråd(?:et)?', 'politiker(?:n)?', 'tränare(?:n)?', 'pedagog(?:en)?',
  'fritidsledare(?:n)?', 'vårdare(?:n)?', 'samordnare(?:n)?', 'receptionist(?:en)?', 'bibliotekarie(?:n)?', 'kollegan',
  'doktor(?:n)?', 'dr', 'herr', 'fru', 'hr', 'mr', 'mrs', 'ms', 'teacher', 'principal', 'officer', 'caseworker', 'social worker',
  'rehtori', 'opettaja', 'sosiaalityöntekijä',
]);

/** Sign-offs: a name follows, or the text ends. */
export const SIGNOFF_TRIGGERS: RegExp = trigger([
  'mvh', 'm\\.v\\.h', 'med vänlig hälsning', 'med vänliga hälsningar', 'vänliga hälsningar', 'vänlig hälsning', 'bästa hälsningar',
  'hälsningar', 'hälsning', 'hälsar', 'hälsn', 'tack på förhand', 'tack så mycket', 'tack', 'mvh/', 'hej då',
  'best regards', 'kind regards', 'regards', 'sincerely', 'yours', 'thanks', 'thank you', 'cheers', 'best',
  'ystävällisin terveisin', 'terveisin', 'kiitos', 'ystävällisesti',
]);

/** Arabic-script triggers: my name is, my son/daughter/husband/wife, Mr/Mrs, teacher, with greetings. */
export const ARABIC_TRIGGERS = /(?<![\u0600-\u06FF])[وف]?(?:اسمي|أنا|انا|ابني|ابنتي|بنتي|زوجي|زوجتي|جاري|جارتي|السيد|السيدة|الأستاذ|الأستاذة|المعلم|المعلمة|المدير|المديرة|الدكتور|الدكتورة|التحية|تحياتي|وشكرا|شكرا|اسم|نام من|پسرم|دخترم|همسرم|آقای|خانم)[\s,:،.-]*/gu;

/** After these a capitalized word is a place: i Lund, på Berg, vid Björk. */
export const PLACE_PREPOSITIONS = set('i på vid från mot genom över utanför nära längs norr söder öster väster runt inom in at near on');

/** Verbs after a name at the start of a sentence that make it a person: Per ringde, Bo sa. */
export const PERSON_VERBS_AFTER = set(
  'ringde ringer sa sade säger skrev skriver svarade svarar lovade lovar berättade mejlade frågade kom jobbar arbetar heter hälsade tyckte tycker var är har hade och called said wrote',
);

/** Name particles that join a first name and a surname: Carl von Essen, Omar al Hassan. */
export const NAME_PARTICLES = set('von af de van der den la le al el bin ibn abu da di du');

/** Words before a lower-case name that say it is a person: pratade med kalle, sa till anna. */
export const PERSON_BEFORE = set(
  'med och till hos av åt för sa säger enligt frågade ringde träffade mejlade kontaktade pratade talade bad skrev svarade heter with and to from by asked told called met',
);

/** Nouns after a name that make the whole a place or an organization: Gustav Adolfs torg, Anna skolan. */
export const PLACE_NOUNS = set(
  'gata gatan väg vägen torg torget plats platsen park parken skola skolan förskola förskolan kyrka kyrkan backe backen stig stigen ' +
    'allé allén gränd gränden sjö sjön å ån bad badet hall hallen huset gård gården center centrum bibliotek biblioteket bro bron ' +
    'kommun kommuns ab hb kb if bk ff vårdcentral vårdcentralen äldreboende boende hamn hamnen strand stranden udde udden ' +
    'street road avenue lane square school park lake church hospital',
);

/** Capitalized words that start a place name: Sankt Eriks, Norra Kungsvägen, Lilla Anna? (no). */
export const PLACE_PREFIXES = set('sankt s:t st lilla stora gamla nya norra södra västra östra övre nedre');

/** Words that are never a name though a list may hold them (function words, greetings). */
export const NOT_NAMES = set(
  'jag du han hon vi ni de den det dem dom man en ett och eller men att som är var har hade kan ska skulle vill inte nu då här där ' +
    'hej hejsan tjena tack hälsningar mvh med vänlig vänliga på i till för om av min mitt mina din ditt dina sin sitt sina vår ' +
    'kommunen kommun staden valborg valborgsmässoafton midsommar midsommarafton jul julafton påsk nyår advent allhelgona ' +
    'i you he she we they it the a an and or but is are was has have not hello hi dear thanks regards best kind sincerely ' +
    'minä sinä hän me te he ja tai mutta on ei hei kiitos ' +
    'januari februari mars april maj juni juli augusti september oktober november december ' +
    'måndag tisdag onsdag torsdag fredag lördag söndag january february march may june july august monday friday sunday',
);

/** Places that are also in the name lists (London, Mora, Vara): a place unless next to another name. */
export const PLACES = set(
  'stockholm göteborg malmö uppsala västerås örebro linköping helsingborg jönköping norrköping lund umeå gävle borås ' +
    'södertälje eskilstuna halmstad växjö karlstad sundsvall östersund trollhättan luleå kalmar skövde kristianstad falun ' +
    'borlänge visby gotland hjo hultsfred vimmerby västervik tidaholm falköping mariestad lidköping vänersborg uddevalla ' +
    'alingsås kungsbacka varberg falkenberg ystad trelleborg landskrona ängelholm karlskrona ronneby karlshamn sölvesborg ' +
    'motala mjölby nyköping katrineholm enköping sigtuna norrtälje nacka solna sundbyberg huddinge botkyrka haninge tyresö ' +
    'täby lidingö järfälla sollentuna kiruna boden piteå skellefteå härnösand kramfors hudiksvall söderhamn sandviken avesta ' +
    'mora leksand rättvik orsa sala köping arboga fagersta nora lindesberg kumla hallsberg askersund eda arvika kil vara ' +
    'götene skara tibro karlsborg gislaved värnamo nässjö eksjö tranås vetlanda oskarshamn nybro emmaboda ljungby älmhult ' +
    'osby hässleholm eslöv höör hörby sjöbo simrishamn åre ale lerum partille mölndal kungälv stenungsund orust tjörn lysekil ' +
    'strömstad borgholm öland vättern vänern mälaren hjälmaren sverige norge danmark finland helsinki helsingfors oslo ' +
    'köpenhamn london paris berlin madrid rom sydney victoria jordan florence georgia india kina irak iran syrien somalia ' +
    'turkiet eritrea afghanistan polen tyskland ohio texas dakota chelsea brooklyn madison austin phoenix dallas houston ' +
    'tampere turku espoo vantaa oulu europa afrika asien amerika',
);

/**
 * Common names that are also everyday words: written with a capital in the middle of a sentence they
 * are names (pratade med Bo, att Per ringde); other capitalized words (Son, Grus) are a writer's habit.
 */
export const NAME_WORDS = set(
  'bo per dag hans karl sten björn klara saga liv max axel ville august rut siv gun iris my lo love stig ros inge rune tor ' +
    'lisa linda signe tilde alva ebba frans malte ture nova vera',
);
