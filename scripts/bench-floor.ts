/**
 * What one pass over a parsed program costs before any rule runs: a ladder of loops over the dated records (plans,
 * contacts, messages) of the same program, each measured in CPU time in alternation in one process, next to
 * `indexProgram` and `evaluateProgram`:
 *
 *   node --import tsx scripts/bench-floor.ts [peers] [rounds]
 *
 * - `touch`: read the first character of each record's instant (the memory reads alone);
 * - `toEpoch`: the core's instant parser on each instant (the fixed-format fast path, as the index uses it);
 * - `Date.parse`: the runtime's parser on each instant;
 * - `bucket`: each record's position pushed to its enrolment's list (a `Map` by enrolment id);
 * - `index`: `indexProgram` (all of the above, with the local day of each instant);
 * - `evaluate`: `evaluateProgram`, indexing included.
 *
 * The program is `generateProgramData({ peers, seed: 7, start: '2024-01-01', years: 3 })` (10,000 peers unless
 * given) written as JSON and parsed back, as a program read from a file is, evaluated as of 2026-12-31; two warm-up
 * rounds, then `rounds` (5 unless given). Prints one line of JSON: for each step the CPU nanoseconds per contact
 * (median, min, max), the counts of contacts and dated records, and the evaluation's contacts per CPU second. The
 * 3 million contacts per second of the evaluation target are 333 ns per contact, indexing included.
 */
import { toEpoch } from '../packages/core/src/calendar/index';
import type { ProgramData } from '../packages/core/src/model/domain';
import { evaluateProgram, indexProgram } from '../packages/core/src/rules/index';
import { generateProgramData } from '../packages/core/src/synthetic/index';
import { cpuMs as cpu, stats } from './bench-stats';

const [peersArg = '10000', roundsArg = '5'] = process.argv.slice(2);
const peers = Number(peersArg);
const rounds = Number(roundsArg);

const data: ProgramData = JSON.parse(
  JSON.stringify(generateProgramData({ peers, seed: 7, start: '2024-01-01', years: 3 })),
);

/** The dated records in the index's order (plans, contacts, messages), for the `bucket` step. */
const records: readonly { readonly enrolmentId: string }[] = [
  ...data.plans,
  ...data.contacts,
  ...data.messages,
];

// Each step reads the records themselves, as the index does: the instant strings hang off the records.
const steps: Record<string, () => number> = {
  touch: () => {
    let sum = 0;
    for (const p of data.plans) sum += p.signedByPeerAt?.charCodeAt(0) ?? 0;
    for (const c of data.contacts) sum += c.start.charCodeAt(0);
    for (const m of data.messages) sum += m.receivedAt.charCodeAt(0);
    return sum;
  },
  toEpoch: () => {
    let sum = 0;
    for (const p of data.plans) if (p.signedByPeerAt !== undefined) sum += toEpoch(p.signedByPeerAt) & 1;
    for (const c of data.contacts) sum += toEpoch(c.start) & 1;
    for (const m of data.messages) sum += toEpoch(m.receivedAt) & 1;
    return sum;
  },
  'Date.parse': () => {
    let sum = 0;
    for (const p of data.plans) if (p.signedByPeerAt !== undefined) sum += Date.parse(p.signedByPeerAt) & 1;
    for (const c of data.contacts) sum += Date.parse(c.start) & 1;
    for (const m of data.messages) sum += Date.parse(m.receivedAt) & 1;
    return sum;
  },
  bucket: () => {
    const byEnrolment = new Map<string, number[]>();
    for (let i = 0; i < records.length; i++) {
      const id = (records[i] as { readonly enrolmentId: string }).enrolmentId;
      const list = byEnrolment.get(id);
      if (list === undefined) byEnrolment.set(id, [i]);
      else list.push(i);
    }
    return byEnrolment.size;
  },
  index: () => indexProgram(data).enrolments.size,
  evaluate: () => {
    const r = evaluateProgram(data, { asOf: '2026-12-31' });
    if (!r.success) throw new Error('the evaluation failed');
    return r.data.enrolments.length;
  },
};

const times: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((k) => [k, []]));
let check = 0;
for (let round = -2; round < rounds; round++)
  for (const [name, step] of Object.entries(steps)) {
    const t = cpu();
    check += step();
    const ms = cpu() - t;
    if (round >= 0) times[name]?.push(ms);
  }
if (check === 0) throw new Error('no record read');

const contacts = data.contacts.length;
const nsPerContact = (ms: number) => Math.round((ms * 1e6) / contacts);
console.log(
  JSON.stringify({
    peers,
    contacts,
    datedRecords: records.length,
    rounds,
    nsPerContact: Object.fromEntries(
      Object.entries(times).map(([name, xs]) => {
        const s = stats(xs);
        return [name, { median: nsPerContact(s.median), min: nsPerContact(s.min), max: nsPerContact(s.max) }];
      }),
    ),
    evaluateContactsPerCpuSecond: Math.round((contacts * 1000) / stats(times.evaluate ?? []).median),
  }),
);
