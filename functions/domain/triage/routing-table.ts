// The directory compiled once per configuration into the lookups subject extraction and routing use on
// every complaint: normalised aliases longest first, bodies by jurisdiction, people by name.
import type { Directory } from './directory.ts';
import { normaliseName } from './normalise.ts';
import { type CompiledTerm, compileTerms } from './terms.ts';

export interface SubjectUnit {
  readonly id: string;
  readonly jurisdiction: string;
  readonly leadership: boolean;
}

export interface RoutingBody {
  readonly id: string;
  readonly parent: string | null;
  readonly jurisdiction: string;
}

export interface UnitAlias extends CompiledTerm {
  readonly unitId: string;
}

/** A service term of a unit ("低保"), or a place name of a jurisdiction ("郭扶"). */
export interface ServiceTerm extends CompiledTerm {
  readonly unitId: string;
}
export interface PlaceTerm extends CompiledTerm {
  readonly jurisdiction: string;
}

export interface ReferralCues {
  readonly after: readonly CompiledTerm[];
  readonly before: readonly CompiledTerm[];
  readonly alreadyTold: readonly CompiledTerm[];
  /**
   * The `alreadyTold` cues that say it was done before (`打过电话`, `反映过`) or in person (`当面讲了`): told when right
   * after a body's name.
   */
  readonly toldBefore: readonly CompiledTerm[];
  readonly bodyAfter: readonly CompiledTerm[];
  readonly bodyBefore: readonly CompiledTerm[];
  readonly toldAddressee: readonly CompiledTerm[];
  readonly window: number;
}

export interface KnownPerson {
  readonly id: string;
  readonly bodyId: string;
  /** Name keys compared with the `officialName` field. */
  readonly keys: ReadonlySet<string>;
  /** Name forms looked for in the description. */
  readonly mentions: readonly CompiledTerm[];
}

export interface RoutingTable {
  readonly defaultBodyId: string;
  /** Every unit a complaint may be about, the investigating bodies included. */
  readonly units: ReadonlyMap<string, SubjectUnit>;
  readonly aliases: readonly UnitAlias[];
  /** In directory order, so among equals the unit listed first is preferred. */
  readonly services: readonly ServiceTerm[];
  readonly places: readonly PlaceTerm[];
  /** Jurisdictions that have place names: a unit of one is ruled out when only other places are named. */
  readonly placed: ReadonlySet<string>;
  readonly referral: ReferralCues;
  readonly bodies: ReadonlyMap<string, RoutingBody>;
  readonly bodyOfJurisdiction: ReadonlyMap<string, string>;
  readonly people: readonly KnownPerson[];
}

export function compileRoutingTable(directory: Directory): RoutingTable {
  const units = new Map<string, SubjectUnit>();
  const aliases: UnitAlias[] = [];
  const addUnit = (unit: SubjectUnit, names: readonly string[]) => {
    units.set(unit.id, unit);
    for (const term of compileTerms(names)) aliases.push({ ...term, unitId: unit.id });
  };
  for (const body of directory.bodies) {
    addUnit({ id: body.id, jurisdiction: body.jurisdiction, leadership: false }, [
      body.names.zh,
      body.names.en,
      ...body.aliases,
    ]);
  }
  for (const unit of directory.units) {
    addUnit({ id: unit.id, jurisdiction: unit.jurisdiction, leadership: unit.leadership }, [
      unit.names.zh,
      unit.names.en,
      ...unit.aliases,
    ]);
  }
  const both = (terms: { zh: string[]; en: string[] }) => [...terms.zh, ...terms.en];
  const services = directory.units.flatMap((unit) =>
    compileTerms(both(unit.services)).map((term): ServiceTerm => ({ ...term, unitId: unit.id })),
  );
  const places = directory.bodies.flatMap((body) =>
    compileTerms(body.places, true).map((term): PlaceTerm => ({ ...term, jurisdiction: body.jurisdiction })),
  );
  const { referral } = directory;
  const alreadyTold = compileTerms(both(referral.alreadyTold));
  const people = directory.bodies.flatMap((body) =>
    body.people.map((person): KnownPerson => {
      const names = [person.name, ...person.aliases];
      return {
        id: person.id,
        bodyId: body.id,
        keys: new Set(names.map(normaliseName).filter((key) => key.length >= 2)),
        mentions: compileTerms(names, true),
      };
    }),
  );
  return {
    defaultBodyId: directory.defaultBodyId,
    units,
    aliases: aliases.sort((a, b) => b.text.length - a.text.length),
    services,
    places,
    placed: new Set(places.map((place) => place.jurisdiction)),
    referral: {
      after: compileTerms(both(referral.after)),
      before: compileTerms(both(referral.before)),
      alreadyTold,
      toldBefore: alreadyTold.filter((cue) => /过|打了|当面/u.test(cue.text)),
      bodyAfter: compileTerms(both(referral.bodyAfter)),
      bodyBefore: compileTerms(both(referral.bodyBefore)),
      toldAddressee: compileTerms(both(referral.toldAddressee)),
      window: referral.window,
    },
    bodies: new Map(
      directory.bodies.map((body) => [
        body.id,
        { id: body.id, parent: body.parent, jurisdiction: body.jurisdiction },
      ]),
    ),
    bodyOfJurisdiction: new Map(directory.bodies.map((body) => [body.jurisdiction, body.id])),
    people,
  };
}
