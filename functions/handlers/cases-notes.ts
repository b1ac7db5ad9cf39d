// POST /cases/{reference}/notes: an internal note on a case, for the body and those above it, never for the reporter.
// An event of its own (nothing else of the case is written), so a note never makes anyone's action stale.
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { appendEvent, findCase, sideSortKey } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { TEXT_LIMITS } from '#domain/lifecycle/actions.ts';
import { wellFormedText } from '#domain/unicode.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { historyEntry, referenceOf, visibleTo } from '../http/cases.ts';
import { json } from '../http/responses.ts';
import { logger } from '../observability.ts';

const NoteSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    text: z.pipe(
      z.transform((v) => (typeof v === 'string' ? wellFormedText(v) : v)),
      z.string().check(z.trim(), z.minLength(1), z.maxLength(TEXT_LIMITS.note)),
    ),
  }))();

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    const { text } = NoteSchema.parse(event.body ?? {});
    visibleTo(await findCase(reference), caller);
    const at = systemClock().toISOString();
    const unique = `M#${randomUUID()}`;
    const note = { reference, kind: 'note' as const, at, actor: caller.id, note: text };
    await appendEvent(note, unique);
    logger.info('note added', { actor: caller.id });
    return json(201, historyEntry({ ...note, sk: sideSortKey(at, unique) }));
  },
  { authenticate: requireRole('investigator', 'supervisor') },
);
