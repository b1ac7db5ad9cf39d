// Binds a directory and a lexicon into a ready triage configuration: validated with zod, then compiled
// once so each complaint only pays for matching, never for normalising the tables again.
import { type ClassifierTables, compileClassifier } from './classify.ts';
import { type Directory, DirectorySchema } from './directory.ts';
import { type Lexicon, LexiconSchema } from './lexicon.ts';
import { compileRoutingTable, type RoutingTable } from './routing-table.ts';

export interface TriageConfig {
  readonly directory: Directory;
  readonly lexicon: Lexicon;
  readonly classifier: ClassifierTables;
  readonly routing: RoutingTable;
}

export function compileTriageConfig(directory: Directory, lexicon: Lexicon): TriageConfig {
  return {
    directory,
    lexicon,
    classifier: compileClassifier(lexicon),
    routing: compileRoutingTable(directory),
  };
}

/** Parses raw JSON (throws a ZodError that names the bad field) and compiles it. */
export function loadTriageConfig(directory: unknown, lexicon: unknown): TriageConfig {
  return compileTriageConfig(DirectorySchema.parse(directory), LexiconSchema.parse(lexicon));
}
