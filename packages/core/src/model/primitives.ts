import * as z from 'zod';

/**
 * An identifier of a record in a program: 1 to 64 letters, digits, `-` or `.`, starting with a letter or digit.
 * The same alphabet as a FHIR `id`, so every record can become a FHIR resource without renaming.
 * Identifiers are program-assigned codes, not personal data, and may appear in findings and errors.
 *
 * @example
 * Id.parse('peer-001'); // 'peer-001'
 */
export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/);
/** An identifier of a record in a program (see {@link Id}). */
export type Id = z.infer<typeof Id>;

/**
 * A calendar date with no time and no zone, `YYYY-MM-DD`, read in the program's time zone.
 *
 * @example
 * LocalDate.parse('2024-02-29'); // '2024-02-29'
 * LocalDate.safeParse('2023-02-29').success; // false
 */
export const LocalDate = z.iso.date();
/** A calendar date `YYYY-MM-DD` (see {@link LocalDate}). */
export type LocalDate = z.infer<typeof LocalDate>;

/**
 * An instant: an ISO 8601 date and time with `Z` or an explicit UTC offset. A time without a zone is rejected,
 * because it names no single instant.
 *
 * @example
 * Instant.parse('2026-01-31T23:30:00-08:00'); // '2026-01-31T23:30:00-08:00'
 * Instant.safeParse('2026-01-31T23:30:00').success; // false
 */
export const Instant = z.iso.datetime({ offset: true });
/** An ISO 8601 instant with offset (see {@link Instant}). */
export type Instant = z.infer<typeof Instant>;

/**
 * True when `zone` is an IANA time zone this JavaScript runtime knows, written as Region/City (for example
 * `America/Los_Angeles`) or `UTC`. Abbreviations such as `EST` or `PST` are refused: they are ambiguous.
 *
 * @example
 * isTimeZone('America/New_York'); // true
 * isTimeZone('Mars/Olympus'); // false
 * isTimeZone('EST'); // false
 */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  // Region/City names (and UTC) only: abbreviations such as EST or PST are ambiguous aliases (EST is a fixed
  // offset with no daylight saving), so a program must name its zone, e.g. America/New_York.
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * An IANA time zone name, checked against the runtime's time-zone database.
 *
 * @example
 * TimeZone.parse('America/Los_Angeles'); // 'America/Los_Angeles'
 */
export const TimeZone = z.string().refine(isTimeZone, { params: { code: 'invalid-time-zone' } });
/** An IANA time zone name (see {@link TimeZone}). */
export type TimeZone = z.infer<typeof TimeZone>;

/**
 * A person's name. Personal data: only needed to build a FHIR Patient or Practitioner, never used by the rules,
 * never echoed in errors, findings or logs.
 *
 * @example
 * HumanName.parse({ given: ['Alex'], family: 'Doe' });
 */
export const HumanName = z.strictObject({
  given: z.array(z.string().regex(/\S/)).min(1).optional(),
  family: z.string().regex(/\S/).optional(),
  text: z.string().regex(/\S/).optional(),
});
/** A person's name (see {@link HumanName}). */
export type HumanName = z.infer<typeof HumanName>;

/**
 * True when a 10-digit string carries a valid NPI check digit: the Luhn algorithm over the prefix `80840` and the
 * first nine digits (the National Provider Identifier standard).
 *
 * @example
 * isNpi('1234567893'); // true
 * isNpi('1234567890'); // false
 */
export function isNpi(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = `80840${value}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A US National Provider Identifier: ten digits with a valid check digit (see {@link isNpi}).
 *
 * @example
 * Npi.parse('1234567893');
 */
export const Npi = z.string().refine(isNpi, { params: { code: 'invalid-npi' } });
/** A National Provider Identifier (see {@link Npi}). */
export type Npi = z.infer<typeof Npi>;

/**
 * How to reach a person: a phone number and an email address, as recorded. Personal data: exported only where a
 * FHIR resource carries it (Patient.telecom, PractitionerRole.telecom), never echoed in errors, findings or logs.
 *
 * @example
 * Telecom.parse({ phone: '555-0100', email: 'peer@example.org' });
 */
export const Telecom = z.strictObject({
  phone: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
});
/** A phone number and email address (see {@link Telecom}). */
export type Telecom = z.infer<typeof Telecom>;

/**
 * A postal address as recorded (FHIR Address's parts). Personal data: exported only as Patient.address, never
 * echoed in errors, findings or logs.
 *
 * @example
 * PostalAddress.parse({ line: ['1 Main St'], city: 'Fairfield', state: 'CA', postalCode: '94533' });
 */
export const PostalAddress = z.strictObject({
  line: z.array(z.string().regex(/\S/)).min(1).max(4).optional(),
  city: z.string().regex(/\S/).optional(),
  state: z.string().regex(/\S/).optional(),
  postalCode: z.string().regex(/\S/).optional(),
  country: z.string().regex(/\S/).optional(),
});
/** A postal address (see {@link PostalAddress}). */
export type PostalAddress = z.infer<typeof PostalAddress>;
