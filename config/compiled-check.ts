// Whether config/compiled/ is what the sources compile to now: `cdk synth` refuses to package functions with stale
// or broken configuration (they no longer validate it at load), as the unit tests do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileOffice, OFFICE_FILE, officeFileText } from './office-compile.ts';
import { compiledOpenccFiles } from './opencc-compile.ts';
import { compiledPhoneFiles } from './phone-compile.ts';
import { REPORTER_FILE, reporterFileText } from './reporter-compile.ts';
import { compiledTriageFiles, compileShippedTriage } from './triage-compile.ts';

/** The compiled files under `root` that differ from a fresh compile (empty when all is in step). */
export function staleCompiledFiles(root: string): string[] {
  const expected = {
    [OFFICE_FILE]: officeFileText(compileOffice()),
    [REPORTER_FILE]: reporterFileText(),
    ...compiledOpenccFiles(),
    ...compiledPhoneFiles(),
    ...compiledTriageFiles(compileShippedTriage()),
  };
  const read = (path: string) => {
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  return Object.entries(expected)
    .filter(([path, text]) => read(path) !== text)
    .map(([path]) => path);
}
