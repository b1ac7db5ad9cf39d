// The classifier lexicon: the words that signal each category and each severity cue, and the negators that
// cancel them. Administrators edit it as data (config/lexicon.json) and try it with `npm run triage`.
import * as z from 'zod/mini';
import '../zod-locale.ts';

const term = /* @__PURE__ */ (() => z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))();

/** Terms are kept by language only for the editors' sake; matching uses them all on normalised text. */
const TermsSchema = /* @__PURE__ */ (() =>
  z.object({ zh: z._default(z.array(term), []), en: z._default(z.array(term), []) }))();
export type Terms = z.infer<typeof TermsSchema>;

export const LexiconSchema = /* @__PURE__ */ (() =>
  z.object({
    version: z.string().check(z.minLength(1)),
    categories: z.object({
      solicitation: TermsSchema,
      misconduct: TermsSchema,
      obstruction: TermsSchema,
      attitude: TermsSchema,
    }),
    severity: z.object({
      /** A solicitation of at least this many yuan is critical. */
      criticalAmount: z.number().check(z.positive()),
      /** An obstruction that has lasted at least this many days is high. */
      highDelayDays: z.number().check(z.positive()),
      threat: TermsSchema,
      repeated: TermsSchema,
      severalPeople: TermsSchema,
    }),
    negation: z.object({
      negators: TermsSchema,
      /** Phrases that contain a negator but do not negate what follows ("不是第一次", "no choice"). */
      exceptions: z._default(z.array(term), []),
      /** Words and punctuation that end a negator's reach ("，", "但是", " but "). */
      scopeBreakers: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(20))), []),
      /** How many characters may stand between a negator and the term it negates. */
      window: z.object({
        han: z.int().check(z.minimum(0), z.maximum(20)),
        latin: z.int().check(z.minimum(0), z.maximum(60)),
      }),
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
    fallback: z.optional(
      z.object({
        /** A stated wait of at least this many days reads as obstruction ("材料交上去快三个月了"). */
        delayDays: z.number().check(z.positive()),
        /** A sum of money together with one of these conditions reads as solicitation ("转八百块才帮我递"). */
        conditionCues: TermsSchema,
      }),
    ),
    /**
     * Words of context the learned model weighs but that never decide a category by themselves: praise and
     * thanks, questions, and matters outside public service (a shop, a neighbour, a courier).
     */
    context: z.optional(
      z.object({
        praise: z._default(TermsSchema, { zh: [], en: [] }),
        question: z._default(TermsSchema, { zh: [], en: [] }),
        outside: z._default(TermsSchema, { zh: [], en: [] }),
      }),
    ),
  }))();
export type Lexicon = z.infer<typeof LexiconSchema>;
export type LexiconInput = z.input<typeof LexiconSchema>;
