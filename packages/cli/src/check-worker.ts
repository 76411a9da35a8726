/**
 * A `check --jobs` worker thread: it is sent the text of the input as soon as the main thread has read it, parses and
 * indexes it itself (while the main thread checks the same document), then claims chunks of enrolments from a
 * counter shared by every thread until none is left, and posts each chunk's evaluations cut down to what the
 * report reads (see `slimEvaluation`), with their JSON text for `--format json`. It never waits for the main
 * thread's check: the main thread uses its work only for a valid program and stops it otherwise. Node-only; the
 * core stays free of Node modules.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { createEnrolmentRangeEvaluator, type ProgramData } from '@peer-recovery/core';
import { resolvePack } from './commands/check';
import { setInputLimits } from './io';
import { asOfOption } from './options';
import {
  type CheckWorkerMessage,
  type CheckWorkerReply,
  type CheckWorkerSetup,
  chunkRange,
  chunkSize,
  enrolmentJson,
  slimEvaluation,
} from './parallel';

const post = (m: CheckWorkerReply) => parentPort?.postMessage(m);

async function run(setup: CheckWorkerSetup, text: string): Promise<void> {
  const claims = new Int32Array(setup.claims);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return; // the main thread reports it
  }
  // A FHIR resource is imported by the main thread, which then sends the program written as JSON.
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'resourceType' in value) return;
  try {
    const data = value as ProgramData;
    const pack = await resolvePack(setup.pack, data);
    const asOf = asOfOption(setup.asOf, data.program.timeZone, setup.now).ms;
    const evaluator = createEnrolmentRangeEvaluator(data, { asOf, pack });
    if (!evaluator.success) throw new Error('not evaluated');
    const n = evaluator.data.count;
    const size = chunkSize(n, setup.jobs);
    const count = Math.ceil(n / size);
    for (let k = Atomics.add(claims, 0, 1); k < count; k = Atomics.add(claims, 0, 1)) {
      const evaluations = evaluator.data.evaluate(chunkRange(k, n, size));
      post({
        kind: 'chunk',
        chunk: k,
        evaluations: evaluations.map((e) => slimEvaluation(e, setup.format)),
        ...(setup.format === 'json' ? { json: enrolmentJson(evaluations) } : {}),
      });
    }
    post({ kind: 'done' });
  } catch {
    // Invalid input (the main thread refuses it, naming the field) or a bug: the main thread evaluates the rest.
    post({ kind: 'failed' });
  }
}

let setup: CheckWorkerSetup | undefined;

parentPort?.on('message', (m: CheckWorkerMessage) => {
  if (m.kind === 'setup') {
    setup = m.setup;
    setInputLimits(m.setup.limits);
  } else if (setup !== undefined) void run(setup, m.text);
});
