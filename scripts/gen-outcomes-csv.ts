/**
 * Writes a large assessment data set for measuring `validate-outcomes`: `<dir>/enrolments-<rows>.csv` (one enrolment
 * per two rows) and `<dir>/assessments-<rows>.csv` (a BARC-10 baseline and a 6-month reassessment per enrolment,
 * every row valid, dates inside the windows of the SAMHSA schedule). Deterministic: the same rows for the same count.
 *
 * Usage: node --import tsx scripts/gen-outcomes-csv.ts <rows> [dir]
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

const rows = Number(process.argv[2] ?? '100000');
const dir = process.argv[3] ?? '.';
if (!Number.isInteger(rows) || rows < 2) throw new Error('rows: a whole number, 2 or more');
const people = Math.floor(rows / 2);

async function write(path: string, lines: (emit: (line: string) => Promise<void>) => Promise<void>) {
  const out = createWriteStream(path);
  let buffer = '';
  const emit = async (line: string) => {
    buffer += `${line}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  };
  await lines(emit);
  out.end(buffer);
  await once(out, 'finish');
}

const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

await write(join(dir, `enrolments-${rows}.csv`), async (emit) => {
  await emit('enrolment_id,peer_id,enrolled_on,exited_on');
  for (let i = 0; i < people; i++) await emit(`enr-${i},peer-${i},${day(i % 600)},`);
});
await write(join(dir, `assessments-${rows}.csv`), async (emit) => {
  await emit(
    'assessment_id,enrolment_id,instrument,completed_on,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9,item_10',
  );
  for (let i = 0; i < people; i++) {
    const answers = (shift: number) =>
      Array.from({ length: 10 }, (_, k) => 1 + ((i + k + shift) % 6)).join(',');
    const intake = i % 600;
    await emit(`a${2 * i},enr-${i},barc-10,${day(intake + (i % 7))},${answers(0)}`);
    await emit(`a${2 * i + 1},enr-${i},barc-10,${day(intake + 170 + (i % 20))},${answers(1)}`);
  }
});
process.stdout.write(`${people * 2} assessment rows, ${people} enrolments in ${dir}\n`);
