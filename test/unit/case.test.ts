import { describe, expect, it } from 'vitest';
import { type Case, isOpen, openCase, publicStatus } from '../../functions/domain/case.ts';
import { verificationDueAt } from '../../functions/domain/deadlines/clocks.ts';
import { intakeMessage } from '../support/complaints.ts';

describe('opening a case', () => {
  const now = new Date('2026-11-27T09:31:05.000Z');

  it('is received, versioned, and due three days after the complaint was accepted', () => {
    const message = intakeMessage({ receivedAt: '2026-11-27T09:30:00.000Z' });
    const opened = openCase(message, now);
    expect(opened).toMatchObject({
      reference: message.reference,
      status: 'received',
      receivedAt: '2026-11-27T09:30:00.000Z',
      verificationDueAt: '2026-11-30T09:30:00.000Z',
      createdAt: '2026-11-27T09:31:05.000Z',
      version: 1,
      history: [{ at: '2026-11-27T09:30:00.000Z', actor: 'system', action: 'received' }],
      milestonesNotified: [],
    });
    expect(opened).not.toHaveProperty('sealedContact');
  });

  it('keeps the sealed contact as it came', () => {
    expect(openCase(intakeMessage({ sealedContact: 'v1.x.y' }), now).sealedContact).toBe('v1.x.y');
  });

  it('records a caller’s request to be called back, and keeps no caller’s number queued without one', () => {
    const call = { platform: 'twilio' as const, callId: `CA${'1'.repeat(32)}` };
    const callback = openCase(
      intakeMessage({
        channel: 'hotline',
        call,
        anonymous: false,
        callbackRequested: true,
        sealedContact: 'v1.n.n',
      }),
      now,
    );
    expect(callback).toMatchObject({ callbackRequested: true, sealedContact: 'v1.n.n', anonymous: false });
    // Queued by the version before: every number sealed, the request inside the call.
    const earlier = openCase(intakeMessage({ channel: 'hotline', call, sealedCallerNumber: 'v1.n.n' }), now);
    expect(earlier).not.toHaveProperty('sealedCallerNumber');
    expect(earlier).not.toHaveProperty('callbackRequested');
    const earlierCallback = openCase(
      intakeMessage({
        channel: 'hotline',
        call: { ...call, callbackRequested: true },
        anonymous: false,
        sealedContact: 'v1.c.c',
        sealedCallerNumber: 'v1.n.n',
      }),
      now,
    );
    expect(earlierCallback).toMatchObject({ callbackRequested: true, sealedContact: 'v1.c.c' });
    expect(earlierCallback).not.toHaveProperty('sealedCallerNumber');
  });

  it('computes deadlines in whole days from the given time', () => {
    expect(verificationDueAt(new Date('2026-12-30T23:00:00Z')).toISOString()).toBe(
      '2027-01-02T23:00:00.000Z',
    );
    expect(verificationDueAt(new Date('2026-12-30T23:00:00Z'), 5).toISOString()).toBe(
      '2027-01-04T23:00:00.000Z',
    );
  });
});

describe('what the public sees', () => {
  const record: Case = {
    ...openCase(intakeMessage({ sealedContact: 'v1.secret.sealed' }), new Date('2026-11-27T10:00:00Z')),
    history: [
      { at: '2026-11-27T09:30:00.000Z', actor: 'system', action: 'received' },
      {
        at: '2026-11-27T10:00:00.000Z',
        actor: 'guofu-cdi-investigator',
        action: 'note',
        note: 'called the window',
      },
      { at: '2026-11-27T11:00:00.000Z', actor: 'system', action: 'triaged' },
    ],
  };

  it('lists public milestones only, without actors or notes', () => {
    const view = publicStatus(record);
    expect(view.milestones).toEqual([
      { at: '2026-11-27T09:30:00.000Z', milestone: 'received' },
      { at: '2026-11-27T11:00:00.000Z', milestone: 'assigned' },
    ]);
    expect(JSON.stringify(view)).not.toContain('investigator');
    expect(JSON.stringify(view)).not.toContain('sealed');
    expect(JSON.stringify(view)).not.toContain(record.complaint.description);
  });

  it('knows which statuses are still open', () => {
    expect(isOpen('received')).toBe(true);
    expect(isOpen('verifying')).toBe(true);
    // A concluded case is still open until it is closed: its reporter-feedback clock runs.
    expect(isOpen('unfounded')).toBe(true);
    expect(isOpen('substantiated')).toBe(true);
    expect(isOpen('closed')).toBe(false);
    expect(isOpen('merged')).toBe(false);
  });
});
