#!/usr/bin/env node
import { prestartCheckWorkers } from './worker-start';

// `check --jobs` workers start first, and load their modules while this thread loads its own.
prestartCheckWorkers(process.argv);
Promise.all([import('./args'), import('./program')])
  .then(([{ exitQuietlyOnEpipe }, { main }]) => {
    exitQuietlyOnEpipe(process.stdout, (code) => process.exit(code));
    return main(process.argv);
  })
  .then((code) => {
    process.exitCode = code;
  });
