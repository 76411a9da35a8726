#!/usr/bin/env node
import { exitQuietlyOnEpipe } from './io';
import { main } from './program';

exitQuietlyOnEpipe(process.stdout, (code) => process.exit(code));
main(process.argv).then((code) => {
  process.exitCode = code;
});
