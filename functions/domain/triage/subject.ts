// Works out whom a complaint is about: the subject unit (from the form's field, else by alias in the text)
// and any directory person it names, since a body may not investigate its own people.

import { sentenceAround } from './clauses.ts';
import type { TriageReason } from './model.ts';
import { normaliseName, normaliseText } from './normalise.ts';
import type { RoutingTable, UnitAlias } from './routing-table.ts';
import { type CompiledTerm, occurrences } from './terms.ts';

export interface SubjectFinding {
  readonly unitId: string | null;
  readonly reason: TriageReason;
  /** How sure the finding is, 0–1: a name is sure, a service less so, a guess between several least. */
  readonly confidence: number;
  /** Offices mentioned only as referrers, or as bodies already told: passed over, and said so. */
  readonly passedOver: readonly TriageReason[];
  /** The discipline bodies among them that the reporter already turned to (see `RoutingRequest`). */
  readonly alreadyTold?: readonly string[];
  /**
   * When the subject is a discipline body: the other offices the text names too, by name or by a service they
   * provide. The body may then be whom the reporter turned to, thanked or asked, not whom the complaint is about.
   */
  readonly officesBesideBody?: readonly string[];
}

export interface NamedPerson {
  readonly personId: string;
  readonly bodyId: string;
  readonly source: 'officialName' | 'text';
}

/** Trust in each way of finding the unit; the lowest of these and the category's is the case's. */
export const UNIT_CONFIDENCE = {
  named: 1,
  // Writers of the corpus often read a service named with no place as naming no unit: worth a look.
  service: 0.55,
  serviceByPlace: 0.85,
  serviceGuess: 0.5,
  unknownWithPlace: 0.5,
  /** Only a discipline body the reporter had already turned to: taken as the subject, for safety. */
  toldOnly: 0.55,
  unknown: 0.8,
} as const;

interface Mention {
  readonly alias: UnitAlias;
  readonly at: number;
}

/** Every alias occurrence, left to right; where aliases overlap, the longer one (aliases are longest first). */
function mentionsIn(text: string, routing: RoutingTable): Mention[] {
  const taken: Mention[] = [];
  for (const alias of routing.aliases) {
    for (const at of occurrences(text, alias)) {
      const end = at + alias.text.length;
      if (taken.some((other) => at < other.at + other.alias.text.length && other.at < end)) continue;
      taken.push({ alias, at });
    }
  }
  return taken.sort((a, b) => a.at - b.at);
}

function cueWithin(text: string, from: number, to: number, cues: readonly CompiledTerm[]): boolean {
  const start = Math.max(0, from);
  const span = text.slice(start, Math.min(text.length, to));
  return cues.some((cue) => occurrences(span, cue).length > 0);
}

/** A greeting right after a body's name addresses it, as `尊敬的` before it does: "市纪委的领导你们好，我想问…". */
const GREETED_AFTER =
  /^(?:的)?(?:各位)?(?:(?:领导|同志|工作人员)(?:们)?[,，\s]?(?:你们|您|你)?|[,，\s]?(?:你们|您|你))好/u;

/**
 * Thanks just before a body's name ("多谢古南纪工委的黄志强同志"): the body thanked for what it did about an office
 * only handled the matter and is passed over, unless the text says the reporter had turned to it (R-unit-4).
 */
const THANKED_BEFORE = /(?:感谢|多谢|谢谢|表扬|\bthanks?(?: you)?(?: to)?(?: the)?)\s?$/u;

/** A letter's heading addresses the body it names: "致区纪委：" at the start of the text or of a line. */
const LETTER_TO = /(?:^|[\n。！？:：])\s*致\s?$/u;
const letterTo = (text: string, at: number) =>
  text.slice(Math.max(0, at - 2), at).includes('致') && LETTER_TO.test(text.slice(0, at));

/** How far after a body's name a cue of having turned to it before (`打过电话`, `反映过`) may end. */
const TOLD_RIGHT_AFTER = 6;

/**
 * How a mention is not the subject: `referral` when the office sent the reporter here ("让我打这个电话"),
 * `told` when it is a discipline body the reporter already turned to ("已经向区纪委反映过").
 */
function referralOf(text: string, mention: Mention, routing: RoutingTable): 'referral' | 'told' | null {
  const { referral } = routing;
  const end = mention.at + mention.alias.text.length;
  // Only within the mention's own sentence (a comma does not end it; a full stop, a line break or 。does).
  const sentence = sentenceAround(text, mention.at);
  // English needs about three times as many characters for the same words ("we reported it to the …").
  const window = mention.alias.han ? referral.window : referral.window * 3;
  const after = Math.min(sentence.end, end + window);
  const before = Math.max(sentence.start, mention.at - window);
  const isBody = routing.bodies.has(mention.alias.unitId);
  const addressed =
    isBody &&
    (cueWithin(text, before, mention.at, referral.bodyBefore) ||
      GREETED_AFTER.test(text.slice(end, end + 10)) ||
      letterTo(text, mention.at));
  // A body addressed that the text says the reporter turned to before ("I reported … to you") was told.
  if (addressed && cueWithin(text, 0, text.length, referral.toldAddressee)) return 'told';
  // A body the reporter says, right after its name, they turned to before ("给三角镇纪委打过电话，没人接，只好打你们
  // 这个", "已向古南纪工委打过电话反映，对方让其打本热线") was told, whatever else the sentence says of how the
  // reporter came here. The top body that sent them on stays a referrer ("已向市纪委反映过，市纪委让其向区里反映"):
  // it is never passed over for having been told (R-route-3), and nobody could take a case about it.
  const isTop = isBody && routing.bodies.get(mention.alias.unitId)?.parent == null;
  if (isBody && !isTop && THANKED_BEFORE.test(text.slice(before, mention.at))) {
    return cueWithin(text, sentence.start, sentence.end, referral.toldBefore) ? 'told' : 'referral';
  }
  if (
    isBody &&
    cueWithin(text, end, Math.min(sentence.end, end + TOLD_RIGHT_AFTER), referral.toldBefore) &&
    !(isTop && cueWithin(text, end, after, referral.bodyAfter))
  ) {
    return 'told';
  }
  if (
    cueWithin(text, end, after, referral.after) ||
    cueWithin(text, before, mention.at, referral.before) ||
    addressed ||
    (isBody && cueWithin(text, end, after, referral.bodyAfter))
  ) {
    return 'referral';
  }
  const told =
    isBody &&
    (cueWithin(text, end, after, referral.alreadyTold) ||
      cueWithin(text, before, mention.at, referral.alreadyTold));
  return told ? 'told' : null;
}

/** Whether the sentence holding `at` tells a wrong (a term of a category of wrongdoing): see `findSubjectUnit`. */
export type TellsWrong = (at: number) => boolean;

function unitNamedByAlias(
  text: string,
  routing: RoutingTable,
  tellsWrong?: TellsWrong,
): SubjectFinding | null {
  const passedOver: TriageReason[] = [];
  const mentions = mentionsIn(text, routing).map((mention) => ({
    mention,
    referral: referralOf(text, mention, routing),
  }));
  // Every body told, wherever it is mentioned: the subject may come before it in the text.
  const alreadyTold = [
    ...new Set(
      mentions.flatMap(({ mention, referral }) => (referral === 'told' ? [mention.alias.unitId] : [])),
    ),
  ];
  let firstTold: Mention | null = null;
  let firstTop: Mention | null = null;
  const named: Mention[] = [];
  const passedAt: number[] = [];
  /** How many mentions passed over stand before `at` (they are in text order). */
  const passedBefore = (at: number) => passedAt.filter((start) => start < at).length;
  for (const { mention, referral } of mentions) {
    const { unitId, label } = mention.alias;
    if (referral === 'told') firstTold ??= mention;
    if (referral !== null) {
      passedOver.push({ rule: 'unit.referrer', unitId, term: label });
      passedAt.push(mention.at);
      continue;
    }
    // Nobody in the directory can take a case about the top body, so a mention of it in passing ("an
    // interview with the City CDI") must not hide the office the complaint is about: it waits its turn.
    if (routing.bodies.get(unitId)?.parent === null) {
      firstTop ??= mention;
      continue;
    }
    named.push(mention);
  }
  // The first office named in a sentence that tells the wrong; else the first named (R-unit-2).
  const subject =
    (named.length > 1 && tellsWrong ? named.find((mention) => tellsWrong(mention.at)) : undefined) ??
    named[0];
  if (subject !== undefined) {
    const { unitId, label } = subject.alias;
    return {
      unitId,
      reason: { rule: 'unit.alias', unitId, term: label },
      confidence: UNIT_CONFIDENCE.named,
      passedOver: passedOver.slice(0, passedBefore(subject.at)),
      alreadyTold,
    };
  }
  if (firstTop !== null) {
    const { unitId, label } = firstTop.alias;
    // Nor must it hide an office its services name ("三角镇的镇党委书记…他还吹说市纪委的何慧敏是他亲戚"): the top body is
    // the subject only when nothing else names a unit (R-unit-2).
    const office = unitByService(text, routing, [
      ...passedOver,
      { rule: 'unit.referrer', unitId, term: label }, // its place is no place named
    ]);
    if (office?.unitId != null) return { ...office, passedOver, alreadyTold };
    return {
      unitId,
      reason: { rule: 'unit.alias', unitId, term: label },
      confidence: UNIT_CONFIDENCE.named,
      passedOver,
      alreadyTold,
    };
  }
  // A body the reporter already turned to, and nothing else named: the complaint may well be about how
  // that body handled it, and routing it there could hand a body its own case. It is the subject, unless a town's
  // leaders are named with their town ("三角镇副镇长把名额给了亲戚，我给三角镇纪委打过电话"): the complaint is about
  // them, and the body told stays passed over (R-unit-4).
  if (firstTold !== null) {
    const leaders = unitByService(text, routing, passedOver);
    if (
      leaders?.unitId != null &&
      leaders.reason.rule === 'unit.service' &&
      leaders.reason.place !== undefined &&
      routing.units.get(leaders.unitId)?.leadership
    ) {
      return { ...leaders, alreadyTold };
    }
    const { unitId, label } = firstTold.alias;
    return {
      unitId,
      reason: { rule: 'unit.alias', unitId, term: label },
      confidence: UNIT_CONFIDENCE.toldOnly,
      passedOver: passedOver.filter((reason) => !('unitId' in reason && reason.unitId === unitId)),
      alreadyTold,
    };
  }
  return passedOver.length > 0
    ? {
        unitId: null,
        reason: { rule: 'unit-unknown' },
        confidence: UNIT_CONFIDENCE.unknown,
        passedOver,
        alreadyTold,
      }
    : null;
}

/** Places named in the text, outside the mentions passed over (a referring town body names its town). */
function placesIn(
  text: string,
  routing: RoutingTable,
  passedOver: readonly TriageReason[],
): Map<string, string> {
  const skipped = passedOver.flatMap((reason) =>
    reason.rule === 'unit.referrer' ? [normaliseText(reason.term)] : [],
  );
  const masked = skipped.reduce((rest, term) => rest.replaceAll(term, ' '.repeat(term.length)), text);
  const found = new Map<string, string>();
  for (const place of routing.places) {
    if (!found.has(place.jurisdiction) && occurrences(masked, place).length > 0) {
      found.set(place.jurisdiction, place.label);
    }
  }
  return found;
}

/** An office named after a service but not in the directory: 区医保局, 市统计局, the district tax bureau. */
const OFFICE_AFTER =
  /^\s?(?:局|(?<!大)厅|委员会|公司|银行|医院|bureau\b|department\b|company\b|bank\b|hospital\b)/u;
const OFFICE_SUFFIX = /(?:局|(?<!大)厅|bureau|department)$/u;
const LEVEL_BEFORE = /(?:区|市|县|省|国家|district|city|county|provincial|national)\s?$/u;
/** Many places at once ("各镇的便民服务中心", "every town's service centre"): no one unit. */
const GENERIC_BEFORE =
  /(?:各|每个|每一个|所有|全部|各个)(?:镇|乡|乡镇|街道|村|地方)?(?:的)?\s?$|\b(?:every|each|all(?: the)?) (?:town'?s?|township'?s?|village'?s?)?\s?$/u;

/** A service word that names a building rather than what is done in it (R-unit-10). */
const BUILDING = /(?:大厅|大楼|\bhall)$/u;

/** Where a service term names what the office does, not another office or many places at once. */
function serviceAt(text: string, service: CompiledTerm): number | undefined {
  return occurrences(text, service).find((at) => {
    const before = text.slice(Math.max(0, at - 12), at);
    const after = text.slice(at + service.text.length, at + service.text.length + 12);
    if (OFFICE_AFTER.test(after)) return false;
    if (OFFICE_SUFFIX.test(service.text) && LEVEL_BEFORE.test(before)) return false;
    return !GENERIC_BEFORE.test(before);
  });
}

interface ServiceOffer {
  readonly unitId: string;
  readonly term: string;
  readonly at: number;
}

/** Every service named in `text` where it names what an office does, with the unit offering it (lexicon order). */
function servicesOffered(text: string, routing: RoutingTable): ServiceOffer[] {
  const offered: ServiceOffer[] = [];
  for (const service of routing.services) {
    const at = serviceAt(text, service);
    if (at !== undefined) offered.push({ unitId: service.unitId, term: service.label, at });
  }
  return offered;
}

/**
 * By what the office does: the units offering a service named in `text`, narrowed by the places named in
 * `placeText` (the text itself, or the form's field and the text together).
 */
function unitByService(
  text: string,
  routing: RoutingTable,
  passedOver: readonly TriageReason[],
  placeText: string = text,
): SubjectFinding | null {
  const offered = servicesOffered(text, routing);
  if (offered.length === 0) return null;
  // The unit whose service is named first; a service several units offer keeps their directory order.
  offered.sort((a, b) => a.at - b.at);
  const candidates = [...new Set(offered.map((offer) => offer.unitId))];
  const places = placesIn(placeText, routing, passedOver);
  const jurisdictionOf = (unitId: string) => routing.units.get(unitId)?.jurisdiction ?? '';
  const inPlace = candidates.filter((unitId) => places.has(jurisdictionOf(unitId)));
  // A unit of a place is ruled out when only other places are named; a unit without places (the district's) is
  // not, except when only a building names it: "郭扶的办事大厅", "the service hall in Guofu" is that town's hall.
  const onlyBuilding = (unitId: string) =>
    offered.every((offer) => offer.unitId !== unitId || BUILDING.test(offer.term));
  const possible =
    places.size === 0
      ? candidates
      : candidates.filter((unitId) => !routing.placed.has(jurisdictionOf(unitId)) && !onlyBuilding(unitId));
  const pool = inPlace.length > 0 ? inPlace : possible;
  // Between offices of one place, the leadership is taken: sending a complaint about a town's leaders to
  // the town's own body would be a conflict, while the other way round only sends a case one level up.
  const chosen = pool.find((unitId) => routing.units.get(unitId)?.leadership) ?? pool[0];
  if (chosen === undefined) {
    return {
      unitId: null,
      reason: { rule: 'unit-unknown' },
      confidence: UNIT_CONFIDENCE.unknownWithPlace,
      passedOver,
    };
  }
  const term = offered.find((offer) => offer.unitId === chosen)?.term ?? '';
  const place = inPlace[0] === undefined ? undefined : places.get(jurisdictionOf(chosen));
  const confidence =
    pool.length > 1
      ? UNIT_CONFIDENCE.serviceGuess
      : place === undefined
        ? UNIT_CONFIDENCE.service
        : UNIT_CONFIDENCE.serviceByPlace;
  return {
    unitId: chosen,
    reason: {
      rule: 'unit.service',
      unitId: chosen,
      term,
      ...(place === undefined ? {} : { place }),
      ...(pool.length > 1 ? { candidates: pool } : {}),
    },
    confidence,
    passedOver,
  };
}

/** Whether one insertion, deletion or substitution (or none) turns `a` into `b`. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

const HAN_START = /^\p{Script=Han}/u;

/**
 * A form field as people type a name: missing its last characters ("郭扶国土" for 郭扶国土所, "Guofu land" for
 * Guofu land office) or one character off ("郭夫国土所"). Only in the field, which holds nothing but the name, and
 * only when exactly one unit fits.
 */
function unitNearlyNamed(typed: string, routing: RoutingTable): UnitAlias | undefined {
  const han = HAN_START.test(typed);
  if (typed.length < (han ? 4 : 8)) return undefined;
  const fits = routing.aliases.filter((alias) => {
    if (alias.text.length < (han ? 4 : 8)) return false;
    const rest = alias.text.slice(typed.length);
    const truncated =
      alias.text.startsWith(typed) && (han ? rest.length <= 2 : /^\s?[a-z]+$/u.test(rest) && rest !== '');
    return truncated || withinOneEdit(typed, alias.text);
  });
  const units = new Set(fits.map((alias) => alias.unitId));
  return units.size === 1 ? fits[0] : undefined;
}

function unitNamedByField(
  field: string,
  text: string,
  routing: RoutingTable,
  tellsWrong?: TellsWrong,
): SubjectFinding | null {
  const typed = normaliseText(field);
  if (typed === '') return null;
  const named = (unitId: string, term: string): SubjectFinding => ({
    unitId,
    reason: { rule: 'unit.field', unitId, term },
    confidence: UNIT_CONFIDENCE.named,
    passedOver: [],
  });
  if (routing.units.has(typed)) return named(typed, typed);
  const exact = routing.aliases.find((alias) => alias.text === typed);
  // Aliases are sorted longest first, so the first one inside the field is the most specific.
  const alias = exact ?? routing.aliases.find((candidate) => occurrences(typed, candidate).length > 0);
  if (alias) return named(alias.unitId, alias.label);
  const nearly = unitNearlyNamed(typed, routing);
  if (nearly) return named(nearly.unitId, nearly.label);
  // "镇上国土所", "the 低保 window": the field names a service. A unit named in the text comes first; else the
  // field's services decide, narrowed by the places of the field and the text together.
  const inText = unitNamedByAlias(text, routing, tellsWrong);
  if (inText?.unitId != null) return inText;
  // A service the places rule out leaves no unit (R-unit-9): the text's own services are not read instead.
  return unitByService(typed, routing, [], `${typed} ${text}`);
}

/**
 * `text` is the normalised description. A discipline body taken as the subject carries the other offices the
 * text names (`officesBesideBody`), for the review flag `subject-body`.
 */
export function findSubjectUnit(
  subjectUnit: string | null | undefined,
  text: string,
  routing: RoutingTable,
  tellsWrong?: TellsWrong,
): SubjectFinding {
  const finding = subjectOf(subjectUnit, text, routing, tellsWrong);
  if (finding.unitId === null || !routing.bodies.has(finding.unitId)) return finding;
  const offices = officesNamed(text, routing);
  return offices.length === 0 ? finding : { ...finding, officesBesideBody: offices };
}

/** The offices other than the discipline bodies that the text names, by an alias or by a service they provide. */
function officesNamed(text: string, routing: RoutingTable): string[] {
  const named = new Set<string>();
  for (const { alias } of mentionsIn(text, routing)) {
    if (!routing.bodies.has(alias.unitId)) named.add(alias.unitId);
  }
  for (const offer of servicesOffered(text, routing)) named.add(offer.unitId);
  return [...named];
}

function subjectOf(
  subjectUnit: string | null | undefined,
  text: string,
  routing: RoutingTable,
  tellsWrong?: TellsWrong,
): SubjectFinding {
  const field = subjectUnit ? unitNamedByField(subjectUnit, text, routing, tellsWrong) : null;
  if (field !== null) {
    // The field names the subject, but the bodies the text says were told are told all the same (R-route-3).
    const told = field.alreadyTold ?? unitNamedByAlias(text, routing, tellsWrong)?.alreadyTold ?? [];
    return told.length > 0 ? { ...field, alreadyTold: told } : field;
  }
  const byAlias = unitNamedByAlias(text, routing, tellsWrong);
  if (byAlias?.unitId != null) return byAlias;
  const passedOver = byAlias?.passedOver ?? [];
  const alreadyTold = byAlias?.alreadyTold ?? [];
  const byService = unitByService(text, routing, passedOver);
  if (byService !== null) return { ...byService, alreadyTold };
  return {
    unitId: null,
    reason: { rule: 'unit-unknown' },
    confidence:
      placesIn(text, routing, passedOver).size > 0
        ? UNIT_CONFIDENCE.unknownWithPlace
        : UNIT_CONFIDENCE.unknown,
    passedOver,
    alreadyTold,
  };
}

/**
 * What the subject says about the category, as features for the model: a complaint naming no office of the
 * directory is more often outside its scope (a shop, a neighbour); one about a discipline body or a town's
 * leadership reads differently from one about a service window.
 */
export function subjectFeatures(finding: SubjectFinding, routing: RoutingTable): string[] {
  if (finding.unitId === null) return ['#unit:none'];
  const features: string[] = [];
  if (routing.bodies.has(finding.unitId)) features.push('#unit:body');
  if (routing.units.get(finding.unitId)?.leadership) features.push('#unit:leadership');
  return features;
}

/** Directory people named as the official complained about, or mentioned in the description. */
export function findNamedPeople(
  officialName: string | null | undefined,
  text: string,
  routing: RoutingTable,
): NamedPerson[] {
  const key = officialName ? normaliseName(officialName) : '';
  // The field may hold more than the name ("郑海波（纪委接电话的那位）"): a full name inside it names him too.
  const field = officialName ? normaliseText(officialName) : '';
  const named: NamedPerson[] = [];
  for (const person of routing.people) {
    if (
      key !== '' &&
      (person.keys.has(key) || person.mentions.some((mention) => occurrences(field, mention).length > 0))
    ) {
      named.push({ personId: person.id, bodyId: person.bodyId, source: 'officialName' });
    } else if (person.mentions.some((mention) => occurrences(text, mention).length > 0)) {
      named.push({ personId: person.id, bodyId: person.bodyId, source: 'text' });
    }
  }
  return named;
}
