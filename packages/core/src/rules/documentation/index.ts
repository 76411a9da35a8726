import { dateOfDay, type EnrolmentRecords, type RuleContext, visible } from '../context';
import { type FindingSpec, rowFinding } from '../lazy';
import type { Finding, RuleResult } from '../result';
import { enrolmentSubject, notApplicable, result } from '../shared';

const RULE = 'documentation';

/** A contact without its progress note as a row: `index` the contact's, `a` its day, `b` its id (see `lazy.ts`). */
const NOTE_MISSING: FindingSpec = {
  ruleId: RULE,
  code: 'documentation.progress-note-missing',
  path: (r) => `contacts[${r.index}].progressNote`,
  expected: () => ({ progressNote: true }),
  found: () => ({ progressNote: false }),
  params: (r) => ({ on: r.a as string, contactId: r.b as string }),
};

/**
 * Documentation: a progress note for each contact (when the pack asks for it). Keeping the plan current quarterly
 * is checked by the `plan-revision` rule.
 *
 * Sources: the service definition, Documentation Requirements: "Individualized Recovery/Wellness Plans that are
 * updated quarterly, and progress notes"; Recovery Connect Peer Recovery Coaching Program guidelines: "documentation
 * regarding progression".
 *
 * @example
 * documentation(ctx, records).findings[0]?.code; // 'documentation.progress-note-missing'
 */
export function documentation(ctx: RuleContext, rec: EnrolmentRecords): RuleResult {
  const settings = ctx.pack.rules[RULE];
  const subject = enrolmentSubject(rec.enrolment);
  if (!settings.progressNotePerContact.value) return notApplicable(RULE, subject);
  const source = settings.progressNotePerContact.source;
  const findings: Finding[] = [];
  let seen = 0;
  for (const c of rec.contacts) {
    if (!visible(ctx, c)) continue;
    seen++;
    if (c.record.progressNote) continue;
    findings.push(
      rowFinding(
        ctx,
        NOTE_MISSING,
        subject,
        source,
        undefined,
        Number.NaN,
        c.index,
        dateOfDay(ctx, c.day),
        c.record.id,
      ),
    );
  }
  return result(RULE, subject, findings, [], seen > 0);
}
