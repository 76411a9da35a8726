/**
 * A `check --jobs` worker thread: it is sent the program's JSON text, which it parses and indexes (while the main
 * thread checks the same document), then the range of enrolments to evaluate; it posts the evaluations back.
 * Node-only; the core stays free of Node modules.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { evaluateEnrolmentRange, indexProgram, type ProgramIndex } from '@peer-recovery/core';
import type { CheckWorkerProgram, CheckWorkerReply, CheckWorkerTask } from './parallel';

// The main thread asks for a range only once it has checked the program; an error never echoes the data.
const FAILED = 'a check worker could not evaluate its range of enrolments';

let index: ProgramIndex | undefined;

function evaluate(task: CheckWorkerTask): CheckWorkerReply {
  try {
    if (index === undefined) return { ok: false, message: FAILED };
    const r = evaluateEnrolmentRange(index, task.range, { asOf: task.asOf, pack: task.pack });
    return r.success
      ? { ok: true, data: r.data }
      : { ok: false, message: r.issues.map((i) => i.message).join('\n') };
  } catch {
    return { ok: false, message: FAILED };
  }
}

parentPort?.on('message', (m: CheckWorkerProgram | CheckWorkerTask) => {
  if ('text' in m) {
    try {
      index = indexProgram(JSON.parse(m.text));
    } catch {
      index = undefined;
    }
  } else parentPort?.postMessage(evaluate(m));
});
