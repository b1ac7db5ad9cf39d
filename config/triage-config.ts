// The shipped triage configuration: the directory, the lexicon and the learned model, validated and
// compiled once when a Lambda or the CLI loads this module, so a broken file fails at start, not on a
// complaint. It also wires in the Traditional → Simplified converter the domain leaves to its caller.
import type { ConverterFunction } from 'opencc-js/core';
import { ConverterFactory } from 'opencc-js/core';
import fromHongKong from 'opencc-js/from/hk';
import fromTaiwan from 'opencc-js/from/tw';
import toMainland from 'opencc-js/to/cn';
import { loadTriageConfig, type TriageConfig } from '#domain/triage/config.ts';
import { useSimplifier } from '#domain/triage/normalise.ts';
import directory from './directory.json' with { type: 'json' };
import lexicon from './lexicon.json' with { type: 'json' };
import model from './triage-model.json' with { type: 'json' };

let toSimplified: ConverterFunction | undefined;
// Built on first use: building the converter's tables costs a few milliseconds, paid once per container.
useSimplifier((text) => {
  toSimplified ??= ConverterFactory(fromTaiwan, fromHongKong, toMainland);
  return toSimplified(text);
});

/** Below this confidence a case is routed all the same but flagged for a supervisor (`needsReview`). */
export const REVIEW_THRESHOLD = 0.6;

export const triageConfig: TriageConfig = loadTriageConfig(directory, lexicon, model, {
  reviewThreshold: REVIEW_THRESHOLD,
});
