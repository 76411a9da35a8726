import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { replyDeadline, replyDeadlineOfDay } from './businessDays';
import { toDayNumber } from './localDate';
import { localDayNumber, toLocalDate } from './zone';

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

  test.prop([
    fc.integer({ min: Date.parse('2026-04-20T00:00:00Z'), max: Date.parse('2026-06-10T00:00:00Z') }),
    fc.integer({ min: 0, max: 5 }),
    calendar,
    zone,
  ])('replyDeadlineOfDay of the local day of receipt equals replyDeadline of the instant', (t, n, cal, z) => {
    expect(replyDeadlineOfDay(localDayNumber(t, z), n, cal, z)).toBe(replyDeadline(t, n, cal, z));
  });
});
