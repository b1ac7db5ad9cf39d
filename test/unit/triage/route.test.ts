import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import type { Severity } from '#domain/triage/model.ts';
import { assignBody, ConflictOfInterestError, implicatedBodies } from '#domain/triage/route.ts';
import type { NamedPerson } from '#domain/triage/subject.ts';

const routing = triageConfig.routing;
const route = (unitId: string | null, severity: Severity = 'normal', namedPeople: NamedPerson[] = []) =>
  assignBody({ unitId, severity, namedPeople }, routing);
const person = (personId: string, bodyId: string): NamedPerson => ({
  personId,
  bodyId,
  source: 'officialName',
});

describe('assignBody', () => {
  it('sends an unknown unit to the default body', () => {
    expect(route(null)).toEqual({
      bodyId: 'district-cdi',
      reasons: [{ rule: 'route.default', bodyId: 'district-cdi' }],
    });
  });

  it('does not escalate an unknown unit when critical', () => {
    expect(route(null, 'critical').bodyId).toBe('district-cdi');
  });

  it.each([
    ['guofu-land-office', 'guofu-cdi'],
    ['gunan-stats-station', 'gunan-cdi'],
    ['sanjiao-service-center', 'sanjiao-cdi'],
    ['district-admin-center', 'district-cdi'],
  ])('sends %s to the body of its jurisdiction, %s', (unitId, bodyId) => {
    expect(route(unitId).bodyId).toBe(bodyId);
  });

  it('sends a critical case one level up', () => {
    expect(route('guofu-land-office', 'critical')).toEqual({
      bodyId: 'district-cdi',
      reasons: [
        { rule: 'route.jurisdiction', bodyId: 'guofu-cdi', jurisdiction: 'guofu' },
        { rule: 'route.critical-escalation', from: 'guofu-cdi', to: 'district-cdi' },
      ],
    });
    expect(route('district-admin-center', 'critical').bodyId).toBe('city-cdi');
  });

  it('keeps a leadership unit away from its own jurisdiction body', () => {
    expect(route('guofu-government')).toEqual({
      bodyId: 'district-cdi',
      reasons: [
        { rule: 'route.jurisdiction', bodyId: 'guofu-cdi', jurisdiction: 'guofu' },
        {
          rule: 'route.conflict.leadership',
          from: 'guofu-cdi',
          to: 'district-cdi',
          unitId: 'guofu-government',
        },
      ],
    });
    expect(route('sanjiao-government', 'critical').bodyId).toBe('district-cdi');
  });

  it('never lets a body investigate itself', () => {
    expect(route('guofu-cdi').reasons).toContainEqual({
      rule: 'route.conflict.body-itself',
      from: 'guofu-cdi',
      to: 'district-cdi',
    });
    expect(route('district-cdi').bodyId).toBe('city-cdi');
    expect(route('district-cdi', 'critical').bodyId).toBe('city-cdi');
  });

  it('does not give a complaint that alleges no wrong of the office to a body the reporter already turned to', () => {
    const told = assignBody(
      { unitId: 'sanjiao-service-center', severity: 'normal', namedPeople: [], alreadyTold: ['sanjiao-cdi'] },
      routing,
    );
    expect(told.bodyId).toBe('district-cdi');
    expect(told.reasons).toContainEqual({
      rule: 'route.conflict.already-told',
      from: 'sanjiao-cdi',
      to: 'district-cdi',
    });
    // Another body told leaves the candidate alone; the top body is never passed over for it.
    expect(
      assignBody(
        { unitId: 'sanjiao-service-center', severity: 'normal', namedPeople: [], alreadyTold: ['guofu-cdi'] },
        routing,
      ).bodyId,
    ).toBe('sanjiao-cdi');
    expect(
      assignBody(
        { unitId: 'district-admin-center', severity: 'critical', namedPeople: [], alreadyTold: ['city-cdi'] },
        routing,
      ).bodyId,
    ).toBe('city-cdi');
  });

  it('never lets a body investigate its own people, repeatedly', () => {
    const named = [
      person('guofu-cdi-investigator', 'guofu-cdi'),
      person('district-cdi-supervisor', 'district-cdi'),
    ];
    const assignment = route('guofu-land-office', 'normal', named);
    expect(assignment.bodyId).toBe('city-cdi');
    expect(assignment.reasons.map((reason) => reason.rule)).toEqual([
      'route.jurisdiction',
      'route.conflict.own-person',
      'route.conflict.own-person',
    ]);
  });

  it('applies the own-person rule to unknown units too', () => {
    expect(route(null, 'normal', [person('district-cdi-investigator', 'district-cdi')]).bodyId).toBe(
      'city-cdi',
    );
  });

  it('throws ConflictOfInterestError when the top body is implicated', () => {
    expect(() => route('city-cdi')).toThrow(ConflictOfInterestError);
    const everyone = [
      person('district-cdi-investigator', 'district-cdi'),
      person('city-cdi-supervisor', 'city-cdi'),
    ];
    expect(() => route(null, 'normal', everyone)).toThrow(ConflictOfInterestError);
  });

  it('lists the implicated bodies of a case', () => {
    expect([...implicatedBodies('guofu-government', [], routing)]).toEqual(['guofu-cdi']);
    expect(
      [...implicatedBodies('gunan-cdi', [person('city-cdi-supervisor', 'city-cdi')], routing)].sort(),
    ).toEqual(['city-cdi', 'gunan-cdi']);
  });
});
