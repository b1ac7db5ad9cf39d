// A sweep of one shard of the due index, as the coordinator queues it: which shard, up to when, and where a
// sweep that ran out of time goes on from.
import * as z from 'zod/mini';
import '../zod-locale.ts';

export const SweepJobSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    shard: z.string().check(z.regex(/^DUE#[0-9]{1,3}$/)),
    /** Milestones due at or before this instant are swept (the time the sweep started). */
    until: z.iso.datetime(),
    /** The due-index position a continued sweep starts after. */
    after: z.optional(z.record(z.string(), z.unknown())),
  }))();
export type SweepJob = z.infer<typeof SweepJobSchema>;
