import type { ProgramData } from '../model/domain';
import { disclosureSettingOf } from './decide';

/**
 * The library's redisclosure notice, in its own words, for records a Part 2 program discloses (42 CFR 2.32 asks
 * that a notice accompany each disclosure made with consent). A program may set its own text in
 * `program.disclosure.redisclosureNotice`.
 *
 * @example
 * DEFAULT_REDISCLOSURE_NOTICE.includes('42 CFR part 2'); // true
 */
export const DEFAULT_REDISCLOSURE_NOTICE =
  'These records are protected by federal confidentiality rules (42 CFR part 2) on substance use disorder ' +
  'records. They were disclosed with the written consent of the person they concern, or as those rules otherwise ' +
  'allow. The recipient may not use or disclose them further except as 42 CFR part 2 permits, and may not use ' +
  'them to investigate or prosecute that person for a crime.';

/**
 * The redisclosure notice an export for a recipient carries: the program's own text when it set one, else
 * {@link DEFAULT_REDISCLOSURE_NOTICE} where Part 2 applies, else undefined (no notice required).
 *
 * @example
 * redisclosureNotice(data.program); // the notice text, or undefined for a program outside Part 2 without its own
 */
export function redisclosureNotice(program: ProgramData['program']): string | undefined {
  const setting = disclosureSettingOf(program);
  return setting.redisclosureNotice ?? (setting.part2 ? DEFAULT_REDISCLOSURE_NOTICE : undefined);
}
