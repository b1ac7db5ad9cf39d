// An inspector's finding from an undercover inspection (暗访): what they give, and the intake message it becomes,
// so that it is triaged and routed like any complaint.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { ComplaintDetailsSchema, LANGUAGES } from '../complaint.ts';
import { INTAKE_MESSAGE_KIND, type IntakeMessage } from '../intake-message.ts';
import type { Caller } from './access.ts';

/** Findings may be filed up to this long after the visit. */
const OLDEST_OBSERVATION_DAYS = 366;
/** A client's clock may run a little ahead. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const InspectionFindingSchema = (now: Date) =>
  z.pipe(
    z
      .strictObject({
        /** The office or window inspected, as the inspector names it. */
        unit: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
        /** What the inspector observed. */
        observed: z.string(),
        /** When, with its offset: `2026-11-27T10:30:00+08:00`. */
        observedAt: z.iso.datetime({ offset: true }),
        officialName: z.optional(z.string()),
        location: z.optional(z.string()),
        amountDemanded: z.optional(z.string()),
        language: z._default(z.enum(LANGUAGES), 'zh-CN'),
      })
      .check(
        z.superRefine((finding, ctx) => {
          const at = Date.parse(finding.observedAt);
          if (at > now.getTime() + CLOCK_SKEW_MS) {
            ctx.addIssue({ code: 'custom', path: ['observedAt'], message: 'must not be in the future' });
          }
          if (at < now.getTime() - OLDEST_OBSERVATION_DAYS * 24 * 3600 * 1000) {
            ctx.addIssue({ code: 'custom', path: ['observedAt'], message: 'must be within the last year' });
          }
        }),
      ),
    z.transform((finding, ctx) => {
      // The complaint's own rules (lengths, well-formed text) apply to a finding's text too.
      const details = ComplaintDetailsSchema.safeParse({
        description: finding.observed,
        subjectUnit: finding.unit,
        officialName: finding.officialName,
        location: finding.location,
        amountDemanded: finding.amountDemanded,
        incidentDate: new Date(Date.parse(finding.observedAt)).toISOString().slice(0, 10),
      });
      if (!details.success) {
        for (const issue of details.error.issues) {
          const [first, ...rest] = issue.path;
          const field = first === 'description' ? 'observed' : first === 'subjectUnit' ? 'unit' : first;
          // A mini transform's context has no addIssue: the issue goes on the payload as addIssue would put it.
          ctx.issues.push({
            code: 'custom',
            path: [field as string, ...rest.map(String)],
            message: issue.message,
            input: finding,
          });
        }
        return z.NEVER;
      }
      return {
        complaint: details.data,
        observedAt: new Date(Date.parse(finding.observedAt)).toISOString(),
        language: finding.language,
      };
    }),
  );
export type InspectionFinding = z.output<ReturnType<typeof InspectionFindingSchema>>;

export function inspectionIntakeMessage(
  finding: InspectionFinding,
  reference: string,
  inspector: Caller,
  receivedAt: Date,
): IntakeMessage {
  return {
    kind: INTAKE_MESSAGE_KIND,
    reference,
    channel: 'inspection',
    receivedAt: receivedAt.toISOString(),
    language: finding.language,
    // No reporter stands behind a finding: nobody is owed a receipt or feedback, and no contact is sealed.
    anonymous: true,
    complaint: finding.complaint,
    inspection: {
      inspectorId: inspector.id,
      inspectorBodyId: inspector.bodyId,
      observedAt: finding.observedAt,
    },
  };
}
