import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { replyDeadline, replyDeadlineOfDay } from './businessDays';
import { toDayNumber } from './localDate';
import { createLocalDayReader, localDayNumber, toLocalDate } from './zone';

const ZONES = [
  'UTC',
  'America/Los_Angeles',
  'America/Santiago',
  'America/Havana',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
];
const zone = fc.constantFrom(...ZONES);
const instant = fc.integer({
  min: Date.parse('1990-01-01T00:00:00Z'),
  max: Date.parse('2060-12-31T00:00:00Z'),
});
const calendar = fc.record({
  weekendDays: fc.constantFrom([0, 6], [5, 6], [0]).map((w) => [...w]),
  holidays: fc.array(
    fc.integer({ min: 0, max: 30 }).map((d) => `2026-05-${String(1 + d).padStart(2, '0')}`),
    { maxLength: 3 },
  ),
  holidaySets: fc.constantFrom<'us-federal'[][]>([], ['us-federal']).map((h) => [...h]),
});

describe('local day numbers (the integer form the rules index uses)', () => {
  test.prop([instant, zone])('localDayNumber is the day number of toLocalDate', (t, z) => {
    expect(localDayNumber(t, z)).toBe(toDayNumber(toLocalDate(t, z)));
  });

  /** Instants within three hours of a clock change (midnight changes included), and anywhere in 1990-2060. */
  const nearChange = fc
    .tuple(
      fc.constantFrom(
        '2026-03-08T07:00:00Z',
        '2026-11-01T06:00:00Z',
        '2026-04-05T03:00:00Z', // Santiago: Sunday 00:00 -03 becomes Saturday 23:00 -04
        '2026-09-06T04:00:00Z', // Santiago: Sunday 00:00 -04 becomes 01:00 -03
        '2026-03-08T05:00:00Z', // Havana: 00:00 becomes 01:00
        '2026-04-04T15:00:00Z', // Lord Howe: 30-minute change
      ),
      fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
    )
    .map(([at, delta]) => Date.parse(at) + delta);
  const instants = fc.array(fc.oneof(instant, nearChange, fc.integer({ min: -8.64e15, max: 8.64e15 })), {
    minLength: 1,
    maxLength: 60,
  });

  test.prop([instants, zone])(
    'a local day reader gives localDayNumber for every instant of a sequence (its table filled as it reads)',
    (ts, z) => {
      const read = createLocalDayReader(z);
      for (const t of ts) expect(read(t)).toBe(localDayNumber(t, z));
      // Read again, now from the table.
      for (const t of ts) expect(read(t)).toBe(localDayNumber(t, z));
    },
  );

  test.prop([
    fc.integer({ min: Date.parse('2026-04-20T00:00:00Z'), max: Date.parse('2026-06-10T00:00:00Z') }),
    fc.integer({ min: 0, max: 5 }),
    calendar,
    zone,
  ])('replyDeadlineOfDay of the local day of receipt equals replyDeadline of the instant', (t, n, cal, z) => {
    expect(replyDeadlineOfDay(localDayNumber(t, z), n, cal, z)).toBe(replyDeadline(t, n, cal, z));
  });
});
