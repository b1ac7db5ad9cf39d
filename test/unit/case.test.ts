import { describe, expect, it } from 'vitest';
import { isOpen, openCase, publicStatusOf } from '../../functions/domain/case.ts';
import { verificationDueAt } from '../../functions/domain/deadlines/clocks.ts';
import { publicMilestones } from '../../functions/domain/events.ts';
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
      milestonesNotified: [],
    });
    expect(opened).not.toHaveProperty('hasContact');
    // The head keeps the complaint's short facts; the description is the opening event's.
    expect(opened.complaint).not.toHaveProperty('description');
  });

  it('knows the reporter left contact details, and never holds them', () => {
    const opened = openCase(intakeMessage({ sealedContact: 'v1.x.y' }), now);
    expect(opened.hasContact).toBe(true);
    expect(JSON.stringify(opened)).not.toContain('v1.x.y');
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
    // The head knows there is a number to call back; the number itself stays sealed in the opening event.
    expect(callback).toMatchObject({ callbackRequested: true, hasContact: true, anonymous: false });
    expect(JSON.stringify(callback)).not.toContain('v1.n.n');
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
    expect(earlierCallback).toMatchObject({ callbackRequested: true, hasContact: true });
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
  it('lists the public milestones of transitions only, without actors or notes', () => {
    const milestones = publicMilestones([
      { kind: 'opened', at: '2026-11-27T09:30:00.000Z', after: { status: 'triaged' } },
      { kind: 'acknowledged', at: '2026-11-27T10:00:00.000Z' },
      { kind: 'transferred', at: '2026-11-27T10:30:00.000Z' },
      { kind: 'verification-started', at: '2026-11-27T11:00:00.000Z' },
      { kind: 'contact-viewed', at: '2026-11-27T11:30:00.000Z' },
    ]);
    expect(milestones).toEqual([
      { at: '2026-11-27T09:30:00.000Z', milestone: 'received' },
      { at: '2026-11-27T09:30:00.000Z', milestone: 'assigned' },
      { at: '2026-11-27T11:00:00.000Z', milestone: 'under-verification' },
    ]);
  });

  it('reads inside steps as the public ones, a merge as merged, sanctions as sanctioned', () => {
    expect(publicStatusOf({ status: 'acknowledged' })).toBe('triaged');
    expect(publicStatusOf({ status: 'merged' })).toBe('merged');
    expect(
      publicStatusOf({
        status: 'closed',
        outcome: 'substantiated',
        sanctions: { people: 1, kinds: {} as never },
      }),
    ).toBe('sanctioned');
    expect(
      publicStatusOf({
        status: 'closed',
        outcome: 'substantiated',
        sanctions: { people: 0, kinds: {} as never },
      }),
    ).toBe('closed');
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
