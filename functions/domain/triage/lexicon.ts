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
      /**
       * Harm that is a threat when a condition stands before it in its sentence ("不给的话…低保停了", "unless … lost"):
       * taking away what the reporter has, or trouble later. Not the service asked for being withheld.
       */
      threatHarm: z._default(TermsSchema, { zh: [], en: [] }),
      /** The conditions ("不然", "否则", "不给的话", "unless", "or else") before a `threatHarm`. */
      threatConditions: z._default(TermsSchema, { zh: [], en: [] }),
      /**
       * A complaint or report made ("举报", "投诉", "reported"): harm told as its consequence is a reprisal carried out
       * (R-threat-1), as harm after a refusal told as done is.
       */
      reprisalCauses: z._default(TermsSchema, { zh: [], en: [] }),
      /**
       * Words that tell what follows as the consequence of what came before ("结果", "就", "then"): harm in the sentence
       * after a refusal or a report counts only after one of them, before the harm (R-threat-1).
       */
      consequences: z._default(TermsSchema, { zh: [], en: [] }),
      /**
       * The reporter's own fear ("担心", "害怕", "I was afraid"): a threat or a harm after one in its sentence is what
       * the reporter feared, not what the official said, and is no threat (R-threat-1).
       */
      fears: z._default(TermsSchema, { zh: [], en: [] }),
      /**
       * The service withheld, delayed or sent back ("慢慢等", "不盖章", "下个月再来", "could take months"): after a
       * condition or a refusal, the solicitation itself, not harm (R-threat-1). Read only by the review flag
       * `severity-condition`, which passes over a condition these follow.
       */
      withheld: z._default(TermsSchema, { zh: [], en: [] }),
      /** Words that say by themselves that the demand came again ("又找我要", "上次给了", "asked again"). */
      repeated: TermsSchema,
      /**
       * Words of recurrence ("每次", "每个月", "every time") that say the demand came again only when a demand or a
       * payment stands in the same clause: "每次都要塞钱" is repeated, "每次都说缺材料" is a runaround.
       */
      recurrence: z._default(TermsSchema, { zh: [], en: [] }),
      /** Words that say by themselves that others were asked too ("不止我", "其他村民也被要过", "other families"). */
      severalPeople: TermsSchema,
      /** Words of many ("每户", "好几家", "everyone") that count only with a demand or payment in the same clause. */
      severalWhen: z._default(TermsSchema, { zh: [], en: [] }),
      /**
       * Durations in a clause with one of these words are the reporter's own time (working away, in hospital, their
       * own delay), never a wait on the office: "我在外地打工两个多月".
       */
      ownTime: z._default(TermsSchema, { zh: [], en: [] }),
    }),
    negation: z.object({
      negators: TermsSchema,
      /** Phrases that contain a negator but do not negate what follows ("不是第一次", "no choice"). */
      exceptions: z._default(z.array(term), []),
      /** Words and punctuation that end a negator's reach ("，", "但是", " but "). */
      scopeBreakers: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(20))), []),
      /**
       * The official turning the gift or the money down ("他坚决不收", "拒收", "she refused"): a term of solicitation
       * with one of these after it in its sentence does not count, as if negated.
       */
      refusals: z._default(TermsSchema, { zh: [], en: [] }),
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
      /** Words after which a number is money with no role of its own ("金额", "amount of"). */
      sumCues: z._default(TermsSchema, { zh: [], en: [] }),
      /** Spending ("花了", "spent"): the value of goods next to one, else money spent on something else. */
      spentCues: z._default(TermsSchema, { zh: [], en: [] }),
      /**
       * Money that is not the demand, named just before or after a sum: grants, compensation, fines, prices, bills,
       * income ("补助一共八千", "罚款五千", "营业额几万").
       */
      otherMoney: z._default(TermsSchema, { zh: [], en: [] }),
      /** Names of a payment to the official that may follow its sum ("两百块辛苦费", "300 'tea money'"). */
      paymentWords: z._default(TermsSchema, { zh: [], en: [] }),
    }),
    /**
     * Goods demanded or given instead of money, by kind. Recorded as goods; they count towards the amount only at a
     * value the complaint states ("一张五百元的购物卡", "一顿下来四千多"). `envelope`: a red envelope with no sum.
     */
    goods: z.optional(
      z.object({
        cigarettes: z._default(TermsSchema, { zh: [], en: [] }),
        liquor: z._default(TermsSchema, { zh: [], en: [] }),
        card: z._default(TermsSchema, { zh: [], en: [] }),
        meal: z._default(TermsSchema, { zh: [], en: [] }),
        gift: z._default(TermsSchema, { zh: [], en: [] }),
        envelope: z._default(TermsSchema, { zh: [], en: [] }),
      }),
    ),
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
        /** Money that goes to the official himself (R-cat-3, step 1): his pocket, his own WeChat, 给他个人. */
        toOfficial: z._default(TermsSchema, { zh: [], en: [] }),
        /** The demander is said not to be an official (R-cat-2): 他不是中心的人, no official was involved. */
        notOfficial: z._default(TermsSchema, { zh: [], en: [] }),
        /** The money is named as a fee for the service or its papers (R-cat-3, step 3): 工本费, "form fee". */
        serviceFee: z._default(TermsSchema, { zh: [], en: [] }),
      }),
    ),
  }))();
export type Lexicon = z.infer<typeof LexiconSchema>;
export type LexiconInput = z.input<typeof LexiconSchema>;
