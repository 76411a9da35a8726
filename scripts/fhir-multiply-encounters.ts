/**
 * Makes a larger Bulk NDJSON folder for import benchmarks from an exported one: every file is copied, and each
 * Encounter line is written `times` times, each copy with a new resource id and contact identifier (`<id>-x<n>`),
 * so the contacts stay distinct. Streams line by line.
 *
 *   node --import tsx scripts/fhir-multiply-encounters.ts <from-folder> <to-folder> <times>
 */
import { once } from 'node:events';
import { copyFileSync, createReadStream, createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [from = '', to = '', timesText = '2'] = process.argv.slice(2);
const times = Number(timesText);
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from).filter((n) => n.endsWith('.ndjson'))) {
  if (name !== 'Encounter.ndjson') {
    copyFileSync(join(from, name), join(to, name));
    continue;
  }
  const out = createWriteStream(join(to, name));
  for await (const line of createInterface({ input: createReadStream(join(from, name)) })) {
    if (line.trim() === '') continue;
    for (let n = 0; n < times; n++) {
      const r = JSON.parse(line) as { id: string; identifier?: { system: string; value: string }[] };
      if (n > 0) {
        r.id = `${r.id}-x${n}`;
        for (const i of r.identifier ?? []) if (i.system.endsWith('/contact')) i.value = `${i.value}-x${n}`;
      }
      if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}
