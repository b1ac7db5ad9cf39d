// Works out whom a complaint is about: the subject unit (from the form's field, else by alias in the text)
// and any directory person it names, since a body may not investigate its own people.

import type { TriageReason } from './model.ts';
import { normaliseName, normaliseText } from './normalise.ts';
import type { RoutingTable, UnitAlias } from './routing-table.ts';
import { occurrences } from './terms.ts';

export interface SubjectFinding {
  readonly unitId: string | null;
  readonly reason: TriageReason;
}

export interface NamedPerson {
  readonly personId: string;
  readonly bodyId: string;
  readonly source: 'officialName' | 'text';
}

function unitNamedByField(field: string, routing: RoutingTable): SubjectFinding | null {
  const text = normaliseText(field);
  if (text === '') return null;
  if (routing.units.has(text))
    return { unitId: text, reason: { rule: 'unit.field', unitId: text, term: text } };
  const exact = routing.aliases.find((alias) => alias.text === text);
  // Aliases are sorted longest first, so the first one inside the field is the most specific.
  const alias = exact ?? routing.aliases.find((candidate) => occurrences(text, candidate).length > 0);
  return alias
    ? { unitId: alias.unitId, reason: { rule: 'unit.field', unitId: alias.unitId, term: alias.label } }
    : null;
}

function unitNamedInText(text: string, routing: RoutingTable): SubjectFinding | null {
  let best: { alias: UnitAlias; at: number } | null = null;
  for (const alias of routing.aliases) {
    const at = occurrences(text, alias)[0];
    // The first unit mentioned is taken as the subject; at the same place the longer alias wins.
    if (at !== undefined && (best === null || at < best.at)) best = { alias, at };
  }
  return best
    ? {
        unitId: best.alias.unitId,
        reason: { rule: 'unit.alias', unitId: best.alias.unitId, term: best.alias.label },
      }
    : null;
}

/** `text` is the normalised description. */
export function findSubjectUnit(
  subjectUnit: string | null | undefined,
  text: string,
  routing: RoutingTable,
): SubjectFinding {
  return (
    (subjectUnit ? unitNamedByField(subjectUnit, routing) : null) ??
    unitNamedInText(text, routing) ?? { unitId: null, reason: { rule: 'unit-unknown' } }
  );
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
