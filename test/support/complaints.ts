// Intake messages as the intake Lambda writes them, for tests that start at the queue.
import { randomUUID } from 'node:crypto';
import { INTAKE_MESSAGE_KIND, type IntakeMessage } from '../../functions/domain/intake-message.ts';
import { caseReference, deriveReferenceKeys } from '../../functions/domain/reference.ts';

export function intakeMessage(overrides: Partial<IntakeMessage> = {}): IntakeMessage {
  return {
    kind: INTAKE_MESSAGE_KIND,
    reference: caseReference('web', randomUUID(), deriveReferenceKeys('test-master-key-for-references-only')),
    channel: 'web',
    receivedAt: '2026-11-27T09:30:00.000Z',
    language: 'zh-CN',
    anonymous: true,
    complaint: { description: '三角镇便民服务中心的窗口人员一直推诿，说材料不全，让我跑了五趟。' },
    ...overrides,
  };
}
