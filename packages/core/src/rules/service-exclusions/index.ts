import type { RulePack } from '../../packs/schema';
import type { SourceRef } from '../../packs/sources';
import {
  dateOfDay,
  type EnrolmentRecords,
  makeFinding,
  type OutputMemo,
  type RuleContext,
  visible,
} from '../context';
import type { Finding, RuleResult } from '../result';
import { enrolmentSubject, result } from '../shared';

const RULE = 'service-exclusions';

/** The pack's lists as lookups: each excluded activity with its source, and the activities needing permission. */
interface Lookups {
  readonly excluded: ReadonlyMap<string, SourceRef>;
  readonly needsPermission: ReadonlySet<string>;
}

/** Per evaluation (keyed by its output memo, so pure per call), per pack: the lookups, made once. */
const lookups = new WeakMap<OutputMemo, Map<RulePack, Lookups>>();

function listsOf(ctx: RuleContext): Lookups {
  let byPack = lookups.get(ctx.out);
  if (byPack === undefined) {
    byPack = new Map();
    lookups.set(ctx.out, byPack);
  }
  let found = byPack.get(ctx.pack);
  if (found === undefined) {
    const settings = ctx.pack.rules[RULE];
    // Each excluded activity with the source of the list naming it (the service definition's, then a second one).
    const excluded = new Map<string, SourceRef>(
      settings.excluded.value.map((a) => [a, settings.excluded.source] as const),
    );
    for (const a of settings.excludedAlso?.value ?? [])
      if (!excluded.has(a)) excluded.set(a, settings.excludedAlso!.source);
    found = { excluded, needsPermission: new Set(settings.requirePermission.value) };
    byPack.set(ctx.pack, found);
  }
  return found;
}

/**
 * Service exclusions: a logged activity that the pack lists as excluded is a finding; an activity that needs the
 * peer's permission (advocacy, "dealing with bureaucracy", doing for the peer) is a finding when no permission is
 * recorded on the contact. Permission decides for an activity listed in both.
 *
 * Sources: the service definition, Service Exclusions: "Clinical counseling or treatment and drug testing should be
 * avoided", "Diagnosis of symptoms and disorders should not be done", "giving advice and/or doing for an individual
 * what he or she can do for themselves should NOT occur"; Service Requirements: the individual "may give permission"
 * for an activity done for them; What Is Recovery Coaching?: coaches "do not address trauma".
 *
 * @example
 * serviceExclusions(ctx, records).findings.map((f) => f.params.activity); // ['drug-testing']
 */
export function serviceExclusions(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const subject = enrolmentSubject(rec.enrolment);
  const { excluded, needsPermission } = listsOf(ctx);
  const findings: Finding[] = [];
  let checked = false;
  for (const item of rec.contacts) {
    if (!visible(ctx, item)) continue;
    const { record: c, index } = item;
    checked = true;
    // A plain loop, no closure per contact: most contacts have no finding.
    const activities = c.activities;
    for (let j = 0; j < activities.length; j++) {
      const activity = activities[j] as (typeof activities)[number];
      // An activity the peer may permit (advocacy, "doing for") is judged by the permission, even if also excluded.
      if (needsPermission.has(activity)) {
        if (c.actingOnBehalfWithPermission === true) continue;
        findings.push(
          makeFinding(ctx, {
            ruleId: RULE,
            code: 'service-exclusions.permission-missing',
            subject,
            path: `contacts[${index}].actingOnBehalfWithPermission`,
            expected: { permission: true },
            found: { activity, permission: false },
            params: { on: dateOfDay(ctx, item.day), activity },
            source: settings.requirePermission.source,
          }),
        );
      } else {
        const source = excluded.get(activity);
        if (source === undefined) continue;
        findings.push(
          makeFinding(ctx, {
            ruleId: RULE,
            code: 'service-exclusions.excluded-activity',
            subject,
            path: `contacts[${index}].activities[${j}]`,
            expected: { excluded: false },
            found: { activity },
            params: { on: dateOfDay(ctx, item.day), activity },
            source,
          }),
        );
      }
    }
  }
  return result(RULE, subject, findings, [], checked);
}
