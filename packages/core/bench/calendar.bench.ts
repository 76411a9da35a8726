/**
 * How fast is `toLocalDate` (the rules' hot path) against simpler ways to get a local date?
 * Run: `npx vitest bench --run --project core packages/core/bench/calendar.bench.ts` (a few seconds).
 * Each task maps the same 1 000 instants (spread over two years) to local dates in America/Los_Angeles.
 */
import { TZDate } from '@date-fns/tz';
import { format, startOfDay } from 'date-fns';
import { bench, describe } from 'vitest';
import { startOfLocalDay, toLocalDate } from '../src/calendar/index';

const ZONE = 'America/Los_Angeles';
const START = Date.UTC(2025, 0, 1);
const SPAN = 2 * 365 * 86_400_000;
const INSTANTS = Array.from(
  { length: 1000 },
  (_, i) => START + Math.floor(((i * 7919) % 1000) * (SPAN / 1000)),
);
const ISO = INSTANTS.map((t) => new Date(t).toISOString());
const OPTIONS = { time: 400, warmupTime: 100 } as const;

function fields(parts: Intl.DateTimeFormatPart[]): string {
  let y = '';
  let m = '';
  let d = '';
  for (const p of parts) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
  }
  return `${y.padStart(4, '0')}-${m}-${d}`;
}
const DATE_FIELDS = { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' } as const;
const cached = new Intl.DateTimeFormat('en-US', DATE_FIELDS);

let sink = '';

describe('toLocalDate, 1 000 instants', () => {
  bench(
    'toLocalDate (hourly offset memo), epoch ms',
    () => {
      for (const t of INSTANTS) sink = toLocalDate(t, ZONE);
    },
    OPTIONS,
  );
  bench(
    'toLocalDate (hourly offset memo), ISO strings',
    () => {
      for (const s of ISO) sink = toLocalDate(s, ZONE);
    },
    OPTIONS,
  );
  bench(
    'one cached Intl.DateTimeFormat, formatToParts per call',
    () => {
      for (const t of INSTANTS) sink = fields(cached.formatToParts(t));
    },
    OPTIONS,
  );
  bench(
    'date-fns TZDate + format',
    () => {
      for (const t of INSTANTS) sink = format(new TZDate(t, ZONE), 'yyyy-MM-dd');
    },
    OPTIONS,
  );
  bench(
    'naive: new Intl.DateTimeFormat per call',
    () => {
      for (const t of INSTANTS) sink = fields(new Intl.DateTimeFormat('en-US', DATE_FIELDS).formatToParts(t));
    },
    OPTIONS,
  );
});

let num = 0;
describe('start of the local day, 1 000 days', () => {
  const DATES = INSTANTS.map((t) => new Date(t).toISOString().slice(0, 10));
  bench(
    'startOfLocalDay',
    () => {
      for (const d of DATES) num = startOfLocalDay(d, ZONE);
    },
    OPTIONS,
  );
  bench(
    'date-fns startOfDay(new TZDate(...))',
    () => {
      for (const d of DATES) num = +startOfDay(new TZDate(`${d}T12:00:00`, ZONE));
    },
    OPTIONS,
  );
});

export { num, sink };
