// The notices a new case sends at once: a serious case is announced to its body, and a reporter who left contact
// details is told the reference (never the receipt code).
import type { Case } from '../case.ts';
import type { DeadlineConfig } from '../deadlines/config.ts';
import { ANNOUNCEMENT_MILESTONE, type NotifyJob, REPORTER_ACKNOWLEDGEMENT_MILESTONE } from './job.ts';

export function noticesAtOpening(record: Case, config: DeadlineConfig): NotifyJob[] {
  const jobs: NotifyJob[] = [];
  if (record.severity !== undefined && config.announceSeverities.includes(record.severity)) {
    jobs.push({
      reference: record.reference,
      milestone: ANNOUNCEMENT_MILESTONE,
      kind: 'announcement',
      clock: 'acknowledge',
      level: 0,
      ...(record.acknowledgeDueAt === undefined ? {} : { dueAt: record.acknowledgeDueAt }),
      at: record.receivedAt,
    });
  }
  if (record.hasContact === true) {
    jobs.push({
      reference: record.reference,
      milestone: REPORTER_ACKNOWLEDGEMENT_MILESTONE,
      kind: 'reporter-acknowledgement',
      level: 0,
      at: record.receivedAt,
    });
  }
  return jobs;
}
