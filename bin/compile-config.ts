// `npm run compile:config`: validates and compiles the shipped configuration into config/compiled/, the form the
// Lambdas and the repository's tools load: the office's directory, deadline rules and calendars (office.json,
// bundled into the functions that need them), the triage configuration (directory, lexicon and model) and the
// Traditional → Simplified dictionaries (data files shipped beside the bundles of the functions that read them), and
// the phone-number rules of the regions served (bundled).
// Deterministic; a test and `cdk synth` fail when a file is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileOffice, OFFICE_FILE, officeFileText } from '../config/office-compile.ts';
import { compiledOpenccFiles } from '../config/opencc-compile.ts';
import { compiledPhoneFiles } from '../config/phone-compile.ts';
import { REPORTER_FILE, reporterFileText } from '../config/reporter-compile.ts';
import { compiledTriageFiles, compileShippedTriage } from '../config/triage-compile.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const office = compileOffice();
const triage = compileShippedTriage();
const files: [string, string, string][] = [
  [OFFICE_FILE, officeFileText(office), `office configuration ${office.sources}`],
  [REPORTER_FILE, reporterFileText(), "the reporter's side: rating window, follow-up allowance, retention"],
  ...Object.entries(compiledOpenccFiles()).map(([path, text]): [string, string, string] => [
    path,
    text,
    'Traditional → Simplified dictionaries',
  ]),
  ...Object.entries(compiledPhoneFiles()).map(([path, text]): [string, string, string] => [
    path,
    text,
    'phone-number rules of the regions served',
  ]),
  ...Object.entries(compiledTriageFiles(triage)).map(([path, text]): [string, string, string] => [
    path,
    text,
    `triage configuration ${triage.sources}`,
  ]),
];
for (const [path, text, what] of files) {
  mkdirSync(dirname(`${root}${path}`), { recursive: true });
  writeFileSync(`${root}${path}`, text);
  console.log(`compiled ${what}: ${(text.length / 1024).toFixed(0)} KB → ${path}`);
}
