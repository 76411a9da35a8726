import type { ProgramData } from '@peer-recovery/core';
import { attestedRecoveryMinimum, type ExportOptions, redactedGoalText } from '../export';
import { statusHistoryWithoutIncidents } from '../mappers/practitioner';

/**
 * What importing the export of `data` gives back: `data` itself, except for what the adapter deliberately does not
 * carry or cannot represent (documented in docs/fhir.md):
 * - every coach's `recoveryStartDate` is dropped (never exported); with `includeCoachRecords` and `asOf`,
 *   `recoveryMinimumVerifiedOn` is what {@link attestedRecoveryMinimum} gives (the export attests a minimum met by
 *   that day);
 * - without `includeCoachRecords` (the default), the coach's HR records are dropped: `personalProgramAttested`
 *   becomes `false`, the verification, interview, background check and incidents are absent, and a removal by an
 *   incident becomes a `removed` status entry (`statusHistoryWithoutIncidents`);
 * - contact `note` text is dropped unless `includeNotes`;
 * - goal descriptions become the placeholder when `redactFreeText`;
 * - an empty `name` or `telecom` object (`{}`) becomes absent (FHIR has no empty elements);
 * - a negative zero answer becomes `0` (JSON has no negative zero).
 * The input is not modified.
 *
 * @example
 * const r = exportProgram(data);
 * if (r.success) expect(importBundle(toTransactionBundle(r.data))).toMatchObject({ data: expectedRoundTrip(data) });
 */
export function expectedRoundTrip(data: ProgramData, options: ExportOptions = {}): ProgramData {
  const empty = (o: object | undefined): boolean => o !== undefined && Object.keys(o).length === 0;
  return {
    ...data,
    coaches: data.coaches.map((c) => {
      const { recoveryStartDate: _dropped, recoveryMinimumVerifiedOn: _recorded, ...rest } = c;
      if (options.includeCoachRecords !== true) {
        const { interview: _i, backgroundCheck: _b, ...kept } = rest;
        const out = {
          ...kept,
          personalProgramAttested: false,
          statusHistory: statusHistoryWithoutIncidents(c, data.program, options),
          incidents: [],
        };
        if (empty(out.name)) delete out.name;
        if (empty(out.telecom)) delete out.telecom;
        return out;
      }
      const verifiedOn = attestedRecoveryMinimum(c, data.program, options);
      const out = { ...rest, ...(verifiedOn === undefined ? {} : { recoveryMinimumVerifiedOn: verifiedOn }) };
      if (empty(out.name)) delete out.name;
      if (empty(out.telecom)) delete out.telecom;
      return out;
    }),
    peers: data.peers.map((p) => {
      const out = { ...p };
      if (empty(out.name)) delete out.name;
      if (empty(out.telecom)) delete out.telecom;
      if (empty(out.address)) delete out.address;
      return out;
    }),
    plans: data.plans.map((p) =>
      options.redactFreeText
        ? { ...p, goals: p.goals.map((g, i) => ({ ...g, description: redactedGoalText(i, p.version) })) }
        : p,
    ),
    contacts: data.contacts.map((c) => {
      if (options.includeNotes) return c;
      const { note: _dropped, ...rest } = c;
      return rest;
    }),
    assessments: data.assessments.map((a) => ({
      ...a,
      answers: Object.fromEntries(Object.entries(a.answers).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v])),
    })),
  };
}
