import type { Extension, Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import type { InstrumentDefinition, InstrumentItem } from '@peer-recovery/core';
import {
  CANONICAL_BASE,
  type CodeEntry,
  EXTENSIONS,
  identifierSystem,
  questionnaireUrl,
  SYSTEMS,
} from './codes';
import { deterministicUuid, resourceId } from './ids';

/**
 * Options of {@link instrumentToQuestionnaire}.
 *
 * @example
 * instrumentToQuestionnaire(barc10Instrument, { programId: 'srp' });
 */
export interface QuestionnaireOptions {
  /**
   * The program the Questionnaire is exported with: its id and identifier are then scoped to the program (as
   * `exportProgram` does) and it carries the program tag. Without it, the id is a name-based UUID of the canonical
   * URL and version, and the identifier system is `<base>/NamingSystem/questionnaire`.
   */
  readonly programId?: string;
}

/**
 * The identifier system of Questionnaires exported without a program.
 *
 * @example
 * QUESTIONNAIRE_IDENTIFIER_SYSTEM; // 'https://peer-recovery.dev/fhir/NamingSystem/questionnaire'
 */
export const QUESTIONNAIRE_IDENTIFIER_SYSTEM = `${CANONICAL_BASE}/NamingSystem/questionnaire`;

/** Items whose answers the total needs (the same rule as the scorer of `@peer-recovery/core`). */
function neededItems(def: InstrumentDefinition): Set<string> {
  const needed = new Set<string>();
  for (const item of def.items) if (item.optional !== true) needed.add(item.id);
  const s = def.scoring;
  if (s.kind === 'sum') {
    for (const id of s.items ?? []) needed.add(id);
    for (const sub of s.subscales ?? []) for (const id of sub.items) needed.add(id);
  } else {
    for (const id of s.requiredItems) needed.add(id);
  }
  return needed;
}

/** A FHIR computable name (`[A-Z][A-Za-z0-9_]*`) from an abbreviation such as `BARC-10`. */
function computableName(def: InstrumentDefinition): string {
  const raw = `${def.abbreviation}`.replace(/[^A-Za-z0-9_]/g, '');
  const name = /^[A-Za-z]/.test(raw) ? raw.charAt(0).toUpperCase() + raw.slice(1) : `Q${raw}`;
  return name.slice(0, 255);
}

function unitExtension(unit: string): Extension {
  const days = unit === 'days' || unit === 'day' || unit === 'd';
  return {
    url: EXTENSIONS.questionnaireUnit,
    valueCoding: days ? { system: SYSTEMS.ucum, code: 'd', display: 'days' } : { display: unit },
  };
}

function questionnaireItem(item: InstrumentItem, required: boolean): QuestionnaireItem {
  return {
    extension: [
      { url: EXTENSIONS.minValue, valueInteger: item.min },
      { url: EXTENSIONS.maxValue, valueInteger: item.max },
      ...(item.unit === undefined || item.unit.trim() === '' ? [] : [unitExtension(item.unit)]),
    ],
    linkId: item.id,
    text: item.text ?? item.label,
    type: 'integer',
    required,
  };
}

/**
 * A FHIR R4 Questionnaire for an outcome instrument of `@peer-recovery/core` (e.g. `barc10Instrument`,
 * `hrqol4Instrument`, or a program's own definition): canonical `url` `<base>/Questionnaire/<instrument id>` (the
 * one QuestionnaireResponses of this package point to), `version` = the definition's version, `status` `active`,
 * one `integer` item per instrument item (`linkId` = item id, the key of `Assessment.answers`), with the allowed
 * range in the standard `minValue`/`maxValue` extensions, the unit in `questionnaire-unit` (UCUM `d` for days), and
 * `required` for the items the total needs.
 *
 * Item `text` is the program-supplied wording when the definition carries it (added with `withItemText` by a program
 * that holds a licence), else the neutral label of the definition: the licensed wording of an instrument such as
 * BARC-10 is never part of this package. The title, citation and licence note come from the definition.
 *
 * @example
 * const q = instrumentToQuestionnaire(barc10Instrument);
 * q.url; // 'https://peer-recovery.dev/fhir/Questionnaire/barc-10'
 * q.item?.[0]?.text; // 'BARC-10 item 1'
 */
export function instrumentToQuestionnaire(
  def: InstrumentDefinition,
  options: QuestionnaireOptions = {},
): Questionnaire {
  const url = questionnaireUrl(def.id);
  const key = `${def.id}/${def.version}`;
  const pid = options.programId;
  const needed = neededItems(def);
  return {
    resourceType: 'Questionnaire',
    id:
      pid === undefined
        ? deterministicUuid(`Questionnaire|${url}|${def.version}`)
        : resourceId(pid, 'Questionnaire', 'questionnaire', key),
    ...(pid === undefined ? {} : { meta: { tag: [{ system: SYSTEMS.programTag, code: pid }] } }),
    url,
    identifier: [
      {
        system: pid === undefined ? QUESTIONNAIRE_IDENTIFIER_SYSTEM : identifierSystem(pid, 'questionnaire'),
        value: key,
      },
    ],
    version: def.version,
    name: computableName(def),
    title: def.title,
    status: 'active',
    subjectType: ['Patient'],
    description: `${def.title}. ${def.citation}`,
    copyright: def.license,
    item: def.items.map((item) => questionnaireItem(item, needed.has(item.id))),
  };
}

/**
 * The local code of an instrument's total score (Observation.code of the totals `exportProgram` emits):
 * `<instrument id>-total` in `<base>/CodeSystem/instrument-score`.
 *
 * @example
 * instrumentTotalCode(barc10Instrument); // { system: '.../CodeSystem/instrument-score', code: 'barc-10-total', display: 'BARC-10 total score' }
 */
export function instrumentTotalCode(def: Pick<InstrumentDefinition, 'id' | 'abbreviation'>): CodeEntry {
  return {
    system: SYSTEMS.instrumentScore,
    code: `${def.id}-total`,
    display: `${def.abbreviation} total score`,
  };
}
