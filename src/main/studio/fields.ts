import { DomainError } from '../errors.ts';

/**
 * Checks for fields the profile, mentor and studio services share. The tool schemas use the same predicates,
 * so an agent and the services agree on what is valid; the services check again for callers without a schema.
 */

/** An https URL with a host and no credentials: photos and websites are shown to the public, never over http. */
export function isHttpsUrl(value: string): boolean {
  if (value.length > 2000 || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}

// ISO 3166-1 alpha-2, officially assigned codes only (no EU, XK or other reserved codes).
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** An officially assigned ISO 3166-1 alpha-2 country code, upper case (SE, PT). */
export function isCountryCode(value: string): boolean {
  return COUNTRIES.has(value);
}

export const isLatitude = (value: number) => Number.isFinite(value) && value >= -90 && value <= 90;
export const isLongitude = (value: number) => Number.isFinite(value) && value >= -180 && value <= 180;

/** One short lowercase word (hyphens allowed), the way practices are filtered on: yoga, yin, hatha-yoga. */
export const PRACTICE = /^[a-z](?:[a-z-]{0,28}[a-z])?$/;

/** Throws the refusal tools show for a bad field, named the way the agent sent it. */
export function invalid(field: string, problem: string): never {
  throw new DomainError('invalid_input', `${field}: ${problem}. Nothing was changed.`);
}

/** Text trimmed and within length, or a refusal naming the field. */
export function text(field: string, value: string, min: number, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) invalid(field, min > 0 ? `must be ${min}–${max} characters` : `must be at most ${max} characters`);
  return trimmed;
}
