/**
 * A `check --jobs` worker thread: evaluates one range of enrolments and posts the evaluations back. Node-only; the
 * core stays free of Node modules.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateEnrolmentRange } from '@peer-recovery/core';
import type { CheckWorkerInput } from './parallel';

const input = workerData as CheckWorkerInput;
try {
  const r = evaluateEnrolmentRange(JSON.parse(input.text), input.range, {
    asOf: input.asOf,
    pack: input.pack,
  });
  parentPort?.postMessage(
    r.success
      ? { ok: true, data: r.data }
      : { ok: false, message: r.issues.map((i) => i.message).join('\n') },
  );
} catch {
  // The main thread checked this data already; never echo it.
  parentPort?.postMessage({
    ok: false,
    message: 'a check worker could not evaluate its range of enrolments',
  });
}
