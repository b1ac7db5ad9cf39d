import { describe, expect, it } from 'vitest';
import directoryJson from '#config/directory.json' with { type: 'json' };
import lexiconJson from '#config/lexicon.json' with { type: 'json' };
import { type DirectoryInput, DirectorySchema, peopleOfBody } from '#domain/triage/directory.ts';
import { LexiconSchema } from '#domain/triage/lexicon.ts';

const copy = (): DirectoryInput => structuredClone(directoryJson) as DirectoryInput;
const at = <T>(list: T[], index: number): T => {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
};
const problems = (input: unknown) =>
  DirectorySchema.safeParse(input).error?.issues.map(
    (issue) => `${issue.path.join('.')}: ${issue.message}`,
  ) ?? [];

describe('the shipped configuration', () => {
  it('is valid', () => {
    expect(problems(directoryJson)).toEqual([]);
    expect(LexiconSchema.safeParse(lexiconJson).success).toBe(true);
  });

  it('has an investigator and a supervisor for every body', () => {
    const directory = DirectorySchema.parse(directoryJson);
    for (const body of directory.bodies) {
      expect(peopleOfBody(directory, body.id, 'investigator').map((person) => person.id)).toContain(
        `${body.id}-investigator`,
      );
      expect(peopleOfBody(directory, body.id, 'supervisor').map((person) => person.id)).toContain(
        `${body.id}-supervisor`,
      );
    }
    expect(peopleOfBody(directory, 'no-such-body')).toEqual([]);
  });
});

describe('DirectorySchema', () => {
  it('rejects an unknown parent', () => {
    const input = copy();
    at(input.bodies, 2).parent = 'nowhere';
    expect(problems(input)).toContain('bodies.2.parent: unknown parent "nowhere"');
  });

  it('rejects a loop of parents', () => {
    const input = copy();
    at(input.bodies, 0).parent = 'guofu-cdi';
    expect(problems(input).some((problem) => problem.includes('loops'))).toBe(true);
  });

  it('rejects a unit whose jurisdiction no body covers, and duplicate ids', () => {
    const input = copy();
    at(input.units, 0).jurisdiction = 'atlantis';
    at(input.units, 1).id = 'guofu-cdi';
    expect(problems(input)).toEqual([
      'units.0.jurisdiction: no body has jurisdiction "atlantis"',
      'units.1.id: duplicate id "guofu-cdi"',
    ]);
  });

  it('rejects an unknown default body and a bad email', () => {
    const input = copy();
    input.defaultBodyId = 'nobody';
    at(at(input.bodies, 0).people, 0).email = 'not-an-email';
    const found = problems(input);
    expect(found).toContain('defaultBodyId: unknown body "nobody"');
    expect(found.some((problem) => problem.startsWith('bodies.0.people.0.email'))).toBe(true);
  });
});
