import type { InstrumentDefinition, InstrumentItem } from './instrument';
import { builtInInstruments } from './instruments';

/**
 * The columns of a REDCap data dictionary, in REDCap's order (the header REDCap's Data Dictionary upload expects).
 *
 * @example
 * REDCAP_DICTIONARY_COLUMNS[0]; // 'Variable / Field Name'
 */
export const REDCAP_DICTIONARY_COLUMNS = Object.freeze([
  'Variable / Field Name',
  'Form Name',
  'Section Header',
  'Field Type',
  'Field Label',
  'Choices, Calculations, OR Slider Labels',
  'Field Note',
  'Text Validation Type OR Show Slider Number',
  'Text Validation Min',
  'Text Validation Max',
  'Identifier?',
  'Branching Logic (Show field only if...)',
  'Required Field?',
  'Custom Alignment',
  'Question Number (surveys only)',
  'Matrix Group Name',
  'Matrix Ranking?',
  'Field Annotation',
] as const);

/** Answer scales up to this many values are radio buttons; longer ones (day counts) are whole-number text fields. */
const MAX_RADIO_CHOICES = 11;

/**
 * A REDCap-safe name: lower case letters, digits and `_`, starting with a letter.
 *
 * @example
 * redcapName('barc-10'); // 'barc_10'
 */
export function redcapName(id: string): string {
  const name = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(name) ? name : `v_${name}`;
}

/**
 * The REDCap variable of an instrument item: `<form>_<item>` (e.g. `barc_10_1`).
 *
 * @example
 * redcapItemVariable(barc10Instrument, '1'); // 'barc_10_1'
 */
export function redcapItemVariable(instrument: Pick<InstrumentDefinition, 'id'>, itemId: string): string {
  return `${redcapName(instrument.id)}_${redcapName(itemId).replace(/^v_/, '')}`;
}

function choices(item: InstrumentItem): string {
  const labels = new Map((item.answerLabels ?? []).map((l) => [l.value, l.label]));
  const out: string[] = [];
  for (let v = item.min; v <= item.max; v++) {
    const label = labels.get(v);
    out.push(`${v}, ${label === undefined ? String(v) : `${v} ${label}`}`);
  }
  return out.join(' | ');
}

function totalFormula(def: InstrumentDefinition): string | undefined {
  if (def.scoring.kind !== 'sum') return undefined;
  const ids = def.scoring.items ?? def.items.map((i) => i.id);
  const byId = new Map(def.items.map((i) => [i.id, i]));
  const terms = ids.map((id) => {
    const item = byId.get(id);
    const v = `[${redcapItemVariable(def, id)}]`;
    return item?.reverse === true ? `(${item.min + item.max}-${v})` : v;
  });
  const sum = `sum(${terms.join(',')})`;
  return def.scoring.cap === undefined ? sum : `min(${def.scoring.cap},${sum})`;
}

/**
 * The data dictionary of instruments as REDCap rows ({@link REDCAP_DICTIONARY_COLUMNS}): a `record_id` field, then
 * per instrument (one REDCap form each, named with {@link redcapName}) its completion date (`<form>_date`,
 * validated `date_ymd`), one field per item (radio buttons for scales of up to 11 values, each value labelled with
 * the number and any neutral label; whole-number text fields with min and max for longer scales such as day counts;
 * required unless the item is optional) and, for summed instruments, the total as a `calc` field with REDCap's own
 * formula. Labels are the definitions' neutral labels, never licensed item wording (an item's `text` is not used).
 *
 * @example
 * const rows = redcapDataDictionary([barc10Instrument]);
 * rows[1]?.['Variable / Field Name']; // 'barc_10_date'
 * rows[2]?.['Field Type']; // 'radio'
 */
export function redcapDataDictionary(
  instruments: readonly InstrumentDefinition[] = builtInInstruments,
): Record<(typeof REDCAP_DICTIONARY_COLUMNS)[number], string>[] {
  const blank = () =>
    Object.fromEntries(REDCAP_DICTIONARY_COLUMNS.map((c) => [c, ''])) as Record<
      (typeof REDCAP_DICTIONARY_COLUMNS)[number],
      string
    >;
  const first = instruments[0] === undefined ? 'outcomes' : redcapName(instruments[0].id);
  const rows = [
    {
      ...blank(),
      'Variable / Field Name': 'record_id',
      'Form Name': first,
      'Field Type': 'text',
      'Field Label': 'Record ID (enrolment id)',
    },
  ];
  for (const def of instruments) {
    const form = redcapName(def.id);
    rows.push({
      ...blank(),
      'Variable / Field Name': `${form}_date`,
      'Form Name': form,
      'Section Header': `${def.abbreviation} (definition ${def.version})`,
      'Field Type': 'text',
      'Field Label': `Date ${def.abbreviation} completed`,
      'Text Validation Type OR Show Slider Number': 'date_ymd',
      'Required Field?': 'y',
    });
    for (const item of def.items) {
      const radio = item.max - item.min + 1 <= MAX_RADIO_CHOICES;
      rows.push({
        ...blank(),
        'Variable / Field Name': redcapItemVariable(def, item.id),
        'Form Name': form,
        'Field Type': radio ? 'radio' : 'text',
        'Field Label': item.label,
        'Choices, Calculations, OR Slider Labels': radio ? choices(item) : '',
        'Field Note': [item.unit, item.reverse === true ? 'reverse-scored' : undefined]
          .filter(Boolean)
          .join('; '),
        'Text Validation Type OR Show Slider Number': radio ? '' : 'integer',
        'Text Validation Min': radio ? '' : String(item.min),
        'Text Validation Max': radio ? '' : String(item.max),
        'Required Field?': item.optional === true ? '' : 'y',
      });
    }
    const formula = totalFormula(def);
    if (formula !== undefined)
      rows.push({
        ...blank(),
        'Variable / Field Name': `${form}_total`,
        'Form Name': form,
        'Field Type': 'calc',
        'Field Label': `${def.abbreviation} total`,
        'Choices, Calculations, OR Slider Labels': formula,
        'Field Note': 'Computed; blank unless every summed item is answered',
      });
  }
  return rows;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/**
 * A Markdown data dictionary of instruments: per instrument its id, version, citation and licence note; a table of
 * its items (column name in the assessment layout, REDCap variable, neutral label, range, labelled values, required,
 * unit, reverse); how the total is computed; its thresholds and flags; its scoring notes. Never licensed item
 * wording.
 *
 * @example
 * markdownCodebook([barc10Instrument]).startsWith('# Data dictionary'); // true
 */
export function markdownCodebook(instruments: readonly InstrumentDefinition[] = builtInInstruments): string {
  const out: string[] = [
    '# Data dictionary',
    '',
    'Generated from the instrument definitions of @peer-recovery/core. Item labels are neutral; the published item',
    'wording is not reproduced.',
  ];
  for (const def of instruments) {
    out.push(
      '',
      `## ${def.abbreviation} (\`${def.id}\`, definition ${def.version})`,
      '',
      cell(def.title),
      '',
    );
    out.push(`- Citation: ${cell(def.citation)}`, `- Licence: ${cell(def.license)}`, '');
    out.push(
      '| column | REDCap variable | label | range | labelled values | required | unit | reverse |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const item of def.items)
      out.push(
        `| item_${cell(item.id)} | ${redcapItemVariable(def, item.id)} | ${cell(item.label)} | ${item.min}-${item.max} | ${cell(
          (item.answerLabels ?? []).map((l) => `${l.value} = ${l.label}`).join('; '),
        )} | ${item.optional === true ? 'no' : 'yes'} | ${cell(item.unit ?? '')} | ${item.reverse === true ? 'yes' : 'no'} |`,
      );
    const s = def.scoring;
    out.push(
      '',
      s.kind === 'sum'
        ? `Total: sum of ${s.items === undefined ? 'all items' : `items ${s.items.join(', ')}`}${s.cap === undefined ? '' : `, capped at ${s.cap}`}.`
        : `Total: ${cell(s.description)} (needs items ${s.requiredItems.join(', ')}).`,
    );
    if (def.thresholds.length > 0) {
      out.push('', '| flag | compares | rule | default | meaning |', '| --- | --- | --- | --- | --- |');
      for (const t of def.thresholds) {
        const of =
          t.of === 'total' ? 'total' : 'item' in t.of ? `item ${t.of.item}` : `subscale ${t.of.subscale}`;
        out.push(`| flag_${t.flag} | ${of} | ${t.comparison} | ${t.value} | ${cell(t.note)} |`);
      }
    }
    if ((def.notes ?? []).length > 0) out.push('', ...(def.notes ?? []).map((n) => `- ${cell(n)}`));
  }
  return `${out.join('\n')}\n`;
}
