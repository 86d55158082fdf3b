import type { Rng } from './prng.js';
import type { Gender } from './national-id.js';

/**
 * Invented names and places. Everything here is assembled from syllables so that a persona
 * value is rare enough that finding it in traffic cannot be a coincidence: a real "Anna
 * Andersson" from some other visitor could explain a hit, a "Malvira Tessendorff" cannot.
 * Names stay ASCII so that vendors' name normalisations (lower-casing, stripping accents)
 * leave them unchanged and detection need not guess how accents were treated.
 */

/** Countries with a naming style here; the same set as the persona's countries. */
export type PlaceStyle = 'SE' | 'NO' | 'DK' | 'FI' | 'DE' | 'GB' | 'US';

// Each start ends in one consonant and each middle is consonant + vowel, so that the joins stay
// pronounceable (CVC + CV + C…).
const FIRST_STARTS = [
  'Mal', 'Tes', 'Ver', 'Il', 'Or', 'Sav', 'Quen', 'Ys', 'Kael', 'Bryn', 'Es', 'Al', 'Id', 'Ruv',
  'Sol', 'Tam', 'Vel', 'Zen', 'Ath', 'Fen', 'Jor', 'Nev', 'Riv', 'Sig', 'Ul', 'Wen', 'Cas', 'Dag',
  'Lyr', 'Hal',
];
const FIRST_MIDDLES = ['vi', 'de', 'la', 'mi', 'ro', 'se', 'ni', 've', 'da', 'ri', 'lo', 'ne', 'ta', 'be'];
const FEMALE_ENDINGS = ['ra', 'na', 'lla', 'nde', 'ssa', 'lie', 'rin', 'lva', 'mina'];
const MALE_ENDINGS = ['ric', 'mund', 'bert', 'vald', 'rik', 'tor', 'wulf', 'gard', 'win', 'mar', 'dan', 'ger'];

const LAST_STARTS = [
  'Kvarn', 'Tess', 'Brax', 'Orm', 'Sjur', 'Valk', 'Trev', 'Ask', 'Hvit', 'Mork', 'Tand', 'Skeld',
  'Grunn', 'Velt', 'Brodd', 'Ekel', 'Fjall', 'Rask', 'Styv', 'Lovn', 'Quarn', 'Yttr',
];
const LAST_MIDDLES = ['en', 'el', 'ar', 'is', 'ov', 'un', 'e', 'i', ''];
const LAST_ENDINGS = [
  'dorff', 'holt', 'strand', 'mark', 'vik', 'hjelm', 'stedt', 'quist', 'gaard', 'lund', 'felt',
  'bruch', 'rud', 'heim', 'nes',
];

/**
 * Real names the syllables could happen to spell, plus very common ones: a generated name
 * equal to one of these is drawn again.
 */
const REAL_NAMES = new Set([
  'malvina', 'davina', 'selina', 'marina', 'rosina', 'lorena', 'serena', 'alvina', 'ilona',
  'elvira', 'solvina', 'tamara', 'dagmar', 'valdemar', 'ravena', 'andersson', 'johansson',
  'karlsson', 'nilsson', 'eriksson', 'larsson', 'hansen', 'johansen', 'olsen', 'jensen',
  'nielsen', 'pedersen', 'korhonen', 'virtanen', 'mueller', 'schmidt', 'schneider', 'smith',
  'johnson', 'williams', 'askelund', 'askvik', 'ormrud', 'lindholm', 'strand',
]);

/**
 * An invented, capitalised first name of at least 6 letters, e.g. `Malvira`, `Tesdevald`.
 *
 * @param rng - source of syllables.
 * @param gender - chooses the ending (`-ra`, `-na` … or `-vald`, `-mund` …).
 */
export function inventFirstName(rng: Rng, gender: Gender): string {
  const endings = gender === 'female' ? FEMALE_ENDINGS : MALE_ENDINGS;
  return drawUntil(() => rng.pick(FIRST_STARTS) + rng.pick(FIRST_MIDDLES) + rng.pick(endings));
}

/** An invented, capitalised family name of at least 6 letters, e.g. `Tessendorff`. */
export function inventLastName(rng: Rng): string {
  return drawUntil(() => rng.pick(LAST_STARTS) + rng.pick(LAST_MIDDLES) + rng.pick(LAST_ENDINGS));
}

function drawUntil(draw: () => string): string {
  // Rejection is rare (a handful of real names in thousands of combinations), so few rounds.
  for (let i = 0; i < 100; i++) {
    const name = draw();
    if (name.length >= 6 && !REAL_NAMES.has(name.toLowerCase())) return name;
  }
  throw new Error('could not invent a name'); // unreachable in practice
}

// ---- places ---------------------------------------------------------------------------------

const NORDIC_ONSETS = ['b', 'br', 'd', 'dr', 'f', 'fj', 'g', 'gr', 'h', 'hv', 'k', 'kv', 'kl', 'l', 'm', 'n', 'r', 's', 'sk', 'sn', 'st', 'sv', 't', 'tr', 'tv', 'v'];
const GERMAN_ONSETS = ['b', 'br', 'd', 'dr', 'f', 'fr', 'g', 'gr', 'h', 'k', 'kl', 'kr', 'l', 'm', 'n', 'r', 's', 'sch', 'st', 't', 'tr', 'w', 'z'];
const ENGLISH_ONSETS = ['b', 'br', 'd', 'dr', 'f', 'fr', 'g', 'gr', 'h', 'k', 'l', 'm', 'n', 'r', 's', 'sh', 'st', 't', 'th', 'tr', 'w'];
const VOWELS = ['a', 'e', 'i', 'o', 'u'];
const CODAS = ['l', 'll', 'n', 'nn', 'r', 'rn', 'rk', 'sk', 'st', 'nd', 'lm', 'rv', 'ng', 'lt', 'rd'];
// Finnish words are open syllables: consonant + vowel, no clusters at the start.
const FINNISH_ONSETS = ['h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v'];
const FINNISH_VOWELS = ['a', 'e', 'i', 'o', 'u', 'y', 'ä'];

interface PlaceLexicon {
  /** Word root: "Kvarn", "Tavila". */
  root(rng: Rng): string;
  citySuffixes: readonly string[];
  /** Street: root + middle + suffix, then formatted with a house number. */
  streetMiddles: readonly string[];
  streetSuffixes: readonly string[];
  formatStreet(name: string, number: number): string;
  houseNumber(rng: Rng): number;
}

const nordicRoot = (rng: Rng): string => rng.pick(NORDIC_ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
const germanRoot = (rng: Rng): string => rng.pick(GERMAN_ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
const englishRoot = (rng: Rng): string => rng.pick(ENGLISH_ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
const finnishRoot = (rng: Rng): string =>
  rng.pick(FINNISH_ONSETS) + rng.pick(FINNISH_VOWELS) + rng.pick(FINNISH_ONSETS) + rng.pick(FINNISH_VOWELS)
  + rng.pick(FINNISH_ONSETS) + rng.pick(['a', 'i', 'o']);

const numberAfter = (name: string, n: number): string => `${name} ${n}`;
const smallNumber = (rng: Rng): number => rng.int(1, 99);

const LEXICONS: Record<PlaceStyle, PlaceLexicon> = {
  SE: {
    root: nordicRoot,
    citySuffixes: ['vikshamn', 'köping', 'hamra', 'torp', 'hult', 'backa', 'åsen', 'sunda', 'näs', 'eryd', 'arp', 'by'],
    streetMiddles: ['brinks', 'backs', 'gärds', 'hults', 'lunds', 'skogs', 'åkers', 'bergs', ''],
    streetSuffixes: ['vägen', 'gatan', 'stigen', 'gränd'],
    formatStreet: numberAfter,
    houseNumber: smallNumber,
  },
  NO: {
    root: nordicRoot,
    citySuffixes: ['vik', 'stad', 'heim', 'dal', 'nes', 'øy', 'bygd', 'sand', 'fjord', 'moen'],
    streetMiddles: ['bakk', 'haug', 'berg', 'skog', 'dal', 'lia', ''],
    streetSuffixes: ['veien', 'gata', 'vegen', 'stien'],
    formatStreet: numberAfter,
    houseNumber: smallNumber,
  },
  DK: {
    root: nordicRoot,
    citySuffixes: ['strup', 'lev', 'løse', 'rup', 'sted', 'bjerg', 'købing', 'holm', 'borg', 'havn'],
    streetMiddles: ['lunds', 'bakke', 'mose', 'skov', 'høj', 'engs', ''],
    streetSuffixes: ['vej', 'gade', 'allé', 'stræde'],
    formatStreet: numberAfter,
    houseNumber: smallNumber,
  },
  FI: {
    root: finnishRoot,
    citySuffixes: ['koski', 'järvi', 'lahti', 'niemi', 'salo', 'vaara', 'mäki', 'ranta', 'joki', 'linna'],
    streetMiddles: [''],
    streetSuffixes: ['nkatu', 'ntie', 'nkuja', 'npolku'],
    formatStreet: numberAfter,
    houseNumber: smallNumber,
  },
  DE: {
    root: germanRoot,
    citySuffixes: ['dorf', 'hausen', 'feld', 'ingen', 'stedt', 'heim', 'burg', 'rode', 'beck', 'bach'],
    streetMiddles: ['en', 'el', ''],
    streetSuffixes: ['straße', 'weg', 'allee', 'ring', 'gasse', ' Straße'],
    formatStreet: numberAfter,
    houseNumber: (rng) => rng.int(1, 149),
  },
  GB: {
    root: englishRoot,
    citySuffixes: ['bury', 'ford', 'wick', 'combe', 'thorpe', 'stead', 'minster', 'worth', 'bridge', 'field'],
    streetMiddles: ['brook', 'wick', 'ford', 'combe', 'field', 'ley', 'more'],
    streetSuffixes: [' Lane', ' Road', ' Close', ' Street', ' Gardens', ' Way', ' Crescent'],
    formatStreet: (name, n) => `${n} ${name}`,
    houseNumber: (rng) => rng.int(1, 199),
  },
  US: {
    root: englishRoot,
    citySuffixes: ['ville', 'port', 'ford', 'field', 'dale', 'wood', 'burg', 'ton', 'brook'],
    streetMiddles: ['brook', 'wood', 'field', 'ridge', 'dale', 'more'],
    streetSuffixes: [' Avenue', ' Street', ' Road', ' Drive', ' Lane', ' Boulevard', ' Court'],
    formatStreet: (name, n) => `${n} ${name}`,
    houseNumber: (rng) => rng.int(100, 9899),
  },
};

/**
 * An invented but plausible town name of at least 7 letters in the country's style, e.g.
 * `Kvarnvikshamn` (SE), `Tavilajärvi` (FI), `Brellhausen` (DE).
 */
export function inventCity(rng: Rng, style: PlaceStyle): string {
  const lexicon = LEXICONS[style];
  for (;;) {
    const city = capitalise(compound(lexicon.root(rng), rng.pick(lexicon.citySuffixes)));
    if (city.length >= 7) return city;
  }
}

/**
 * An invented street with a house number, in the order the country writes it:
 * `Kvarnbrinksvägen 41`, `Tavilankatu 5`, `41 Tarnbrook Lane`, `4127 Shelldale Avenue`.
 */
export function inventStreetAddress(rng: Rng, style: PlaceStyle): string {
  const lexicon = LEXICONS[style];
  const stem = compound(lexicon.root(rng), rng.pick(lexicon.streetMiddles));
  const name = capitalise(compound(stem, rng.pick(lexicon.streetSuffixes)));
  return lexicon.formatStreet(name, lexicon.houseNumber(rng));
}

/**
 * Joins word parts, dropping one letter where a consonant cluster would end in a doubled
 * letter ("Tell" + "lunds" → "Tellunds", not "Telllunds"; "Grirv" + "vik" → "Grirvik").
 */
function compound(head: string, tail: string): string {
  const last = head.charAt(head.length - 1);
  const beforeLast = head.charAt(head.length - 2);
  if (last !== '' && tail.startsWith(last) && !/[aeiouyåäöæø]/i.test(beforeLast)) {
    return head + tail.slice(1);
  }
  return head + tail;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
