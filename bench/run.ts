// `npm run bench`: the pipeline's throughput on this machine, and the Lambda bundles' size and cold import time.
import { benchBundles } from './bundles.ts';
import { benchCalls, benchPipeline } from './pipeline.ts';

console.log(`Sunshine Hotline benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
console.log('Pipeline on the local runtime (dynalite, fauxqs, handlers in worker-thread environments):');
console.log(await benchPipeline());
console.log('\nAWS calls, counted at the emulators:');
console.log(await benchCalls());
console.log('\nLambda bundles (esbuild settings of lib/defaults.ts):');
console.log(await benchBundles());
