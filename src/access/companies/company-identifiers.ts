// Identifiers a company is registered with: ISO 3166-1 alpha-2 country codes and ISO 17442 LEIs.
// Pure and framework-free so the company decider can check them without I/O.

/** Officially assigned ISO 3166-1 alpha-2 codes (249), as listed by the ISO 3166 maintenance agency. */
const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
    'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET ' +
    'FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM ' +
    'IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ' +
    'ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE ' +
    'PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST ' +
    'SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS ' +
    'YE YT ZA ZM ZW'
  ).split(' '),
);

/** Exact, upper-case match: `cd` is refused rather than silently upper-cased, so stored codes are canonical. */
export function isCountryCode(text: string): boolean {
  return COUNTRY_CODES.has(text);
}

/** 18 upper-case alphanumerics (LOU prefix + entity part) followed by 2 check digits. */
const LEI_PATTERN = /^[0-9A-Z]{18}[0-9]{2}$/;

/**
 * ISO 17442 (ISO 7064 MOD 97-10, as for IBANs): letters become 10..35, and the whole 20-character
 * number modulo 97 must be 1. Computed digit by digit so no big integer is needed.
 */
export function isLei(text: string): boolean {
  if (!LEI_PATTERN.test(text)) return false;
  return mod97(text) === 1;
}

/** The two check digits that make `base18` a valid LEI; used to build test fixtures and demo data. */
export function leiCheckDigits(base18: string): string {
  if (!/^[0-9A-Z]{18}$/.test(base18)) throw new RangeError('An LEI base is 18 upper-case alphanumerics');
  const check = 98 - mod97(`${base18}00`);
  return String(check).padStart(2, '0');
}

function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = parseInt(char, 36);
    // Letters expand to two digits, digits to one, exactly as the standard's string substitution.
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}
