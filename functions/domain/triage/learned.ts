// The learned category classifier: a multinomial logistic regression over the features of features.ts,
// trained offline (`npm run train:triage`) into a versioned artefact, validated here and scored by scoring.ts.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { CATEGORIES } from './model.ts';
import { featureNames } from './scoring.ts';

/**
 * The artefact as committed (config/triage-model.json). Weights are integers (the real weight times
 * `scale`) in one flat list, `classes.length` per feature, which keeps the file small and quick to parse.
 */
export const TriageModelSchema = /* @__PURE__ */ (() =>
  z
    .object({
      version: z.string().check(z.minLength(1)),
      classes: z.array(z.enum(CATEGORIES)).check(z.length(CATEGORIES.length)),
      scale: z.number().check(z.positive()),
      bias: z.array(z.int()),
      /** The feature names, joined by tabs (normalised text holds none): one line, however many there are. */
      features: z.string(),
      // Thousands of integers: one plain loop checks them, where a schema per element costs a cold start ~30 ms.
      weights: z.custom<number[]>(
        (value) => Array.isArray(value) && value.every((weight) => Number.isInteger(weight)),
        'weights must be a list of integers',
      ),
      /** How the model was trained: corpus, seed, held-out figures; for people, not used by triage. */
      trainedOn: z.optional(z.record(z.string(), z.unknown())),
    })
    .check(
      z.superRefine((model, ctx) => {
        const width = model.classes.length;
        if (new Set(model.classes).size !== width) {
          ctx.addIssue({ code: 'custom', message: 'classes repeat', path: ['classes'] });
        }
        if (model.bias.length !== width) {
          ctx.addIssue({ code: 'custom', message: `bias needs ${width} values`, path: ['bias'] });
        }
        if (model.weights.length !== featureNames(model).length * width) {
          ctx.addIssue({
            code: 'custom',
            message: 'weights do not match features × classes',
            path: ['weights'],
          });
        }
      }),
    ))();
export type TriageModel = z.infer<typeof TriageModelSchema>;
export type TriageModelInput = z.input<typeof TriageModelSchema>;

// Scoring lives apart from the schema so that a Lambda loading a precompiled model builds no schema for it.
export {
  type CompiledModel,
  compileModel,
  FEATURE_SEPARATOR,
  type FeatureVector,
  featureNames,
  featureVector,
  type Prediction,
  predict,
  softmax,
} from './scoring.ts';
