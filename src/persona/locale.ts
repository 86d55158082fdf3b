import type { Rng } from './prng.js';

/** Countries a persona can live in. */
export const personaCountries = ['SE', 'NO', 'DK', 'FI', 'DE', 'GB', 'US'] as const;
export type PersonaCountry = (typeof personaCountries)[number];

/** A real region of a country with postal-code prefixes (and US area codes) that fit it. */
export interface Region {
  name: string;
  /** Postal-code starts used in the region, so that code and region agree. */
  postal: readonly string[];
  /** US only: telephone area codes of the state. */
  areaCodes?: readonly string[];
}

const r = (name: string, postal: string[], areaCodes?: string[]): Region =>
  areaCodes ? { name, postal, areaCodes } : { name, postal };

const REGIONS: Record<PersonaCountry, readonly Region[]> = {
  SE: [
    r('Stockholms län', ['1']), r('Uppsala län', ['74', '75']), r('Skåne län', ['2']),
    r('Västra Götalands län', ['4']), r('Östergötlands län', ['58', '60']),
    r('Jönköpings län', ['55', '56']), r('Hallands län', ['30', '31']), r('Dalarnas län', ['78', '79']),
    r('Gävleborgs län', ['80', '82']), r('Västerbottens län', ['90', '93']), r('Värmlands län', ['65', '66']),
    r('Örebro län', ['70', '71']),
  ],
  NO: [
    r('Oslo', ['0']), r('Akershus', ['13', '14', '20']), r('Vestland', ['5']), r('Rogaland', ['40', '43']),
    r('Trøndelag', ['7']), r('Innlandet', ['23', '26', '28']), r('Nordland', ['80', '84']),
    r('Agder', ['46', '48']), r('Troms', ['90', '93']), r('Vestfold', ['31', '32']), r('Møre og Romsdal', ['60', '65']),
  ],
  DK: [
    r('Region Hovedstaden', ['2', '30', '34']), r('Region Sjælland', ['40', '41', '47']),
    r('Region Syddanmark', ['50', '60', '67']), r('Region Midtjylland', ['80', '84', '86']),
    r('Region Nordjylland', ['90', '93', '97']),
  ],
  FI: [
    r('Uusimaa', ['00', '01', '02']), r('Pirkanmaa', ['33', '37']), r('Varsinais-Suomi', ['20', '21']),
    r('Pohjois-Pohjanmaa', ['90', '91']), r('Keski-Suomi', ['40', '41']), r('Lappi', ['96', '98']),
    r('Satakunta', ['28', '29']), r('Pohjois-Savo', ['70', '71']),
  ],
  DE: [
    r('Bayern', ['8', '90', '91']), r('Baden-Württemberg', ['7', '68', '69']), r('Nordrhein-Westfalen', ['4', '5']),
    r('Niedersachsen', ['26', '30', '31']), r('Hessen', ['60', '63', '65']), r('Sachsen', ['01', '04', '09']),
    r('Schleswig-Holstein', ['23', '24', '25']), r('Hamburg', ['20', '22']), r('Berlin', ['10', '12', '13']),
    r('Brandenburg', ['14', '15', '16']),
  ],
  GB: [
    r('Kent', ['CT', 'ME', 'TN']), r('Devon', ['EX', 'PL', 'TQ']), r('Hampshire', ['SO', 'PO']),
    r('West Yorkshire', ['LS', 'BD', 'HX', 'WF']), r('Greater Manchester', ['M', 'OL', 'SK']),
    r('Norfolk', ['NR']), r('Essex', ['CM', 'CO', 'SS']), r('Lancashire', ['PR', 'BB', 'LA']),
    r('Cornwall', ['TR']), r('Cumbria', ['CA']),
  ],
  US: [
    r('New Jersey', ['07', '08'], ['201', '973', '609', '732']),
    r('Pennsylvania', ['15', '16', '17', '18', '19'], ['215', '412', '717', '814']),
    r('Ohio', ['43', '44', '45'], ['614', '216', '513', '419']),
    r('Illinois', ['60', '61', '62'], ['312', '217', '309', '815']),
    r('Texas', ['75', '76', '77', '78', '79'], ['512', '214', '713', '915']),
    r('California', ['90', '91', '92', '93', '94', '95'], ['415', '916', '619', '707']),
    r('Washington', ['98', '99'], ['206', '509', '360', '425']),
    r('Colorado', ['80', '81'], ['303', '719', '970']),
    r('Georgia', ['30', '31'], ['404', '912', '706']),
    r('Minnesota', ['55', '56'], ['612', '507', '218']),
    r('Oregon', ['97'], ['503', '541']),
    r('Vermont', ['05'], ['802']),
  ],
};

/** A random real region of the country (county, fylke, region, Land, county or state). */
export function pickRegion(rng: Rng, country: PersonaCountry): Region {
  return rng.pick(REGIONS[country]);
}

/** Postal-code lengths in digits (GB is alphanumeric and handled apart). */
const POSTAL_DIGITS: Record<Exclude<PersonaCountry, 'GB'>, number> = {
  SE: 5, NO: 4, DK: 4, FI: 5, DE: 5, US: 5,
};
// Letters of the inward code: Royal Mail never uses C, I, K, M, O, V there.
const GB_INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split('');

/**
 * A postal code in the country's format that starts like the region's codes:
 * SE `123 45`, NO/DK `1234`, FI/DE/US `12345`, GB `CT4 7QD`.
 */
export function postalCode(rng: Rng, country: PersonaCountry, region: Region): string {
  const prefix = rng.pick(region.postal);
  if (country === 'GB') {
    return `${prefix}${rng.int(1, 20)} ${rng.int(0, 9)}${rng.pick(GB_INWARD_LETTERS)}${rng.pick(GB_INWARD_LETTERS)}`;
  }
  const code = prefix + digits(rng, POSTAL_DIGITS[country] - prefix.length);
  // Swedish codes are written `NNN NN`; people (and forms) expect the space.
  return country === 'SE' ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/** A phone number as typed (`phone`) and the same number in E.164 (`phoneE164`). */
export interface PhoneNumber {
  phone: string;
  phoneE164: string;
}

// German mobile prefixes with their subscriber-number lengths (Bundesnetzagentur plan).
const DE_MOBILE: ReadonlyArray<readonly [string, number]> = [
  ['151', 8], ['152', 8], ['157', 8], ['159', 8], ['160', 8], ['162', 7], ['163', 7], ['170', 7],
  ['171', 7], ['172', 7], ['173', 7], ['174', 7], ['175', 7], ['176', 8], ['177', 7], ['178', 7],
  ['179', 7],
];

/**
 * A realistic mobile number of the country with at least 7 random subscriber digits, so that
 * the number is distinctive: SE `070-123 45 67`, NO `912 34 567`, DK `20 12 34 56`,
 * FI `040 123 4567`, DE `0151 23456789`, GB `07700 900123`, US `(201) 734-0123`.
 * The E.164 form is the same digits with the country code and without the trunk `0`.
 */
export function mobilePhone(rng: Rng, country: PersonaCountry, region: Region): PhoneNumber {
  switch (country) {
    case 'SE': {
      const p = rng.pick(['70', '72', '73', '76', '79']);
      const s = digits(rng, 7);
      return { phone: `0${p}-${s.slice(0, 3)} ${s.slice(3, 5)} ${s.slice(5)}`, phoneE164: `+46${p}${s}` };
    }
    case 'NO': {
      // Norwegian mobiles are 8 digits starting with 4 or 9; there is no trunk prefix.
      const d = rng.pick(['4', '9']) + digits(rng, 7);
      return { phone: `${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`, phoneE164: `+47${d}` };
    }
    case 'DK': {
      // Every 20–29 number is a mobile; 8 digits, no trunk prefix.
      const d = `2${digits(rng, 7)}`;
      return { phone: `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6)}`, phoneE164: `+45${d}` };
    }
    case 'FI': {
      const p = rng.pick(['40', '41', '44', '45', '50']);
      const s = digits(rng, 7);
      return { phone: `0${p} ${s.slice(0, 3)} ${s.slice(3)}`, phoneE164: `+358${p}${s}` };
    }
    case 'DE': {
      const [p, length] = rng.pick(DE_MOBILE);
      const s = digits(rng, length);
      return { phone: `0${p} ${s}`, phoneE164: `+49${p}${s}` };
    }
    case 'GB': {
      const d = `7${rng.pick(['4', '5', '7', '8', '9'])}${digits(rng, 8)}`;
      return { phone: `0${d.slice(0, 4)} ${d.slice(4)}`, phoneE164: `+44${d}` };
    }
    case 'US': {
      // The 555-01xx fiction range has only two free digits, too few to be distinctive, so the
      // exchange is random too (NANP: first digit 2–9, never N11 or 555).
      const area = rng.pick(region.areaCodes ?? ['201']);
      let exchange: string;
      do exchange = `${rng.int(2, 9)}${digits(rng, 2)}`;
      while (exchange.endsWith('11') || exchange === '555');
      const line = digits(rng, 4);
      return { phone: `(${area}) ${exchange}-${line}`, phoneE164: `+1${area}${exchange}${line}` };
    }
    default:
      throw new RangeError(`no phone format for ${String(country)}`);
  }
}

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}
