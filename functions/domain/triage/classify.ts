// Decides what kind of wrongdoing a complaint describes and how severe it is, from the lexicon alone,
// recording the matched terms and figures behind each decision.
import { findAmounts, findBareSums, findDemands } from './amount.ts';
import { clauseAround, sentenceAround } from './clauses.ts';
import type { Day } from './dates.ts';
import {
  type Demand,
  type DemandTables,
  type FieldAmount,
  GOODS_KINDS,
  readDemand,
  readSums,
} from './demand.ts';
import { type Delay, extractDelays } from './duration.ts';
import { textFeatures } from './features.ts';
import type { Lexicon } from './lexicon.ts';
import {
  CATEGORIES,
  type Category,
  LEXICON_CATEGORIES,
  type LexiconCategory,
  type Severity,
  type TriageReason,
} from './model.ts';
import type { Quantity } from './numbers.ts';
import { type CompiledModel, featureVector, predict } from './scoring.ts';
import {
  type CompiledNegation,
  type CompiledTerm,
  compileTerms,
  contains,
  isNegated,
  matchTerms,
  occurrences,
} from './terms.ts';

export interface ClassifierTables {
  /** In order of precedence. */
  readonly categories: readonly {
    readonly category: LexiconCategory;
    readonly terms: readonly CompiledTerm[];
  }[];
  readonly threat: readonly CompiledTerm[];
  readonly threatHarm: readonly CompiledTerm[];
  readonly threatConditions: readonly CompiledTerm[];
  readonly reprisalCauses: readonly CompiledTerm[];
  readonly consequences: readonly CompiledTerm[];
  readonly fears: readonly CompiledTerm[];
  /** The service withheld: `severity.withheld` and the obstruction terms, for the `severity-condition` flag. */
  readonly withheld: readonly CompiledTerm[];
  readonly repeated: readonly CompiledTerm[];
  readonly recurrence: readonly CompiledTerm[];
  readonly severalPeople: readonly CompiledTerm[];
  readonly severalWhen: readonly CompiledTerm[];
  readonly ownTime: readonly CompiledTerm[];
  /** Words after which a number is money (paid, demanded, spent, or just "the amount of"). */
  readonly amountCues: readonly CompiledTerm[];
  readonly demandCues: readonly CompiledTerm[];
  /** Words that show a demand or a payment in a clause: what `recurrence` and `severalWhen` need beside them. */
  readonly demandWords: readonly CompiledTerm[];
  readonly demand: DemandTables;
  readonly negation: CompiledNegation;
  readonly refusals: readonly CompiledTerm[];
  readonly criticalAmount: number;
  readonly highDelayDays: number;
  readonly fallback?: { readonly delayDays: number; readonly conditionCues: readonly CompiledTerm[] };
  readonly context: readonly { readonly kind: ContextKind; readonly terms: readonly CompiledTerm[] }[];
}

const CONTEXT_KINDS = ['praise', 'question', 'outside', 'toOfficial', 'notOfficial', 'serviceFee'] as const;
type ContextKind = (typeof CONTEXT_KINDS)[number];

export type DecidedBy = 'lexicon' | 'model';

export interface Classification {
  readonly category: Category;
  readonly severity: Severity;
  /** How sure triage is of the category, 0–1: the model's probability for it, or a rule's fixed trust. */
  readonly confidence: number;
  /** The category's probability less the next category's (1 without a model): a narrow margin is worth a look. */
  readonly margin: number;
  /**
   * Whether the model chose the category, or the lexicon or a rule of R-cat-3 did (the model's probability for it
   * is then its agreement, and a low one a disagreement worth a look).
   */
  readonly decidedBy: DecidedBy;
  readonly reasons: TriageReason[];
  /** What was read, for the review flags. */
  readonly signals: Signals;
  /**
   * Of a solicitation left `high`, the words of recurrence, of many people or of a report ("每次", "好几家", "举报")
   * that stand in its text all the same: a reading worth a second look (review.ts). Not read for any other decision.
   */
  readonly aggravationWords: readonly string[];
  /**
   * Of a solicitation left `high`, the words of a threat's condition or of a refusal told as done ("不然", "不给的话",
   * "我没给", "unless") followed by something other than the service withheld (`conditionsFollowed`): a consequence
   * after them may be harm told in words no list holds (review.ts). Not read for any other decision.
   */
  readonly conditionWords: readonly string[];
  /** The amount or goods demanded or paid, for a solicitation or misconduct. */
  readonly demand?: Demand;
}

/** How the lexicon and the model combine; see docs/triage.md, "How the lexicon and the model combine". */
export interface CombinationRule {
  /** A lexicon category stands when the model gives it at least this probability. */
  readonly lexiconFloor: number;
  /** How many of the model's strongest features a reason shows. */
  readonly explainFeatures: number;
}

export const DEFAULT_COMBINATION: CombinationRule = { lexiconFloor: 0.5, explainFeatures: 5 };

const both = (terms: { zh: string[]; en: string[] }) => [...terms.zh, ...terms.en];

export function compileClassifier(lexicon: Lexicon): ClassifierTables {
  const { severity, negation, amount } = lexicon;
  const compiledNegation: CompiledNegation = {
    negators: compileTerms(both(negation.negators), true),
    exceptions: compileTerms(negation.exceptions),
    scopeBreakers: compileTerms(negation.scopeBreakers, true),
    window: negation.window,
  };
  const goods = GOODS_KINDS.map((kind) => ({
    kind,
    terms: compileTerms(lexicon.goods === undefined ? [] : both(lexicon.goods[kind])),
  }));
  const solicitationTerms = lexicon.categories.solicitation;
  const demand: DemandTables = {
    // A verb of demanding also marks the number after it as money ("开口就是三千").
    paidCues: compileTerms([...both(amount.cues), ...both(amount.demandCues)]),
    spentCues: compileTerms(both(amount.spentCues)),
    otherMoney: compileTerms(both(amount.otherMoney)),
    paymentWords: compileTerms(both(amount.paymentWords)),
    goods,
    negation: compiledNegation,
  };
  return {
    categories: LEXICON_CATEGORIES.map((category) => ({
      category,
      terms: compileTerms(both(lexicon.categories[category])),
    })),
    threat: compileTerms(both(severity.threat)),
    threatHarm: compileTerms(both(severity.threatHarm)),
    threatConditions: compileTerms(both(severity.threatConditions)),
    reprisalCauses: compileTerms(both(severity.reprisalCauses)),
    consequences: compileTerms(both(severity.consequences)),
    fears: compileTerms(both(severity.fears)),
    withheld: compileTerms([...both(lexicon.categories.obstruction), ...both(severity.withheld)]),
    repeated: compileTerms(both(severity.repeated)),
    recurrence: compileTerms(both(severity.recurrence)),
    severalPeople: compileTerms(both(severity.severalPeople)),
    severalWhen: compileTerms(both(severity.severalWhen)),
    ownTime: compileTerms(both(severity.ownTime)),
    amountCues: compileTerms([
      ...both(amount.cues),
      ...both(amount.demandCues),
      ...both(amount.sumCues),
      ...both(amount.spentCues),
    ]),
    demandCues: compileTerms(both(amount.demandCues)),
    demandWords: compileTerms([
      ...both(solicitationTerms),
      ...both(amount.demandCues),
      ...both(amount.paymentWords),
      ...goods.flatMap(({ terms }) => terms.map((term) => term.label)),
    ]),
    demand,
    negation: compiledNegation,
    refusals: compileTerms(both(negation.refusals)),
    criticalAmount: severity.criticalAmount,
    highDelayDays: severity.highDelayDays,
    context: CONTEXT_KINDS.map((kind) => ({
      kind,
      terms: lexicon.context === undefined ? [] : compileTerms(both(lexicon.context[kind])),
    })),
    ...(lexicon.fallback === undefined
      ? {}
      : {
          fallback: {
            delayDays: lexicon.fallback.delayDays,
            conditionCues: compileTerms(both(lexicon.fallback.conditionCues)),
          },
        }),
  };
}

/**
 * When no term matched: money paid or asked for on a condition reads as solicitation, a long wait as
 * obstruction. The reason names the evidence, so an investigator sees this was a reading, not a term.
 */
function fallbackReading(
  text: string,
  amounts: readonly Quantity[],
  delayDays: number,
  tables: ClassifierTables,
): { category: LexiconCategory; terms: string[] } | null {
  if (tables.fallback === undefined) return null;
  const conditions = matchTerms(text, tables.fallback.conditionCues, tables.negation).matched;
  const money = amounts[0];
  if (money !== undefined && conditions.length > 0) {
    return { category: 'solicitation', terms: [text.slice(money.start, money.end), ...conditions] };
  }
  if (delayDays >= tables.fallback.delayDays)
    return { category: 'obstruction', terms: [`${delayDays} days`] };
  return null;
}

const BASE_SEVERITY: Readonly<Record<Category, Severity>> = {
  solicitation: 'high',
  misconduct: 'high',
  obstruction: 'normal',
  attitude: 'low',
  other: 'low',
};

/** What the complaint says about the solicitation's weight, besides its amount. */
function solicitationAggravations(
  signals: Signals,
  demand: Demand | null,
  tables: ClassifierTables,
): TriageReason[] {
  const reasons: TriageReason[] = [];
  if (demand !== null && demand.amount !== null && demand.amount >= tables.criticalAmount) {
    reasons.push({
      rule: 'severity.amount',
      amount: demand.amount,
      threshold: tables.criticalAmount,
      source: demand.source,
      term: demand.term,
      ...(demand.nearly ? { nearly: true } : {}),
    });
  }
  const cues = [
    ['severity.threat', signals.threat],
    ['severity.repeated', signals.repeated],
    ['severity.several-people', signals.severalPeople],
  ] as const;
  for (const [rule, terms] of cues) if (terms.length > 0) reasons.push({ rule, terms: [...terms] });
  return reasons;
}

/** What the lexicon and the extractors read in a complaint, before any decision. */
export interface Signals {
  /** Categories with un-negated terms (demands included), in order of precedence. */
  readonly matches: readonly { readonly category: LexiconCategory; readonly terms: string[] }[];
  readonly negated: readonly string[];
  /** Sums of money (a currency, or a verb of paying or demanding before them). */
  readonly amounts: readonly Quantity[];
  /** Figures with neither currency nor counter: sums only once the complaint reads as a solicitation. */
  readonly bareSums: readonly Quantity[];
  /** The amount demanded as read from the field and the sums of money (not the bare figures). */
  readonly demand: Demand | null;
  /** The fallback reading (money on a condition, a long wait), whether or not a term matched. */
  readonly reading: { category: LexiconCategory; terms: string[] } | null;
  /** The longest stated delay, in days (a date long ago counts only when the wait goes on). */
  readonly delayDays: number;
  readonly threat: readonly string[];
  readonly repeated: readonly string[];
  readonly severalPeople: readonly string[];
  /** Kinds of context found (praise, question, outside, …), for the model. */
  readonly context: readonly ContextKind[];
  /** Words saying the money went to the official himself (R-cat-3, step 1), which decide a solicitation. */
  readonly toOfficial: readonly string[];
}

/** What the rest of triage knows beyond the text: the form's amount and the day of receipt. */
export interface ComplaintFacts {
  readonly field?: FieldAmount | null;
  readonly receivedOn?: Day | null;
  /** Pauses of a transcript (normaliseWithPauses): they end clauses as commas do. */
  readonly pauses?: readonly number[];
}

/**
 * Terms of solicitation the official turned down: every un-negated occurrence has a refusal after it in its sentence
 * ("硬塞给他一张购物卡，他坚决拒收", "I offered her a red envelope but she refused").
 */
function refusedTerms(text: string, terms: readonly CompiledTerm[], tables: ClassifierTables): Set<string> {
  const refused = new Set<string>();
  if (!tables.refusals.some((refusal) => occurrences(text, refusal).length > 0)) return refused;
  for (const term of terms) {
    const starts = occurrences(text, term).filter((at) => !isNegated(text, at, term.han, tables.negation));
    const allRefused =
      starts.length > 0 &&
      starts.every((at) => {
        const sentence = sentenceAround(text, at);
        const rest = text.slice(at + term.text.length, sentence.end);
        return tables.refusals.some((refusal) => occurrences(rest, refusal).length > 0);
      });
    if (allRefused) refused.add(term.label);
  }
  return refused;
}

const QUOTE = /["'“”‘’「」『』]/u;
const QUOTES = new RegExp(QUOTE.source, 'gu');
/**
 * How far from a marker, within its sentence, the demand or payment it needs may stand: 30 characters of Chinese,
 * and for an English marker as many characters as hold about as many words (docs/triage.md, R-repeat-1).
 */
const DEMAND_REACH = 30;
const DEMAND_REACH_LATIN = 100;
const reachOf = (marker: string) => (/[a-z]/u.test(marker) ? DEMAND_REACH_LATIN : DEMAND_REACH);

/** Where the text shows a demand or a payment (quotes left out: "表示”一下" is "表示一下"), found once per text. */
type DemandSpans = readonly { readonly start: number; readonly end: number }[];

function demandSpans(text: string, amounts: readonly Quantity[], tables: ClassifierTables): DemandSpans {
  const origin: number[] = [];
  let words = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (QUOTE.test(char)) continue;
    origin.push(i);
    words += char;
  }
  const spans: { start: number; end: number }[] = amounts.map(({ start, end }) => ({ start, end }));
  for (const term of tables.demandWords) {
    for (const at of occurrences(words, term)) {
      const last = origin[at + term.text.length - 1] ?? text.length - 1;
      spans.push({ start: origin[at] ?? 0, end: last + 1 });
    }
  }
  return spans;
}

/** A demand or a payment within reach of a marker at [at, end), in its sentence (the marker itself left out). */
function demandNear(text: string, at: number, end: number, spans: DemandSpans): boolean {
  const sentence = sentenceAround(text, at);
  const reach = reachOf(text.slice(at, end));
  const before = { start: Math.max(sentence.start, at - reach), end: at };
  const after = { start: end, end: Math.min(sentence.end, end + reach) };
  return spans.some(
    (span) =>
      (span.start >= before.start && span.end <= before.end) ||
      (span.start >= after.start && span.end <= after.end),
  );
}

/**
 * Markers that count only beside a demand or a payment in their sentence: "每次都要塞钱" repeats a demand,
 * "每次都说缺材料" a runaround; "每户收了两百" has several victims, "每户都有" does not.
 */
function withDemand(
  text: string,
  markers: readonly CompiledTerm[],
  tables: ClassifierTables,
  spans: () => DemandSpans,
  recurrence = false,
): string[] {
  const found: string[] = [];
  for (const marker of markers) {
    const counts = occurrences(text, marker).some(
      (at) =>
        !isNegated(text, at, marker.han, tables.negation) &&
        // A count of visits ("去了两次都说等", "拖了我好几回") is the runaround, not the demand again, and a
        // recurrence of the harm threatened ("以后你公司每年都会被抽查") is not the demand's (R-repeat-1).
        !(
          recurrence &&
          COUNT_WORD.test(marker.text) &&
          VISITS_BEFORE.test(text.slice(Math.max(0, at - 12), at))
        ) &&
        !(recurrence && harmAfter(text, at, tables)) &&
        // Other people in the official's own words ("跟我说“前面那几家都给了”") are his claim (R-several-1).
        (recurrence || !claimedAt(text, at)) &&
        demandNear(text, at, at + marker.text.length, spans()),
    );
    if (counts) found.push(marker.label);
  }
  return found;
}

/** How many times ("两次", "三回", "three times"): a repetition when a demand or payment stands near. */
const TIMES =
  /(?<![第这前头])(?:[两三四五六七八九十]|[2-9]|\d{2,})(?:多)?(?:次|回)(?!数)|\b(?:twice|(?:two|three|four|five|six|several|many) times)\b/gu;
/** How many households, shops or people ("七八家店", "七八间店", "四户", "好几个老人", "five of us"). */
const PEOPLE =
  /(?:好几|[两三四五六七八九十几]+|[2-9]|\d{2,})(?:多)?(?:户|家|位|名|间(?=店|铺|门面|商铺)|个(?=老人|村民|群众|商户|企业|家庭))(?:店|铺|门面|商铺|企业|老人|村民|群众|人家|家庭|商户|个体户|小微企业)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+) (?:families|households|shops|businesses|villagers|people|of us|elderly|old people)\b/gu;
/** Right after a count of people: they paid too ("七八家店都交了"), whatever else the sentence says. */
const ALL_PAID = /^[^，。,.]{0,4}(?:都|也|各)(?:交|给|送|塞|被|付|转)/u;

/** Whether a harm word follows `at` in its clause: the word at `at` tells of the harm, not of the demand. */
function harmAfter(text: string, at: number, tables: ClassifierTables): boolean {
  const { end } = clauseAround(text, at);
  return contains(text, tables.threatHarm, at, end);
}

/** A recurrence word that counts ("两次都", "好几回", "several times"): a count of visits when a visit stands before. */
const COUNT_WORD = /[次回]|times/u;

/**
 * Right before a count of times, a verb of going, coming back or redoing the papers: the count is of visits or of
 * the runaround ("跑了三回", "补了两次", "材料交了三回", "went back twice"), not of the demand beside it (R-repeat-1).
 */
const VISITS_BEFORE =
  /(?:(?:跑|去|来|回|补|退|改|问|催|递|打电话|量|测|审|退件|退回|驳回)(?:了|过)?(?:我)?|(?:材料|资料|申请|表格?)[^，。,.]{0,6}交(?:了|过)?)(?:有|都)?$|\b(?:went|gone|go|came|come|visited|been|returned|called|phoned|rejected|sent back|back)(?: there| back| it)?\s$/u;

function counted(
  text: string,
  pattern: RegExp,
  spans: () => DemandSpans,
  paidAfter = false,
  notAfter?: RegExp,
): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (notAfter?.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
    // Others counted as paying in the official's own words ("前面那几家都给了") are his claim (R-several-1).
    if (paidAfter && claimedAt(text, match.index)) continue;
    if (
      (paidAfter && ALL_PAID.test(text.slice(end, end + 8))) ||
      demandNear(text, match.index, end, spans())
    ) {
      found.push(match[0]);
    }
  }
  return found;
}

/** A word of the reporter's own fear before `at` in its sentence ("我担心不给的话补助会被卡"): not a threat said. */
function feared(text: string, at: number, tables: ClassifierTables): boolean {
  const { start } = sentenceAround(text, at);
  return contains(text, tables.fears, start, at);
}

/** After a threat's word, a complaint: the official daring the reporter to complain ("别想着去告"), R-threat-2. */
const DARE_AFTER = /^(?:着|了)?(?:去)?(?:告|举报|投诉|反映)/u;

/** Threats said outright ("报复", "走着瞧"), except what the reporter only feared ("我怕他报复"). */
function saidThreats(text: string, tables: ClassifierTables): string[] {
  const said = tables.threat.filter((threat) =>
    occurrences(text, threat).some(
      (at) =>
        !isNegated(text, at, threat.han, tables.negation) &&
        !feared(text, at, tables) &&
        // "别想着去告" dares the reporter to complain: no harm named (R-threat-2). "打击报复举报人" is a threat.
        !(
          threat.text.endsWith('想') &&
          DARE_AFTER.test(text.slice(at + threat.text.length, at + threat.text.length + 6))
        ),
    ),
  );
  // "穿小鞋" adds nothing beside "给你穿小鞋".
  return said
    .filter((threat) => !said.some((other) => other !== threat && other.text.includes(threat.text)))
    .map((threat) => threat.label);
}

/**
 * "他说别人都给了", "开口就要红包，还说“别个都给了的”": the official saying others paid is "everyone does it", a hint, not
 * other victims (R-several-1). A saying that goes on from his own deeds after a comma has him as its speaker.
 */
const OFFICIAL_SAYS =
  /(?<!听)(?:他|她|科员|科长|站长|所长|主任|工作人员|经办人|办事员|窗口的人|那个人|那人|男的|女的)(?:还|就|又)?(?:跟我|对我|和我|同我)?(?:说|讲|称)[\s:：,，"'“”‘’「『]*$|(?:并|还|且|又)称[\s:：,，"'“”‘’「『]*$|[,，]\s?(?:还|又|就)?(?:跟我|对我|和我|同我|冲我)(?:说|讲)[\s:："'“”‘’「『]*$|[,，]\s?(?:还|又|就)(?:说|讲)[\s:："'“”‘’「『]*$|\b(?:he|she) (?:said|says|told me)(?: that)?[\s:,"'“”‘’]*$/u;

/** Whether every saying of a several-people cue is the official's claim ("他说别人都给了"), not the reporter's. */
function claimedByOfficial(text: string, term: CompiledTerm): boolean {
  const found = occurrences(text, term);
  return found.length > 0 && found.every((at) => claimedAt(text, at));
}

/**
 * Whether the words at `at` are the official's saying: the speaker stands just before them (the 别 of 别人 may stand
 * between), or before the quotation that holds them ("还讲‘你们村的人都给了’", "跟我说“前面那几家都给了五百的”").
 */
function claimedAt(text: string, at: number): boolean {
  if (OFFICIAL_SAYS.test(text.slice(Math.max(0, at - 8), at).replace(/别$|其他$|other people$/u, ''))) {
    return true;
  }
  const quote = openQuoteBefore(text, at);
  return quote >= 0 && OFFICIAL_SAYS.test(text.slice(Math.max(0, quote - 8), quote + 1));
}

/** Within 30 characters of its sentence before `at`, a quotation mark still open at `at`, or -1. */
function openQuoteBefore(text: string, at: number): number {
  const { start } = sentenceAround(text, at);
  for (let i = at - 1; i >= Math.max(start, at - 30); i -= 1) {
    const char = text.charAt(i);
    if (/[”」』]/u.test(char)) return -1;
    if (/[“「『"']/u.test(char)) return i;
  }
  return -1;
}

/** What stands in for a refusal's words when the negation of a harm after it is read: no negator, no scope breaker. */
const REFUSAL_MASK = '□';

/** The last occurrence of any of `terms` between `from` and `to`, or -1. */
function lastOf(text: string, terms: readonly CompiledTerm[], from: number, to: number): number {
  let last = -1;
  for (const term of terms) {
    for (const at of occurrences(text, term, from, to)) last = Math.max(last, at);
  }
  return last;
}

/**
 * The conditions (`threatConditions`, a refusal told as done among them) followed by something other than the
 * service withheld: the rest of the condition's sentence, or the next sentence when nothing follows it in its own,
 * holds words and no term of obstruction or of `withheld` (`不然就慢慢等`, `我没给，证到现在也没办` are the solicitation
 * itself, R-threat-1), and no word of the reporter's fear stands before it (`我怕不给的话…`).
 * What follows may be harm told in words no list holds; review.ts flags it for a solicitation left `high`.
 */
function conditionsFollowed(text: string, tables: ClassifierTables): string[] {
  const found = new Set<string>();
  for (const term of tables.threatConditions) {
    for (const at of occurrences(text, term)) {
      // The reporter's own fear of what a refusal would bring ("我怕不给的话…") is no threat said (R-threat-1).
      if (feared(text, at, tables)) continue;
      const sentence = sentenceAround(text, at);
      let from = at + term.text.length;
      let to = sentence.end;
      if (!/[\p{L}\p{N}]/u.test(text.slice(from, to)) && to < text.length) {
        from = to + 1;
        to = sentenceAround(text, from).end;
      }
      const after = text.slice(from, to);
      if (!/[\p{L}\p{N}]/u.test(after)) continue;
      if (contains(text, tables.withheld, from, to)) continue;
      found.add(term.label);
    }
  }
  return [...found];
}

/** The sentence before the one that starts at `start`, passing over empty ones (a blank line), or none. */
function sentenceBefore(text: string, start: number): { start: number; end: number } | null {
  let end = start - 1;
  while (end > 0) {
    const before = sentenceAround(text, end);
    if (text.slice(before.start, before.end).trim() !== '') return before;
    end = before.start - 1;
  }
  return null;
}

/**
 * Harm on a condition: a `threatHarm` with a `threatConditions` word in the same sentence ("不给的话…就把低保停了",
 * "might get lost … unless"), unless the reporter only feared it. Harm done is read across a sentence end too, as
 * R-threat-1 tells it: a refusal told as done or a report made (`reprisalCauses`) in the sentence before, and a word
 * of consequence between it and the harm ("我们没送。结果没过一个礼拜，班长就被撤了"); a report counts only so,
 * never by sharing a sentence with a harm word ("我要举报他乱罚款" names no reprisal).
 */
function conditionalHarm(text: string, tables: ClassifierTables): string[] {
  const causes = [...tables.threatConditions, ...tables.reprisalCauses];
  // The negator of a refusal ("没给", "不给") says nothing of the harm after it: "我们家没给 她就不准我娃娃参加…".
  // Built only once a harm word is found: most complaints have none.
  let unrefused: string | undefined;
  const withoutRefusals = () => {
    if (unrefused !== undefined) return unrefused;
    let masked = text;
    for (const condition of tables.threatConditions) {
      for (const at of occurrences(text, condition)) {
        masked = `${masked.slice(0, at)}${REFUSAL_MASK.repeat(condition.text.length)}${masked.slice(at + condition.text.length)}`;
      }
    }
    unrefused = masked;
    return masked;
  };
  const found: string[] = [];
  for (const harm of tables.threatHarm) {
    const counts = occurrences(text, harm).some((at) => {
      if (isNegated(withoutRefusals(), at, harm.han, tables.negation) || feared(text, at, tables))
        return false;
      const sentence = sentenceAround(text, at);
      const words = text.slice(sentence.start, sentence.end);
      // Read without quotes too, as the demands are ("不“意思意思”，明年就上重点核查名单"), and with them, for the
      // apostrophes of English ("if he didn't").
      const unquoted = words.replace(QUOTES, '');
      const conditioned = tables.threatConditions.some(
        (condition) =>
          occurrences(words, condition).length > 0 || occurrences(unquoted, condition).length > 0,
      );
      if (conditioned) return true;
      const before = sentenceBefore(text, sentence.start);
      const cause = lastOf(text, causes, before?.start ?? sentence.start, at);
      return cause !== -1 && lastOf(text, tables.consequences, cause + 1, at) !== -1;
    });
    if (counts) found.push(harm.label);
  }
  return found;
}

export function readSignals(text: string, tables: ClassifierTables, facts: ComplaintFacts = {}): Signals {
  const negated = new Set<string>();
  const amounts = findAmounts(text, tables.amountCues);
  const matches: { category: LexiconCategory; terms: string[] }[] = [];
  for (const { category, terms } of tables.categories) {
    const found = matchTerms(text, terms, tables.negation);
    for (const term of found.negated) negated.add(term);
    const refused = category === 'solicitation' ? refusedTerms(text, terms, tables) : new Set<string>();
    for (const term of refused) negated.add(term);
    const matched: string[] =
      category === 'solicitation'
        ? [
            ...found.matched.filter((term) => !refused.has(term)),
            ...findDemands(text, amounts, tables.demandCues, tables.negation),
          ]
        : [...found.matched];
    if (matched.length > 0) matches.push({ category, terms: matched });
  }
  const cue = (terms: readonly CompiledTerm[]) => [...matchTerms(text, terms, tables.negation).matched];
  const pauses = facts.pauses ?? [];
  const delayDays = longestDelay(
    extractDelays(text, { ownTime: tables.ownTime, receivedOn: facts.receivedOn ?? null, pauses }),
  );
  const unique = (terms: readonly string[]) => [...new Set(terms)];
  let found: DemandSpans | undefined;
  const spans = () => {
    found ??= demandSpans(text, amounts, tables);
    return found;
  };
  return {
    matches,
    negated: [...negated],
    amounts,
    bareSums: findBareSums(text),
    demand: readDemand(
      text,
      facts.field ?? null,
      readSums(text, amounts, tables.demand, pauses),
      tables.demand,
      pauses,
    ),
    reading: fallbackReading(text, amounts, delayDays, tables),
    delayDays,
    threat: unique([...saidThreats(text, tables), ...conditionalHarm(text, tables)]),
    repeated: unique([
      // Read without quotes, as the demands are: "还要再“表示”一下" asks again.
      ...matchTerms(text.replace(QUOTES, ''), tables.repeated, tables.negation).matched,
      ...withDemand(text, tables.recurrence, tables, spans, true),
      ...counted(text, TIMES, spans, false, VISITS_BEFORE),
    ]),
    severalPeople: unique([
      ...cue(tables.severalPeople.filter((term) => !claimedByOfficial(text, term))),
      ...withDemand(text, tables.severalWhen, tables, spans),
      ...counted(text, PEOPLE, spans, true),
    ]),
    context: tables.context.filter(({ terms }) => cue(terms).length > 0).map(({ kind }) => kind),
    toOfficial: unique(
      tables.context.flatMap(({ kind, terms }) => (kind === 'toOfficial' ? cue(terms) : [])),
    ),
  };
}

function longestDelay(delays: readonly Delay[]): number {
  return delays.length === 0 ? 0 : Math.max(...delays.map((delay) => delay.days));
}

/** The lexicon's readings as named features for the model ("#lex:attitude", "#money:1000", …). */
export function signalFeatures(signals: Signals, field: FieldAmount | null): string[] {
  const features = signals.matches.map(({ category }) => `#lex:${category}`);
  if (signals.matches.length === 0) features.push('#lex:none');
  if (signals.negated.length > 0) features.push('#negated');
  if (signals.reading !== null) features.push(`#reading:${signals.reading.category}`);
  const money = Math.max(field?.amount ?? 0, ...signals.amounts.map((amount) => amount.value));
  if (money > 0) features.push('#money');
  if ((signals.demand?.amount ?? 0) >= 1000) features.push('#money:1000');
  if ((signals.demand?.goods.length ?? 0) > 0) features.push('#goods');
  if (field != null) features.push('#field:amount');
  if (signals.delayDays >= 14) features.push('#delay:14');
  if (signals.threat.length > 0) features.push('#threat');
  if (signals.repeated.length > 0) features.push('#repeated');
  for (const kind of signals.context) features.push(`#${kind}`);
  return features;
}

/** The amount demanded of a solicitation: bare figures count too (docs/triage.md, "The amount demanded"). */
function solicitationDemand(
  text: string,
  signals: Signals,
  facts: ComplaintFacts,
  tables: ClassifierTables,
): Demand | null {
  const pauses = facts.pauses ?? [];
  return readDemand(
    text,
    facts.field ?? null,
    readSums(text, [...signals.amounts, ...signals.bareSums], tables.demand, pauses),
    tables.demand,
    pauses,
  );
}

function severityOf(
  category: Category,
  signals: Signals,
  demand: Demand | null,
  tables: ClassifierTables,
): { severity: Severity; reasons: TriageReason[] } {
  const base = BASE_SEVERITY[category];
  const reasons: TriageReason[] = [{ rule: 'severity.category', category, severity: base }];
  if (category === 'solicitation') {
    const aggravations = solicitationAggravations(signals, demand, tables);
    reasons.push(...aggravations);
    return { severity: aggravations.length > 0 ? 'critical' : base, reasons };
  }
  if (category === 'obstruction' && signals.delayDays >= tables.highDelayDays) {
    reasons.push({ rule: 'severity.delay', days: signals.delayDays, threshold: tables.highDelayDays });
    return { severity: 'high', reasons };
  }
  return { severity: base, reasons };
}

/** Without a model: the lexicon alone, by precedence, then the fallback readings. */
function decideByLexicon(signals: Signals): Decision {
  const [first, ...rest] = signals.matches;
  if (first !== undefined) {
    return {
      category: first.category,
      confidence: 1,
      margin: 1,
      decidedBy: 'lexicon',
      reasons: [
        { rule: `category.${first.category}`, terms: first.terms },
        ...rest.map(({ category, terms }): TriageReason => ({ rule: 'category.also', category, terms })),
      ],
    };
  }
  if (signals.reading !== null) {
    const { category, terms } = signals.reading;
    return {
      category,
      confidence: 0.5,
      margin: 1,
      decidedBy: 'lexicon',
      reasons: [{ rule: `category.${category}`, terms }],
    };
  }
  return {
    category: 'other',
    confidence: 0.5,
    margin: 1,
    decidedBy: 'lexicon',
    reasons: [{ rule: 'category.other' }],
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * With a model: the first lexicon category the model finds plausible (probability ≥ the floor) stands,
 * since explicit terms are precise; otherwise the model decides. The lexicon's readings are also the
 * model's input, so it has learnt how far to trust each one.
 */
function decideWithModel(
  text: string,
  signals: Signals,
  field: FieldAmount | null,
  model: CompiledModel,
  rule: CombinationRule,
  facts: readonly string[],
): Decision {
  const prediction = predict(
    model,
    featureVector(textFeatures(text), [...signalFeatures(signals, field), ...facts]),
  );
  const { probabilities } = prediction;
  const standing = signals.matches.find(({ category }) => probabilities[category] >= rule.lexiconFloor);
  const chosen: Category = standing?.category ?? prediction.best;
  // R-cat-3, step 1: money the text says goes to the official himself is a solicitation, whatever it is called,
  // and R-cat-4 puts it before any other wrong of the official's. `other` stays: a non-official, or praise.
  const toOfficial = signals.toOfficial.length > 0 && chosen !== 'other' && chosen !== 'solicitation';
  // Step 3: a charge named as a fee for the service or its papers is misconduct when nothing else in the text
  // reads as a solicitation (no term of one, no favour's name, and the money not said to go to the official).
  const serviceFee =
    chosen === 'solicitation' &&
    signals.context.includes('serviceFee') &&
    signals.toOfficial.length === 0 &&
    !signals.matches.some((match) => match.category === 'solicitation');
  const category: Category = toOfficial ? 'solicitation' : serviceFee ? 'misconduct' : chosen;
  const reasons: TriageReason[] = [];
  const matched = signals.matches.find((match) => match.category === category);
  const decidedBy: DecidedBy = standing === undefined && !toOfficial && !serviceFee ? 'model' : 'lexicon';
  reasons.push(
    category === 'other'
      ? { rule: 'category.other' }
      : { rule: `category.${category}`, terms: matched?.terms ?? [] },
  );
  reasons.push({
    rule: 'category.model',
    decidedBy,
    category,
    probability: round(probabilities[category]),
    features: prediction.strongest(category, rule.explainFeatures),
    model: model.version,
  });
  if (toOfficial)
    reasons.push({ rule: 'category.to-official', terms: [...signals.toOfficial], instead: chosen });
  if (serviceFee) reasons.push({ rule: 'category.service-fee', instead: chosen });
  for (const match of signals.matches) {
    if (match.category === category) continue;
    reasons.push(
      probabilities[match.category] >= rule.lexiconFloor
        ? { rule: 'category.also', category: match.category, terms: match.terms }
        : {
            rule: 'category.overruled',
            category: match.category,
            terms: match.terms,
            probability: round(probabilities[match.category]),
          },
    );
  }
  const runnerUp = Math.max(...CATEGORIES.filter((c) => c !== category).map((c) => probabilities[c]));
  return {
    category,
    confidence: round(probabilities[category]),
    margin: round(probabilities[category] - runnerUp),
    decidedBy,
    reasons,
  };
}

interface Decision {
  readonly category: Category;
  readonly confidence: number;
  /** How far the category's probability stands above the next one (1 without a model). */
  readonly margin: number;
  readonly decidedBy: DecidedBy;
  readonly reasons: TriageReason[];
}

/**
 * `text` is the normalised description; `facts` the form's amount field (read by `readAmountField`) and the day
 * of receipt; `subject` what the rest of triage found, as named features for the model (`subjectFeatures`).
 */
export function classifyComplaint(
  text: string,
  facts: ComplaintFacts | null,
  tables: ClassifierTables,
  model?: CompiledModel,
  rule: CombinationRule = DEFAULT_COMBINATION,
  subject: readonly string[] = [],
): Classification {
  const known = facts ?? {};
  const signals = readSignals(text, tables, known);
  const decision =
    model === undefined
      ? decideByLexicon(signals)
      : decideWithModel(text, signals, known.field ?? null, model, rule, subject);
  const reasons = [...decision.reasons];
  if (signals.negated.length > 0) reasons.push({ rule: 'category.negated', terms: [...signals.negated] });
  const demand =
    decision.category === 'solicitation' ? solicitationDemand(text, signals, known, tables) : signals.demand;
  const severity = severityOf(decision.category, signals, demand, tables);
  reasons.push(...severity.reasons);
  const borderline = decision.category === 'solicitation' && severity.severity === 'high';
  return {
    category: decision.category,
    severity: severity.severity,
    confidence: decision.confidence,
    margin: decision.margin,
    decidedBy: decision.decidedBy,
    reasons,
    signals,
    aggravationWords: borderline
      ? [tables.recurrence, tables.severalWhen, tables.reprisalCauses].flatMap(
          (terms) => matchTerms(text, terms, tables.negation).matched,
        )
      : [],
    conditionWords: borderline ? conditionsFollowed(text, tables) : [],
    // Money is recorded for the categories about money taken; a wait for any category.
    ...(demand !== null && (decision.category === 'solicitation' || decision.category === 'misconduct')
      ? { demand }
      : {}),
  };
}
