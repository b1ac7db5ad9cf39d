// Loads the precompiled triage data (`npm run compile:config`) from the folder it is shipped in. The data are
// files beside the code, not a string inside it: a Lambda reads and parses 230 KB of JSON in a few milliseconds,
// where the same text inside its bundle cost it ~15 ms more of every cold start to scan, map and compile.
// Functions find the folder through their catalog's `assets` access; repository tools through triage-config.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CompiledRoutingData,
  type CompiledTriageData,
  routingTableFromData,
  triageConfigFromData,
} from '#domain/triage/compiled.ts';
import type { TriageConfig } from '#domain/triage/config.ts';
import { useSimplifier } from '#domain/triage/normalise.ts';
import type { RoutingTable } from '#domain/triage/routing-table.ts';
import { simplifierIn } from './simplified-chinese.ts';

/** The whole configuration for triage (directory, lexicon, model): for the functions that triage. */
export const TRIAGE_DATA_FOLDER = 'config/compiled/triage';
/** The routing table alone: for the functions that check who may handle a case but never triage one. */
export const ROUTING_DATA_FOLDER = 'config/compiled/routing';
/** The file inside each folder. */
export const DATA_FILE = 'data.json';

function readData(folder: string): unknown {
  return JSON.parse(readFileSync(join(folder, DATA_FILE), 'utf8'));
}

/**
 * The triage configuration compiled into `folder` (a TRIAGE_DATA_FOLDER, wherever it is shipped), normalising
 * with the converter whose dictionaries are in `openccFolder` (an OPENCC_DATA_FOLDER).
 */
export function triageConfigIn(folder: string, openccFolder: string): TriageConfig {
  // The terms were normalised with this converter: the complaints they are matched against must be too.
  useSimplifier(simplifierIn(openccFolder));
  return triageConfigFromData(readData(folder) as CompiledTriageData);
}

/**
 * The routing table compiled into `folder` (a ROUTING_DATA_FOLDER). A reassignment reads the complaint for the
 * directory's people as triage does, so the converter (dictionaries in `openccFolder`) is wired in here as well.
 */
export function routingTableIn(folder: string, openccFolder: string): RoutingTable {
  useSimplifier(simplifierIn(openccFolder));
  return routingTableFromData(readData(folder) as CompiledRoutingData);
}
