// The reporter's side as the office's rules (config/reporter.json): how long a reporter may rate an outcome, how
// often one case may hear from its reporter, and how long a reporter's contact details are kept once the case is
// done. Checked when the configuration is compiled (`npm run compile:config`); functions load the compiled form.
import * as z from 'zod/mini';
import '../zod-locale.ts';

export const ReporterPolicySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    rating: z.strictObject({
      /** A conclusion may be rated (once) for this many days after it is recorded: the feedback window. */
      windowDays: z.number().check(z.int(), z.gte(1), z.lte(366)),
    }),
    followUp: z.strictObject({
      /** Answers, additions and ratings one case accepts per hour (the receipt code is the only credential). */
      perCasePerHour: z.number().check(z.int(), z.gte(1), z.lte(1000)),
    }),
    retention: z.strictObject({
      /**
       * The reporter's contact details (and a caller's call-back number) are deleted this many days after the case
       * is closed and its feedback window has passed, whichever is later. The complaint itself is the office's record.
       */
      contactDaysAfterClose: z.number().check(z.int(), z.gte(0), z.lte(3660)),
    }),
  }))();
export type ReporterPolicy = z.infer<typeof ReporterPolicySchema>;
