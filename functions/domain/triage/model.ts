// The triage vocabulary stored on a case: stable category and severity codes, the input a complaint
// offers for triage, and the structured reasons that let an investigator see why a case came to them.
import * as z from 'zod/mini';
import '../zod-locale.ts';

/** In order of precedence: when several apply, the first one wins. */
export const CATEGORIES = ['solicitation', 'misconduct', 'obstruction', 'attitude', 'other'] as const;
export const CategorySchema = /* @__PURE__ */ (() => z.enum(CATEGORIES))();
export type Category = z.infer<typeof CategorySchema>;

/** The categories that the lexicon describes; `other` is what is left when none of them matches. */
export const LEXICON_CATEGORIES = ['solicitation', 'misconduct', 'obstruction', 'attitude'] as const;
export type LexiconCategory = (typeof LEXICON_CATEGORIES)[number];

export const SEVERITIES = ['critical', 'high', 'normal', 'low'] as const;
export const SeveritySchema = /* @__PURE__ */ (() => z.enum(SEVERITIES))();
export type Severity = z.infer<typeof SeveritySchema>;

const id = /* @__PURE__ */ (() => z.string().check(z.minLength(1), z.maxLength(80)))();
const terms = /* @__PURE__ */ (() => z.array(z.string()).check(z.maxLength(50)))();

/** Either the web form's `amountDemanded` field or a figure read in the description. */
const AmountSourceSchema = /* @__PURE__ */ (() => z.enum(['field', 'text']))();

export const TriageReasonSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('rule', [
    z.object({ rule: z.literal('category.solicitation'), terms }),
    z.object({ rule: z.literal('category.misconduct'), terms }),
    z.object({ rule: z.literal('category.obstruction'), terms }),
    z.object({ rule: z.literal('category.attitude'), terms }),
    z.object({ rule: z.literal('category.other') }),
    // Terms of a lower-precedence category that also matched: context for the investigator.
    z.object({ rule: z.literal('category.also'), category: CategorySchema, terms }),
    // Lexicon terms that were present but negated ("没有收钱"), so did not count.
    z.object({ rule: z.literal('category.negated'), terms }),
    // The learned model's view: its probability for the category decided and its strongest features.
    z.object({
      rule: z.literal('category.model'),
      decidedBy: z.enum(['lexicon', 'model']),
      category: CategorySchema,
      probability: z.number().check(z.minimum(0), z.maximum(1)),
      features: terms,
      model: z.string(),
    }),
    // Lexicon terms of a category the model found implausible here (praise that mentions money, …).
    z.object({
      rule: z.literal('category.overruled'),
      category: CategorySchema,
      terms,
      probability: z.number().check(z.minimum(0), z.maximum(1)),
    }),
    z.object({ rule: z.literal('severity.category'), category: CategorySchema, severity: SeveritySchema }),
    z.object({
      rule: z.literal('severity.amount'),
      amount: z.number().check(z.nonnegative()),
      threshold: z.number(),
      source: AmountSourceSchema,
    }),
    z.object({ rule: z.literal('severity.threat'), terms }),
    z.object({ rule: z.literal('severity.repeated'), terms }),
    z.object({ rule: z.literal('severity.several-people'), terms }),
    z.object({
      rule: z.literal('severity.delay'),
      days: z.number().check(z.nonnegative()),
      threshold: z.number(),
    }),
    z.object({ rule: z.literal('unit.field'), unitId: id, term: z.string() }),
    z.object({ rule: z.literal('unit.alias'), unitId: id, term: z.string() }),
    // Recognised by what the office does ("办低保", "homestead approval"); `place` when a place decided.
    z.object({
      rule: z.literal('unit.service'),
      unitId: id,
      term: z.string(),
      place: z.optional(z.string()),
      candidates: z.optional(z.array(id).check(z.maxLength(20))),
    }),
    // A body or unit mentioned as whoever referred the reporter, or was already told: not the subject.
    z.object({ rule: z.literal('unit.referrer'), unitId: id, term: z.string() }),
    z.object({ rule: z.literal('unit-unknown') }),
    z.object({ rule: z.literal('route.default'), bodyId: id }),
    // Routed all the same, but marked for a person to check: confidence below the threshold.
    z.object({
      rule: z.literal('review.low-confidence'),
      confidence: z.number().check(z.minimum(0), z.maximum(1)),
      threshold: z.number().check(z.minimum(0), z.maximum(1)),
    }),
    z.object({ rule: z.literal('route.jurisdiction'), bodyId: id, jurisdiction: id }),
    z.object({ rule: z.literal('route.critical-escalation'), from: id, to: id }),
    z.object({ rule: z.literal('route.critical-at-top'), bodyId: id }),
    z.object({ rule: z.literal('route.conflict.leadership'), from: id, to: id, unitId: id }),
    z.object({ rule: z.literal('route.conflict.body-itself'), from: id, to: id }),
    // Not a solicitation or misconduct, and the candidate body is one the reporter already turned to.
    z.object({ rule: z.literal('route.conflict.already-told'), from: id, to: id }),
    z.object({
      rule: z.literal('route.conflict.own-person'),
      from: id,
      to: id,
      personId: id,
      source: z.enum(['officialName', 'text']),
    }),
  ]))();
export type TriageReason = z.infer<typeof TriageReasonSchema>;

/** What the web form, the hotline and the CLI hand to triage; the reporter's contact details never are. */
export const TriageInputSchema = /* @__PURE__ */ (() =>
  z.object({
    description: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000)),
    subjectUnit: z.nullish(z.string().check(z.maxLength(200))),
    officialName: z.nullish(z.string().check(z.maxLength(100))),
    // zod 4 numbers are finite: Infinity and NaN are refused.
    amountDemanded: z.nullish(
      z.union([z.number().check(z.nonnegative()), z.string().check(z.maxLength(100))]),
    ),
    language: z.nullish(z.string().check(z.maxLength(20))),
  }))();
export type TriageInput = z.infer<typeof TriageInputSchema>;

export const TriageResultSchema = /* @__PURE__ */ (() =>
  z.object({
    category: CategorySchema,
    severity: SeveritySchema,
    unitId: z.nullable(id),
    bodyId: id,
    /** How sure triage is of this decision, 0–1: the lower of its confidence in the category and in the unit. */
    confidence: z.number().check(z.minimum(0), z.maximum(1)),
    /** Confidence fell below the threshold: routed as decided, and shown to a supervisor to check. */
    needsReview: z.optional(z.boolean()),
    reasons: z.array(TriageReasonSchema),
  }))();
export type TriageResult = z.infer<typeof TriageResultSchema>;
