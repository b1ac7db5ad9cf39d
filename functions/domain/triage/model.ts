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

/** The web form's `amountDemanded` field, a figure read in the description, or a share of one ("一成"). */
const AmountSourceSchema = /* @__PURE__ */ (() => z.enum(['field', 'text', 'share']))();

export const TriageReasonSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('rule', [
    z.object({ rule: z.literal('category.solicitation'), terms }),
    z.object({ rule: z.literal('category.misconduct'), terms }),
    z.object({ rule: z.literal('category.obstruction'), terms }),
    z.object({ rule: z.literal('category.attitude'), terms }),
    z.object({ rule: z.literal('category.other') }),
    // Terms of a lower-precedence category that also matched: context for the investigator.
    z.object({ rule: z.literal('category.also'), category: CategorySchema, terms }),
    // R-cat-3, step 1: the money went to the official himself, so a solicitation instead of the category named.
    z.object({ rule: z.literal('category.to-official'), terms, instead: CategorySchema }),
    // R-cat-3, step 3: a fee for the service or its papers, with nothing else of a solicitation: misconduct.
    z.object({ rule: z.literal('category.service-fee'), instead: CategorySchema }),
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
      /** The words the amount was read from. */
      term: z.optional(z.string()),
      /** Said as "nearly" the amount (快两千): just under it. */
      nearly: z.optional(z.boolean()),
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
    // Routed all the same, but marked for a person to check: a decision of a kind that is often wrong.
    z.object({ rule: z.literal('review.flag'), flag: z.string(), detail: z.optional(z.string()) }),
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
    /** When the complaint was received (ISO 8601): relative dates in the text ("上个月", "前天") are read against it. */
    receivedAt: z.nullish(z.iso.datetime({ offset: true })),
    /** The form's incident date (YYYY-MM-DD), when the reporter gave one. */
    incidentDate: z.nullish(z.iso.date()),
  }))();
export type TriageInput = z.infer<typeof TriageInputSchema>;

export const GOODS = ['cigarettes', 'liquor', 'card', 'meal', 'gift', 'envelope'] as const;

/** The amount demanded or paid as triage read it (docs/triage.md, "The amount demanded"). */
export const DemandSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Yuan; null when nothing says how much (goods or a red envelope without a value). */
    amount: z.nullable(z.number().check(z.nonnegative())),
    nearly: z.optional(z.boolean()),
    source: AmountSourceSchema,
    goods: z.array(z.enum(GOODS)),
    term: z.string().check(z.maxLength(200)),
  }))();

/** A period of days (both ends included, the office's calendar), and where it was read. */
export const IncidentDateSchema = /* @__PURE__ */ (() =>
  z.object({
    from: z.iso.date(),
    to: z.iso.date(),
    source: z.enum(['field', 'text']),
  }))();

export const TriageResultSchema = /* @__PURE__ */ (() =>
  z.object({
    category: CategorySchema,
    severity: SeveritySchema,
    unitId: z.nullable(id),
    bodyId: id,
    /** How sure triage is of this decision, 0–1: the lower of its confidence in the category and in the unit. */
    confidence: z.number().check(z.minimum(0), z.maximum(1)),
    /** A review flag was raised: routed as decided, and shown to a supervisor to check. */
    needsReview: z.optional(z.boolean()),
    reasons: z.array(TriageReasonSchema),
    /** For a solicitation or misconduct: the sum or goods demanded or paid, as read. */
    demand: z.optional(DemandSchema),
    /** When it happened: the form's date, else the latest date the text states up to its receipt. */
    incidentDate: z.optional(IncidentDateSchema),
    /** How long the matter has waited on the office, in days, when the text says (see "Delay"). */
    delayDays: z.optional(z.number().check(z.nonnegative())),
  }))();
export type TriageResult = z.infer<typeof TriageResultSchema>;
