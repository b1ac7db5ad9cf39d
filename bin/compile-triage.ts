// `npm run compile:triage`: compiles config/directory.json, lexicon.json and triage-model.json into
// config/triage-compiled.ts, the precompiled form every Lambda and the CLI load. Deterministic.
import { writeFileSync } from 'node:fs';
import { compiledTriageModule, compileShippedTriage } from '../config/triage-compile.ts';

const out = new URL('../config/triage-compiled.ts', import.meta.url);
const data = compileShippedTriage();
const text = compiledTriageModule(data);
writeFileSync(out, text);
console.log(
  `compiled triage configuration ${data.sources}: ${(text.length / 1024).toFixed(0)} KB → config/triage-compiled.ts`,
);
