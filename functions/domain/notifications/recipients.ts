// Who hears of a milestone: reminders go to the person who has the case (else the body's investigators), overdue to
// that person and the body's supervisors, each repeat escalation to the supervisors of a body further up the tree,
// announcements to the whole body.
import type { Body, Directory, Person } from '../triage/directory.ts';
import type { NotifyJob } from './job.ts';

/** The body `level` steps above `bodyId`; the top of the tree when the tree is shorter. */
export function bodyAbove(directory: Directory, bodyId: string, level: number): Body {
  const byId = new Map(directory.bodies.map((body) => [body.id, body]));
  let body = byId.get(bodyId) ?? byId.get(directory.defaultBodyId);
  if (body === undefined) throw new Error(`directory has no body ${bodyId} and no default body`);
  for (let step = 0; step < level && body.parent !== null; step++) {
    const parent = byId.get(body.parent);
    if (parent === undefined) break;
    body = parent;
  }
  return body;
}

function withRole(body: Body, role: Person['role']): Person[] {
  const people = body.people.filter((person) => person.role === role);
  // A body without anyone in that role still hears of it: better the wrong desk than silence.
  return people.length > 0 ? people : body.people;
}

/**
 * The people of the directory a staff notification goes to. A case not yet routed (waiting for manual triage)
 * belongs to the default body meanwhile.
 */
export function staffRecipients(
  job: NotifyJob,
  bodyId: string | undefined,
  directory: Directory,
  assigneeId?: string,
): Person[] {
  const assigned = bodyId ?? directory.defaultBodyId;
  const body = bodyAbove(directory, assigned, 0);
  const assignee = assigneeId === undefined ? undefined : body.people.find((p) => p.id === assigneeId);
  switch (job.kind) {
    case 'reminder':
      return assignee !== undefined ? [assignee] : withRole(body, 'investigator');
    case 'overdue': {
      const supervisors = withRole(body, 'supervisor');
      return assignee === undefined || supervisors.some((p) => p.id === assignee.id)
        ? supervisors
        : [assignee, ...supervisors];
    }
    case 'escalation':
      return withRole(bodyAbove(directory, assigned, job.level), 'supervisor');
    case 'announcement':
      return bodyAbove(directory, assigned, 0).people;
    // The reporter answered or added something: whoever has the case, else the body's investigators.
    case 'reporter-message-arrived':
      return assignee !== undefined ? [assignee] : withRole(body, 'investigator');
    case 'reporter-dissatisfied':
      return withRole(body, 'supervisor');
    case 'reporter-acknowledgement':
    case 'reporter-conclusion':
    case 'reporter-question':
    case 'reporter-reply':
      return [];
  }
}
