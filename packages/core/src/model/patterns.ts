/**
 * Fixed-format tests equal to some regular expressions of this library's schemas, for the conformance test's hot
 * loop: zod's ISO date and date-time (with offset) patterns, the `Id` and assessment answer key patterns, and
 * `\S`. Each is chosen by the pattern's exact source and flags, so a pattern that differs in any way (a new zod
 * version, another schema) keeps its regular expression.
 */

/** zod 4's ISO date pattern (`z.iso.date()`), source and all. */
export const ISO_DATE_SOURCE =
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))$';

/** zod 4's ISO date-time pattern with a `Z` or an offset, seconds required (`z.iso.datetime({ offset: true })`). */
export const ISO_DATETIME_OFFSET_SOURCE =
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$';

/** The value of an ASCII digit at `i`, or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two-digit number at `i` (`00` to `99`), or -1. */
function twoDigits(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** True when `s` starts with a calendar date `YYYY-MM-DD` (proleptic Gregorian, any four-digit year). */
function dateAt(s: string): boolean {
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  if (century < 0 || yy < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2) {
    if (day <= 28) return true;
    return day === 29 && (yy === 0 ? century % 4 === 0 : yy % 4 === 0);
  }
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/**
 * True exactly when zod's ISO date pattern accepts `s`: `YYYY-MM-DD`, a day that exists in its month (29 February
 * in leap years only), any four-digit year.
 *
 * @example
 * isIsoDate('2024-02-29'); // true
 * isIsoDate('2023-02-29'); // false
 */
export function isIsoDate(s: string): boolean {
  return s.length === 10 && dateAt(s);
}

/**
 * True exactly when zod's ISO date-time pattern with offset accepts `s`: a date as {@link isIsoDate}, `T`,
 * `hh:mm:ss` (hours 00 to 23), optional fractional seconds (`.` and one digit or more), then `Z` or an offset
 * `+hh:mm` / `-hh:mm` (hours 00 to 23).
 *
 * @example
 * isIsoDateTimeWithOffset('2026-01-31T23:30:00.5-08:00'); // true
 * isIsoDateTimeWithOffset('2026-01-31T23:30:00'); // false
 */
export function isIsoDateTimeWithOffset(s: string): boolean {
  const n = s.length;
  if (n < 20 || !dateAt(s) || s.charCodeAt(10) !== 84) return false;
  const hh = twoDigits(s, 11);
  const mm = twoDigits(s, 14);
  const ss = twoDigits(s, 17);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return false;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    i++;
    const first = i;
    while (i < n && digitAt(s, i) >= 0) i++;
    if (i === first) return false;
  }
  const zone = s.charCodeAt(i);
  if (zone === 90) return i + 1 === n;
  if (zone !== 43 && zone !== 45) return false;
  if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false;
  const oh = twoDigits(s, i + 1);
  const om = twoDigits(s, i + 4);
  return oh >= 0 && oh <= 23 && om >= 0 && om <= 59;
}

/**
 * The year of a string that {@link isIsoDate} or {@link isIsoDateTimeWithOffset} accepts: its first four digits,
 * as `Number(s.slice(0, 4))` reads them.
 *
 * @example
 * isoYear('2026-01-31'); // 2026
 */
export function isoYear(s: string): number {
  return (
    (s.charCodeAt(0) - 48) * 1000 +
    (s.charCodeAt(1) - 48) * 100 +
    (s.charCodeAt(2) - 48) * 10 +
    (s.charCodeAt(3) - 48)
  );
}

/** 1 for the ASCII letters and digits, 2 for `.` and `-`, 0 for anything else. */
const ID_CHAR = (() => {
  const t = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) t[c] = 1;
  for (let c = 65; c <= 90; c++) t[c] = 1;
  for (let c = 97; c <= 122; c++) t[c] = 1;
  t[45] = 2;
  t[46] = 2;
  return t;
})();

/** True when every character of `s` from `from` on is an ASCII letter or digit, `.` or `-`. */
function idCharsFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || ID_CHAR[c] === 0) return false;
  }
  return true;
}

/** `^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$`: the pattern of `Id`. */
const isId = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return s.length <= 64 && c < 128 && ID_CHAR[c] === 1 && idCharsFrom(s, 1);
};

/** `^[A-Za-z0-9.-]{1,32}$`: the pattern of an assessment's answer keys. */
const isAnswerKey = (s: string): boolean => s.length >= 1 && s.length <= 32 && idCharsFrom(s, 0);

/**
 * A test equal to `pattern.test` for the patterns this module knows (by source and flags), else `undefined`. For
 * `\S`, the common case (a first character that is visible ASCII) is answered at once and the rest by the pattern.
 *
 * @example
 * fixedPatternTest(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/)?.('peer-001'); // true
 * fixedPatternTest(/^a+$/); // undefined
 */
export function fixedPatternTest(pattern: RegExp): ((s: string) => boolean) | undefined {
  if (pattern.flags !== '') return undefined;
  switch (pattern.source) {
    case ISO_DATE_SOURCE:
      return isIsoDate;
    case ISO_DATETIME_OFFSET_SOURCE:
      return isIsoDateTimeWithOffset;
    case '^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$':
      return isId;
    case '^[A-Za-z0-9.-]{1,32}$':
      return isAnswerKey;
    case '\\S':
      return (s) => {
        const c = s.charCodeAt(0);
        return (c > 32 && c < 127) || pattern.test(s);
      };
    default:
      return undefined;
  }
}
