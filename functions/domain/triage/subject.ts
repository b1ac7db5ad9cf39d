// Works out whom a complaint is about: the subject unit (from the form's field, else by alias in the text)
// and any directory person it names, since a body may not investigate its own people.

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

const SENTENCE_END = /[。！？!?；;\n]/u;

function cueWithin(text: string, from: number, to: number, cues: readonly CompiledTerm[]): boolean {
  const start = Math.max(0, from);
  const span = text.slice(start, Math.min(text.length, to));
  return cues.some((cue) => occurrences(span, cue).length > 0);
}

/**
 * How a mention is not the subject: `referral` when the office sent the reporter here ("让我打这个电话"),
 * `told` when it is a discipline body the reporter already turned to ("已经向区纪委反映过").
 */
function referralOf(text: string, mention: Mention, routing: RoutingTable): 'referral' | 'told' | null {
  const { referral } = routing;
  const end = mention.at + mention.alias.text.length;
  // Only within the mention's own sentence.
  let after = Math.min(text.length, end + referral.window);
  const stop = text.slice(end, after).search(SENTENCE_END);
  if (stop !== -1) after = end + stop;
  let before = Math.max(0, mention.at - referral.window);
  const head = text.slice(before, mention.at);
  const lastStop = Math.max(...[...head.matchAll(new RegExp(SENTENCE_END, 'gu'))].map((m) => m.index), -1);
  if (lastStop !== -1) before += lastStop + 1;
  const isBody = routing.bodies.has(mention.alias.unitId);
  if (
    cueWithin(text, end, after, referral.after) ||
    cueWithin(text, before, mention.at, referral.before) ||
    (isBody &&
      (cueWithin(text, end, after, referral.bodyAfter) ||
        cueWithin(text, before, mention.at, referral.bodyBefore)))
  ) {
    return 'referral';
  }
  const told =
    isBody &&
    (cueWithin(text, end, after, referral.alreadyTold) ||
      cueWithin(text, before, mention.at, referral.alreadyTold));
  return told ? 'told' : null;
}

function unitNamedByAlias(text: string, routing: RoutingTable): SubjectFinding | null {
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
  for (const { mention, referral } of mentions) {
    const { unitId, label } = mention.alias;
    if (referral === 'told') firstTold ??= mention;
    if (referral !== null) {
      passedOver.push({ rule: 'unit.referrer', unitId, term: label });
      continue;
    }
    // Nobody in the directory can take a case about the top body, so a mention of it in passing ("an
    // interview with the City CDI") must not hide the office the complaint is about: it waits its turn.
    if (routing.bodies.get(unitId)?.parent === null) {
      firstTop ??= mention;
      continue;
    }
    return {
      unitId,
      reason: { rule: 'unit.alias', unitId, term: label },
      confidence: UNIT_CONFIDENCE.named,
      passedOver,
      alreadyTold,
    };
  }
  if (firstTop !== null) {
    const { unitId, label } = firstTop.alias;
    return {
      unitId,
      reason: { rule: 'unit.alias', unitId, term: label },
      confidence: UNIT_CONFIDENCE.named,
      passedOver,
      alreadyTold,
    };
  }
  // A body the reporter already turned to, and nothing else named: the complaint may well be about how
  // that body handled it, and routing it there could hand a body its own case. It is the subject.
  if (firstTold !== null) {
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

/** By what the office does: the units offering a named service, narrowed by the places named. */
function unitByService(
  text: string,
  routing: RoutingTable,
  passedOver: readonly TriageReason[],
): SubjectFinding | null {
  const offered: { unitId: string; term: string; at: number }[] = [];
  for (const service of routing.services) {
    const at = occurrences(text, service)[0];
    if (at !== undefined) offered.push({ unitId: service.unitId, term: service.label, at });
  }
  if (offered.length === 0) return null;
  offered.sort((a, b) => a.at - b.at);
  const candidates = [...new Set(offered.map((offer) => offer.unitId))];
  const places = placesIn(text, routing, passedOver);
  const jurisdictionOf = (unitId: string) => routing.units.get(unitId)?.jurisdiction ?? '';
  const inPlace = candidates.filter((unitId) => places.has(jurisdictionOf(unitId)));
  // A unit of a place is ruled out when only other places are named; a unit without places never is.
  const possible =
    places.size === 0
      ? candidates
      : candidates.filter((unitId) => !routing.placed.has(jurisdictionOf(unitId)));
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

function unitNamedByField(field: string, text: string, routing: RoutingTable): SubjectFinding | null {
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
  // "镇上国土所", "the 低保 window": the field names a service; a unit named in the text comes first,
  // then the places of field and text decide.
  const inText = unitNamedByAlias(text, routing);
  if (inText?.unitId != null) return inText;
  const byService = unitByService(typed, routing, []);
  if (byService?.unitId == null) return null;
  const withText = unitByService(`${typed} ${text}`, routing, []);
  return withText?.unitId === byService.unitId ? withText : byService;
}

/** `text` is the normalised description. */
export function findSubjectUnit(
  subjectUnit: string | null | undefined,
  text: string,
  routing: RoutingTable,
): SubjectFinding {
  const field = subjectUnit ? unitNamedByField(subjectUnit, text, routing) : null;
  if (field !== null) return field;
  const byAlias = unitNamedByAlias(text, routing);
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
  const named: NamedPerson[] = [];
  for (const person of routing.people) {
    if (key !== '' && person.keys.has(key)) {
      named.push({ personId: person.id, bodyId: person.bodyId, source: 'officialName' });
    } else if (person.mentions.some((mention) => occurrences(text, mention).length > 0)) {
      named.push({ personId: person.id, bodyId: person.bodyId, source: 'text' });
    }
  }
  return named;
}
