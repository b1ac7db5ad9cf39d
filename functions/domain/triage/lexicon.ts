// The classifier lexicon: the words that signal each category and each severity cue, and the negators that
// cancel them. Administrators edit it as data (config/lexicon.json) and try it with `npm run triage`.
import * as z from 'zod';

const term = z.string().trim().min(1).max(60);

/** Terms are kept by language only for the editors' sake; matching uses them all on normalised text. */
const TermsSchema = z.object({ zh: z.array(term).default([]), en: z.array(term).default([]) });
export type Terms = z.infer<typeof TermsSchema>;

export const LexiconSchema = z.object({
  version: z.string().min(1),
  categories: z.object({
    solicitation: TermsSchema,
    misconduct: TermsSchema,
    obstruction: TermsSchema,
    attitude: TermsSchema,
  }),
  severity: z.object({
    /** A solicitation of at least this many yuan is critical. */
    criticalAmount: z.number().positive(),
    /** An obstruction that has lasted at least this many days is high. */
    highDelayDays: z.number().positive(),
    threat: TermsSchema,
    repeated: TermsSchema,
    severalPeople: TermsSchema,
  }),
  negation: z.object({
    negators: TermsSchema,
    /** Phrases that contain a negator but do not negate what follows ("不是第一次", "no choice"). */
    exceptions: z.array(term).default([]),
    /** Words and punctuation that end a negator's reach ("，", "但是", " but "). */
    scopeBreakers: z.array(z.string().min(1).max(20)).default([]),
    /** How many characters may stand between a negator and the term it negates. */
    window: z.object({ han: z.number().int().min(0).max(20), latin: z.number().int().min(0).max(60) }),
  }),
  amount: z.object({
    /** Verbs after which a bare number is money ("给了2000", "paid him 500"). */
    cues: TermsSchema,
    /** Verbs of demanding: a sum of money right after one is a solicitation even without other terms. */
    demandCues: TermsSchema,
  }),
  /**
   * Readings for complaints in which no category term matched, since people describe the same wrong in
   * words no list foresees. Optional, so a lexicon without them keeps its old behaviour.
   */
  fallback: z
    .object({
      /** A stated wait of at least this many days reads as obstruction ("材料交上去快三个月了"). */
      delayDays: z.number().positive(),
      /** A sum of money together with one of these conditions reads as solicitation ("转八百块才帮我递"). */
      conditionCues: TermsSchema,
    })
    .optional(),
  /**
   * Words of context the learned model weighs but that never decide a category by themselves: praise and
   * thanks, questions, and matters outside public service (a shop, a neighbour, a courier).
   */
  context: z
    .object({
      praise: TermsSchema.default({ zh: [], en: [] }),
      question: TermsSchema.default({ zh: [], en: [] }),
      outside: TermsSchema.default({ zh: [], en: [] }),
    })
    .optional(),
});
export type Lexicon = z.infer<typeof LexiconSchema>;
export type LexiconInput = z.input<typeof LexiconSchema>;
