// `npm run compile:triage`: compiles config/directory.json, lexicon.json and triage-model.json into the data files
// of config/compiled/ that the Lambdas and the repository's tools load (config/triage-data.ts). Deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledTriageFiles, compileShippedTriage } from '../config/triage-compile.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = compileShippedTriage();
for (const [path, text] of Object.entries(compiledTriageFiles(data))) {
  mkdirSync(dirname(`${root}${path}`), { recursive: true });
  writeFileSync(`${root}${path}`, text);
  console.log(
    `compiled triage configuration ${data.sources}: ${(text.length / 1024).toFixed(0)} KB → ${path}`,
  );
}
