// POST /cases/{reference}/actions: one step of a case's lifecycle. The head moves on from the version the caller
// saw in one conditional write, and the step is an event of its own; a stale version answers 409 and changes nothing.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { commit } from '#adapters/case-events.ts';
import { findCase, openingOf } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { assetRoot } from '#adapters/environment.ts';
import { deadlineCalendar, deadlineConfig, directory } from '#config/office.ts';
import { OPENCC_DATA_FOLDER } from '#config/simplified-chinese.ts';
import { ROUTING_DATA_FOLDER, routingTableIn } from '#config/triage-data.ts';
import { directoryPeople, inScope } from '#domain/lifecycle/access.ts';
import {
  ActionRequestSchema,
  applyAction,
  checkAction,
  checkMergeTarget,
  NEEDS_COMPLAINT,
} from '#domain/lifecycle/actions.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { callerScope, caseFile, lifecycleRefusal, referenceOf, visibleTo } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

/** The directory's people, for assignments. */
const people = directoryPeople(directory);

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

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    const request = ActionRequestSchema.parse(event.body ?? {});
    const record = visibleTo(await findCase(reference), caller);
    if (record.version !== request.expectedVersion) throw stale(record.version);
    let outcome: Awaited<ReturnType<typeof commit>>;
    let next: typeof record;
    try {
      checkAction(record, request, caller);
      if (request.action === 'merge') {
        const target = request.mergeInto as string;
        const survivor = await findCase(target);
        checkMergeTarget(
          record,
          target,
          survivor,
          survivor !== undefined && inScope(survivor, callerScope(caller)),
        );
      }
      const complaint = NEEDS_COMPLAINT.has(request.action)
        ? (await openingOf(record))?.complaint
        : undefined;
      const transition = applyAction(record, request, {
        caller,
        now: systemClock(),
        routing: routingTable,
        people,
        calendar: deadlineCalendar,
        deadlines: deadlineConfig,
        ...(complaint === undefined ? {} : { complaint }),
      });
      outcome = await commit(record, transition);
      next = transition.next;
    } catch (error) {
      const refusal = lifecycleRefusal(error);
      if (refusal === undefined) throw error;
      return refusal;
    }
    if (outcome === 'stale') throw stale((await findCase(reference))?.version ?? request.expectedVersion);
    metrics.addMetric(`CaseAction_${request.action}`, MetricUnit.Count, 1);
    logger.info('case action', { action: request.action, actor: caller.id, status: next.status });
    const fresh = (await findCase(reference)) ?? next;
    return json(200, await caseFile(fresh, caller, routingTable));
  },
  { authenticate: requireRole('investigator', 'supervisor') },
);
