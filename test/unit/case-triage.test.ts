import { describe, expect, it } from 'vitest';
// Wires the Traditional → Simplified converter in, as the worker does, so 劉 and 刘 meet in one key.
import '#config/triage-config.ts';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { CaseSchema, openCase } from '../../functions/domain/case.ts';
import {
  applyTriage,
  flagForManualTriage,
  openingTransition,
  relatedSince,
  subjectKey,
  triageInputOf,
} from '../../functions/domain/case-triage.ts';
import type { TriageResult } from '../../functions/domain/triage/model.ts';
import { intakeMessage } from '../support/complaints.ts';

const now = new Date('2026-11-27T09:31:00.000Z');
const result: TriageResult = {
  category: 'obstruction',
  severity: 'high',
  unitId: 'gunan-stats-station',
  bodyId: 'gunan-cdi',
  confidence: 0.93,
  reasons: [{ rule: 'category.obstruction', terms: ['推诿'] }],
};

describe('triage on a case', () => {
  it('gives triage the complaint and never the reporter', () => {
    const message = intakeMessage({ anonymous: false, sealedContact: 'v1.a.b' });
    const input = triageInputOf(message);
    expect(input.description).toBe(message.complaint.description);
    expect(JSON.stringify(input)).not.toContain('v1.a.b');
  });

  it('records the result and the related cases on the head', () => {
    const triaged = applyTriage(openCase(intakeMessage(), now), result, ['HLW-00000-00000'], now);
    expect(triaged).toMatchObject({
      status: 'triaged',
      category: 'obstruction',
      severity: 'high',
      unitId: 'gunan-stats-station',
      bodyId: 'gunan-cdi',
      triageConfidence: 0.93,
      relatedCases: ['HLW-00000-00000'],
      version: 1,
    });
    // The reasons are the opening event's, never the head's: they are bounded by nothing but triage's rules.
    expect(triaged).not.toHaveProperty('triageReasons');
    expect(applyTriage(openCase(intakeMessage(), now), result, [], now)).not.toHaveProperty('relatedCases');
    expect(triaged).not.toHaveProperty('needsReview');
  });

  it('routes an unsure triage all the same, flagged for review', () => {
    const unsure: TriageResult = { ...result, confidence: 0.41, needsReview: true };
    const triaged = applyTriage(openCase(intakeMessage(), now), unsure, [], now);
    expect(triaged).toMatchObject({ bodyId: 'gunan-cdi', needsReview: true, triageConfidence: 0.41 });
    expect(CaseSchema.parse(triaged).needsReview).toBe(true);
  });

  it('keeps a case that could not be triaged as received, flagged for a person', () => {
    const flagged = flagForManualTriage(openCase(intakeMessage(), now), now);
    expect(flagged).toMatchObject({ status: 'received', needsManualTriage: true });
    expect(flagged).not.toHaveProperty('bodyId');
  });

  it('opens a case as its first transition: the head at version 1 and the event keeping the complaint', () => {
    const message = intakeMessage({ anonymous: false, sealedContact: 'v1.a.b' });
    const opening = openingTransition(
      message,
      { result, relatedCases: [] },
      now,
      deadlineCalendar,
      deadlineConfig,
    );
    expect(opening.next).toMatchObject({
      version: 1,
      status: 'triaged',
      hasContact: true,
      bodyId: 'gunan-cdi',
    });
    expect(opening.next.acknowledgeDueAt).toBeDefined();
    // The head never holds the description, the sealed contact or the reasons.
    expect(JSON.stringify(opening.next)).not.toContain(message.complaint.description);
    expect(JSON.stringify(opening.next)).not.toContain('v1.a.b');
    expect(opening.event).toMatchObject({
      kind: 'opened',
      version: 1,
      at: message.receivedAt,
      actor: 'system',
      details: { complaint: message.complaint, triageReasons: result.reasons },
    });
    // The sealed contact is kept in an item of its own, which can expire; never in the record's opening.
    expect(opening.event.details).not.toHaveProperty('sealedContact');
    expect(JSON.stringify(opening.event)).not.toContain('v1.a.b');
    expect(opening.event.after).toMatchObject({
      status: 'triaged',
      bodyId: 'gunan-cdi',
      category: 'obstruction',
    });

    const failed = openingTransition(
      message,
      { failure: 'ConflictOfInterestError' },
      now,
      deadlineCalendar,
      deadlineConfig,
    );
    expect(failed.next).toMatchObject({ status: 'received', needsManualTriage: true });
    expect(failed.event.details).toMatchObject({ triageFailure: 'ConflictOfInterestError' });
  });

  it('looks back 30 days for related cases', () => {
    expect(relatedSince('2026-11-30T08:00:00.000Z')).toBe('2026-10-31T08:00:00.000Z');
  });
});

describe('subject keys', () => {
  it('are the same for one official of one unit however the name is written', () => {
    const key = subjectKey('gunan-stats-station', '刘晓峰');
    expect(key).toBeDefined();
    expect(subjectKey('gunan-stats-station', '劉曉峰')).toBe(key);
    expect(subjectKey('gunan-stats-station', ' 刘 晓峰 ')).toBe(key);
  });

  it('differ for another official or another unit, and hold no name', () => {
    const key = subjectKey('gunan-stats-station', '刘晓峰') ?? '';
    expect(subjectKey('gunan-stats-station', '王强')).not.toBe(key);
    expect(subjectKey('guofu-land-office', '刘晓峰')).not.toBe(key);
    expect(key).not.toContain('刘');
    expect(key.startsWith('SUBJECT#gunan-stats-station#')).toBe(true);
  });

  it('exist only when both a unit and an official are known', () => {
    expect(subjectKey(null, '刘晓峰')).toBeUndefined();
    expect(subjectKey('gunan-stats-station', undefined)).toBeUndefined();
    expect(subjectKey('gunan-stats-station', '  ')).toBeUndefined();
  });
});
