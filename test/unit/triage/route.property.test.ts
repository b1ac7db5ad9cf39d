import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DirectoryInput, DirectorySchema } from '#domain/triage/directory.ts';
import { SEVERITIES } from '#domain/triage/model.ts';
import { assignBody, ConflictOfInterestError } from '#domain/triage/route.ts';
import { compileRoutingTable } from '#domain/triage/routing-table.ts';
import { findNamedPeople } from '#domain/triage/subject.ts';

// A random tree of bodies (each with a jurisdiction and people) and units, some of them leadership units.
const directoryShape = fc
  .record({
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 9 }),
    peopleCounts: fc.array(fc.nat({ max: 3 }), { minLength: 9, maxLength: 9 }),
    units: fc.array(fc.record({ jurisdiction: fc.nat(), leadership: fc.boolean() }), { maxLength: 8 }),
    defaultBody: fc.nat(),
  })
  .map(({ parents, peopleCounts, units, defaultBody }): DirectoryInput => {
    const bodies = parents.map((parent, i) => ({
      id: `body-${i}`,
      names: { zh: `机构${i}号`, en: `Body number ${i}` },
      parent: i === 0 ? null : `body-${parent % i}`,
      jurisdiction: `area-${i}`,
      people: Array.from({ length: peopleCounts[i] ?? 0 }, (_, k) => ({
        id: `body-${i}-person-${k}`,
        name: `Person ${i} ${k}`,
        email: `p${i}-${k}@example.org`,
        phone: '+86 23 5550 0000',
        role: k === 0 ? ('supervisor' as const) : ('investigator' as const),
      })),
    }));
    return {
      defaultBodyId: `body-${defaultBody % bodies.length}`,
      bodies,
      units: units.map((unit, i) => ({
        id: `unit-${i}`,
        names: { zh: `单位${i}号`, en: `Unit number ${i}` },
        jurisdiction: `area-${unit.jurisdiction % bodies.length}`,
        leadership: unit.leadership,
      })),
    };
  });

const scenario = directoryShape.chain((input) => {
  const directory = DirectorySchema.parse(input);
  const unitIds = [...directory.bodies.map((body) => body.id), ...directory.units.map((unit) => unit.id)];
  const names = directory.bodies.flatMap((body) => body.people.map((person) => person.name));
  return fc.record({
    directory: fc.constant(directory),
    unitId: fc.option(fc.constantFrom(...unitIds), { nil: null }),
    severity: fc.constantFrom(...SEVERITIES),
    officialName:
      names.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...names), { nil: undefined }),
  });
});

describe('routing never assigns an implicated body, whatever the directory', () => {
  it('holds for random trees, units, people and severities', () => {
    fc.assert(
      fc.property(scenario, ({ directory, unitId, severity, officialName }) => {
        const routing = compileRoutingTable(directory);
        const namedPeople = findNamedPeople(officialName, '', routing);
        // The rules of implication, restated here from the raw directory rather than borrowed from the router.
        const unit = [...directory.bodies, ...directory.units].find((candidate) => candidate.id === unitId);
        const isImplicated = (bodyId: string) => {
          const body = directory.bodies.find((candidate) => candidate.id === bodyId);
          if (!body) return false;
          const leadership = unit !== undefined && 'leadership' in unit && unit.leadership;
          return (
            unit?.id === body.id ||
            (leadership && unit.jurisdiction === body.jurisdiction) ||
            body.people.some((person) => person.name === officialName)
          );
        };
        const ancestors = (bodyId: string): string[] => {
          const parent = directory.bodies.find((body) => body.id === bodyId)?.parent;
          return parent ? [parent, ...ancestors(parent)] : [];
        };
        const start =
          unit === undefined
            ? directory.defaultBodyId
            : (directory.bodies.find((body) => body.jurisdiction === unit.jurisdiction)?.id ?? '');

        let bodyId: string;
        try {
          bodyId = assignBody({ unitId, severity, namedPeople }, routing).bodyId;
        } catch (error) {
          expect(error).toBeInstanceOf(ConflictOfInterestError);
          // Only when the top of the tree itself is implicated.
          const top = [start, ...ancestors(start)].at(-1) ?? start;
          expect(isImplicated(top)).toBe(true);
          return;
        }
        expect(isImplicated(bodyId)).toBe(false);
        // Always the start body or one above it, never a sibling or a body below.
        expect([start, ...ancestors(start)]).toContain(bodyId);
      }),
      { numRuns: 500 },
    );
  });
});
