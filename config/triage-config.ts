// The shipped triage configuration: the default directory and lexicon, validated and compiled once when
// a Lambda or the CLI loads this module, so a broken config file fails at start, not on a complaint.
import { loadTriageConfig, type TriageConfig } from '#domain/triage/config.ts';
import directory from './directory.json' with { type: 'json' };
import lexicon from './lexicon.json' with { type: 'json' };

export const triageConfig: TriageConfig = loadTriageConfig(directory, lexicon);
