/**
 * A `check --jobs` worker thread: parses and indexes the program from its JSON text as soon as it starts (while the
 * main thread checks the same document), then evaluates the range of enrolments it is asked for and posts the
 * evaluations back. Node-only; the core stays free of Node modules.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateEnrolmentRange, indexProgram, type ProgramIndex } from '@peer-recovery/core';
import type { CheckWorkerInput, CheckWorkerReply, CheckWorkerTask } from './parallel';

// The main thread checked this data (or is checking it: it asks for a range only if the program is valid); an
// error never echoes it.
const FAILED = 'a check worker could not evaluate its range of enrolments';

const input = workerData as CheckWorkerInput;
let index: ProgramIndex | undefined;
try {
  index = indexProgram(JSON.parse(input.text));
} catch {
  index = undefined;
}

parentPort?.once('message', (task: CheckWorkerTask) => {
  let reply: CheckWorkerReply;
  try {
    const r =
      index === undefined
        ? undefined
        : evaluateEnrolmentRange(index, task.range, { asOf: task.asOf, pack: task.pack });
    reply =
      r === undefined
        ? { ok: false, message: FAILED }
        : r.success
          ? { ok: true, data: r.data }
          : { ok: false, message: r.issues.map((i) => i.message).join('\n') };
  } catch {
    reply = { ok: false, message: FAILED };
  }
  parentPort?.postMessage(reply);
});
