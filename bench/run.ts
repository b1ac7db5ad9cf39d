// `npm run bench`: the pipeline's throughput on this machine, evidence from upload to checked, and the Lambda bundles'
// size and cold import time.

import { availableParallelism } from 'node:os';
import { benchBundles } from './bundles.ts';
import { benchEvidence } from './evidence.ts';
import { benchCalls, benchPipeline, callBound } from './pipeline.ts';

console.log(`Sunshine Hotline benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
console.log('Pipeline on the local runtime (dynalite, fauxqs, handlers in worker-thread environments):');
const pipeline = await benchPipeline();
console.log(pipeline.table);
console.log('\nAWS calls, counted at the emulators:');
const calls = await benchCalls();
console.log(calls.table);
console.log('\nWhat the calls alone allow (each at the CPU of a raw PutItem):');
console.log(callBound(pipeline, calls, availableParallelism()));
console.log('\nEvidence: a 5 MB phone photo from upload to "checked" (S3 emulator → SQS → checker):');
console.log(await benchEvidence());
console.log('\nLambda bundles (esbuild settings of lib/defaults.ts):');
console.log(await benchBundles());
