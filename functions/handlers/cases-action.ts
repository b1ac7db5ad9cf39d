// POST /cases/{reference}/actions: one step of a case's lifecycle, written with one conditional write on the
// version the caller saw. A stale version answers 409 and changes nothing.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { findCase, relatedCasesOf, saveTransition } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { assetRoot } from '#adapters/environment.ts';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { OPENCC_DATA_FOLDER } from '#config/simplified-chinese.ts';
import { ROUTING_DATA_FOLDER, routingTableIn } from '#config/triage-data.ts';
import type { Case } from '#domain/case.ts';
import { clocksAfter } from '#domain/deadlines/clocks.ts';
import { type Caller, inScope } from '#domain/lifecycle/access.ts';
import {
  type ActionRequest,
  ActionRequestSchema,
  acceptMerged,
  applyAction,
  checkAction,
  checkMergeTarget,
} from '#domain/lifecycle/actions.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { callerScope, caseDetail, lifecycleRefusal, referenceOf, visibleTo } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

/** Read once, in the init phase: a function shipped without the routing table fails to start. */
const routingTable = routingTableIn(assetRoot(ROUTING_DATA_FOLDER), assetRoot(OPENCC_DATA_FOLDER));

const stale = (current: number) =>
  new HttpError(
    409,
    'stale-version',
    `Someone changed this case first (now version ${current}); reload it.`,
    {
      fields: { expectedVersion: `the case is at version ${current}` },
    },
  );

const MERGE_ATTEMPTS = 4;

/**
 * The surviving case lists the duplicate before the duplicate is marked merged: if the second write loses a race,
 * the caller retries and `acceptMerged` does nothing the second time, so the two converge.
 */
async function linkSurvivor(duplicate: Case, request: ActionRequest, caller: Caller): Promise<void> {
  const target = request.mergeInto as string;
  for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt++) {
    const found = await findCase(target);
    const survivor = checkMergeTarget(
      duplicate,
      target,
      found,
      found !== undefined && inScope(found, callerScope(caller)),
    );
    const linked = acceptMerged(survivor, duplicate.reference, { caller, now: systemClock() });
    if (linked === survivor || (await saveTransition(linked, survivor.version)) === 'saved') return;
  }
  throw new HttpError(409, 'stale-version', 'The case to merge into kept changing; try again.');
}

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    const request = ActionRequestSchema.parse(event.body ?? {});
    const record = visibleTo(await findCase(reference), caller);
    if (record.version !== request.expectedVersion) throw stale(record.version);
    let next: Case;
    try {
      checkAction(record, request, caller);
      if (request.action === 'merge') await linkSurvivor(record, request, caller);
      // A step can start or stop a clock (acknowledge, conclude, close, reopen) or change what it runs for
      // (a transfer, a manual triage): the next due milestone, and the case's place in byDue, follow from it.
      next = clocksAfter(
        applyAction(record, request, { caller, now: systemClock(), routing: routingTable }),
        deadlineCalendar,
        deadlineConfig,
      ).record;
    } catch (error) {
      const refusal = lifecycleRefusal(error);
      if (refusal === undefined) throw error;
      return refusal;
    }
    if ((await saveTransition(next, request.expectedVersion)) === 'stale') {
      throw stale((await findCase(reference))?.version ?? request.expectedVersion);
    }
    metrics.addMetric(`CaseAction_${request.action}`, MetricUnit.Count, 1);
    logger.info('case action', { action: request.action, actor: caller.id, status: next.status });
    return json(200, caseDetail(next, caller, routingTable, await relatedCasesOf(next)));
  },
  { authenticate: requireRole('investigator', 'supervisor') },
);
