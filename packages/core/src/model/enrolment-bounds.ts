import { endOfLocalDay, startOfLocalDay } from '../calendar/zone';
import type { ProgramData } from './domain';

/**
 * An enrolment's first and last instant and dates, for the `outside-enrolment` warnings: `fromMs` the start of its
 * first local day, `toMs` the end of its exit day (infinite while it runs); `safeFrom`/`safeTo`, the day after the
 * first and the day before the last: an instant whose written date (its first 10 characters, a local date at its own
 * offset, at most a day from the program's) lies strictly between them is inside for sure, with no date arithmetic.
 */
export interface EnrolmentBounds {
  readonly from: string;
  readonly to?: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly safeFrom: string;
  readonly safeTo: string;
}

/**
 * The {@link EnrolmentBounds} of each enrolment of a program by id, computed once (the first enrolment of a repeated
 * id wins; an enrolment whose dates the zone database cannot place is left out: the year limits report it).
 *
 * @example
 * enrolmentBounds(data).get('enr-1')?.safeFrom; // '2026-01-06' for an enrolment from 2026-01-05
 */
export function enrolmentBounds(data: ProgramData): Map<string, EnrolmentBounds> {
  const zone = data.program.timeZone;
  const bounds = new Map<string, EnrolmentBounds>();
  const shift = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  for (const e of data.enrolments) {
    if (bounds.has(e.id)) continue;
    try {
      const to = e.exit?.on;
      bounds.set(e.id, {
        from: e.enrolledOn,
        ...(to === undefined ? {} : { to }),
        fromMs: startOfLocalDay(e.enrolledOn, zone),
        toMs: to === undefined ? Number.POSITIVE_INFINITY : endOfLocalDay(to, zone),
        safeFrom: shift(e.enrolledOn, 1),
        safeTo: to === undefined ? '9999-12-31' : shift(to, -1),
      });
    } catch {
      // A date outside the zone database's range: the year limits report it.
    }
  }
  return bounds;
}
