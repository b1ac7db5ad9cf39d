// The office configuration functions load (config/compiled/office.json): what the sources compile to now,
// validated exactly as they were when each function validated them at load, and refused when broken or foreign.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import cnMainland from '#config/calendars/cn-mainland.json' with { type: 'json' };
import { staleCompiledFiles } from '#config/compiled-check.ts';
import deadlinesJson from '#config/deadlines.json' with { type: 'json' };
import directoryJson from '#config/directory.json' with { type: 'json' };
import { calendars, deadlineCalendar, deadlineConfig, directory } from '#config/office.ts';
import { compileOffice, OFFICE_FILE, officeFileText } from '#config/office-compile.ts';
import { type CompiledOffice, officeFromData } from '#config/office-data.ts';
import { loadCalendar } from '#domain/deadlines/calendar-file.ts';
import { DeadlineConfigSchema } from '#domain/deadlines/config.ts';
import { DirectorySchema } from '#domain/triage/directory.ts';

const shippedText = readFileSync(new URL(`../../${OFFICE_FILE}`, import.meta.url), 'utf8');

describe('the compiled office configuration (config/compiled/office.json)', () => {
  it('is what the sources compile to now (after editing them: npm run compile:config)', () => {
    expect(shippedText).toBe(officeFileText(compileOffice()));
  });

  it('loads into exactly what validating the sources gives', () => {
    expect(directory).toEqual(DirectorySchema.parse(directoryJson));
    expect(deadlineConfig).toEqual(DeadlineConfigSchema.parse(deadlinesJson));
    const validated = loadCalendar(cnMainland);
    expect(calendars.get(validated.id)).toEqual(validated);
    expect(deadlineCalendar).toEqual(validated);
    expect(deadlineCalendar.daysOff).toBeInstanceOf(Set);
  });

  it('does not compile from a broken source, and names the problem', () => {
    const sources = { directory: directoryJson, deadlines: deadlinesJson, calendars: [cnMainland] };
    const brokenDirectory = structuredClone(directoryJson);
    brokenDirectory.bodies[1] = { ...brokenDirectory.bodies[1], parent: 'no-such-body' } as never;
    expect(() => compileOffice({ ...sources, directory: brokenDirectory })).toThrow(/unknown parent/);
    expect(() =>
      compileOffice({ ...sources, deadlines: { ...deadlinesJson, calendar: 'atlantis' } }),
    ).toThrow(/names calendar "atlantis"/);
    const brokenCalendar = structuredClone(cnMainland);
    brokenCalendar.years['2026'].makeUpWorkdays.push('2026-03-04');
    expect(() => compileOffice({ ...sources, calendars: [brokenCalendar] })).toThrow(/not a weekend day/);
  });

  it('does not compile a directory with a phone number SMS could not be sent to, and names the person', () => {
    const sources = { directory: directoryJson, deadlines: deadlinesJson, calendars: [cnMainland] };
    for (const phone of ['+86 23 5550', '+44 20 7946 0000', '0086 0000 0000']) {
      const brokenDirectory = structuredClone(directoryJson);
      const [person] = brokenDirectory.bodies[0]?.people ?? [];
      if (person === undefined) throw new Error('the shipped directory has a body without people');
      person.phone = phone;
      expect(() => compileOffice({ ...sources, directory: brokenDirectory }), phone).toThrow(
        new RegExp(`${person.id}'s phone is not a valid number`),
      );
    }
  });

  it('refuses data of another format, or naming a calendar it does not hold', () => {
    const data = JSON.parse(shippedText) as CompiledOffice;
    expect(() => officeFromData({ ...data, format: 2 } as unknown as CompiledOffice)).toThrow(/format 2/);
    expect(() => officeFromData({ ...data, calendars: [] })).toThrow(/not compiled/);
  });

  it('is checked at synth: a stale or missing compiled file is named', () => {
    const repository = fileURLToPath(new URL('../../', import.meta.url));
    expect(staleCompiledFiles(repository)).toEqual([]);
    const elsewhere = mkdtempSync(join(tmpdir(), 'compiled-'));
    try {
      mkdirSync(dirname(join(elsewhere, OFFICE_FILE)), { recursive: true });
      writeFileSync(join(elsewhere, OFFICE_FILE), shippedText.replace('"smsCap"', '"smsCap "'));
      expect(staleCompiledFiles(elsewhere)).toEqual([
        OFFICE_FILE,
        'config/compiled/reporter.json',
        'config/compiled/opencc/dictionaries.json',
        'config/compiled/phone-metadata.json',
        'config/compiled/triage/data.json',
        'config/compiled/routing/data.json',
      ]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
