import { dateOfDay, type EnrolmentRecords, makeFinding, type RuleContext, visible } from '../context';
import type { Finding, RuleResult } from '../result';
import { enrolmentSubject, notApplicable, result } from '../shared';

const RULE = 'documentation';

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
  const contacts = rec.contacts.filter((c) => visible(ctx, c));
  const findings: Finding[] = contacts
    .filter((c) => !c.record.progressNote)
    .map((c) =>
      makeFinding(ctx, {
        ruleId: RULE,
        code: 'documentation.progress-note-missing',
        subject,
        path: `contacts[${c.index}].progressNote`,
        expected: { progressNote: true },
        found: { progressNote: false },
        params: { on: dateOfDay(ctx, c.day), contactId: c.record.id },
        source: settings.progressNotePerContact.source,
      }),
    );
  return result(RULE, subject, findings, [], contacts.length > 0);
}
