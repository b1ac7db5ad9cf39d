// The routing directory: investigating bodies (a tree, each with its people), and the units complaints
// may be about. Checked whole at load, so a broken parent link or a unit without a body never reaches routing.
import * as z from 'zod/mini';
import '../zod-locale.ts';

const id = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lower-case letters, digits and hyphens')))();
const alias = /* @__PURE__ */ (() => z.string().check(z.trim(), z.minLength(2), z.maxLength(120)))();

const NamesSchema = /* @__PURE__ */ (() => z.object({ zh: alias, en: alias }))();

const term = /* @__PURE__ */ (() => z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))();
/** Words in both languages; kept apart only for the editors' sake, matched alike on normalised text. */
const TermsSchema = /* @__PURE__ */ (() =>
  z.object({ zh: z._default(z.array(term), []), en: z._default(z.array(term), []) }))();
export type DirectoryTerms = z.infer<typeof TermsSchema>;

/** How a complaint mentions an office that is not its subject: one that sent the reporter, or was told. */
const ReferralSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Just after a mention: the office referred the reporter ("区纪委让我打这个电话", "told me to call"). */
    after: z._default(TermsSchema, { zh: [], en: [] }),
    /** Just before a mention: "referred by", "经…介绍". */
    before: z._default(TermsSchema, { zh: [], en: [] }),
    /** Around a discipline body only: the reporter already complained there ("已经向区纪委反映过"). */
    alreadyTold: z._default(TermsSchema, { zh: [], en: [] }),
    /**
     * Just after a discipline body only: it sent the reporter on ("区纪委的同志让我…", "建议"). Any other office
     * that tells a reporter to go elsewhere ("窗口让其先去税务局") is pushing them around: it stays the subject.
     */
    bodyAfter: z._default(TermsSchema, { zh: [], en: [] }),
    /** Just before a discipline body only: it was addressed or went between ("尊敬的区纪委领导", "经过"). */
    bodyBefore: z._default(TermsSchema, { zh: [], en: [] }),
    /**
     * Anywhere in the text: the reporter turned to the addressee before ("之前向你们反映过", "I reported … to
     * you"), which makes a body addressed a body already told (R-route-3).
     */
    toldAddressee: z._default(TermsSchema, { zh: [], en: [] }),
    /** How many characters around a mention the cues are looked for. */
    window: z._default(z.int().check(z.minimum(1), z.maximum(40)), 10),
  }))();

export const PersonRoleSchema = /* @__PURE__ */ (() => z.enum(['investigator', 'supervisor', 'admin']))();
export type PersonRole = z.infer<typeof PersonRoleSchema>;

export const PersonSchema = /* @__PURE__ */ (() =>
  z.object({
    id,
    name: alias,
    /** Other spellings of the name, e.g. its romanisation, used to recognise the person in a complaint. */
    aliases: z._default(z.array(alias), []),
    email: z.email(),
    phone: z.string().check(z.regex(/^\+?[0-9][0-9 -]{5,24}$/)),
    role: PersonRoleSchema,
  }))();
export type Person = z.infer<typeof PersonSchema>;

export const BodySchema = /* @__PURE__ */ (() =>
  z.object({
    id,
    names: NamesSchema,
    aliases: z._default(z.array(alias), []),
    /** The body that supervises this one; null only for the top of the tree. */
    parent: z.nullable(id),
    jurisdiction: id,
    /** Place names of the jurisdiction ("郭扶", "Guofu"): they decide between units offering one service. */
    places: z._default(z.array(alias), []),
    people: z.array(PersonSchema),
  }))();
export type Body = z.infer<typeof BodySchema>;

export const UnitSchema = /* @__PURE__ */ (() =>
  z.object({
    id,
    names: NamesSchema,
    aliases: z._default(z.array(alias), []),
    jurisdiction: id,
    /** The leadership of its jurisdiction (a town government): its own discipline body may not judge it. */
    leadership: z._default(z.boolean(), false),
    /** What the office does ("宅基地", "低保", "business licence"): a complaint naming only that finds it. */
    services: z._default(TermsSchema, { zh: [], en: [] }),
  }))();
export type Unit = z.infer<typeof UnitSchema>;

export const DirectorySchema = /* @__PURE__ */ (() =>
  z
    .object({
      /** Where a complaint goes when no unit can be recognised in it. */
      defaultBodyId: id,
      bodies: z.array(BodySchema).check(z.minLength(1)),
      units: z.array(UnitSchema),
      referral: z._default(ReferralSchema, {
        after: { zh: [], en: [] },
        before: { zh: [], en: [] },
        alreadyTold: { zh: [], en: [] },
        bodyAfter: { zh: [], en: [] },
        bodyBefore: { zh: [], en: [] },
        toldAddressee: { zh: [], en: [] },
        window: 10,
      }),
    })
    .check(
      z.superRefine((directory, ctx) => {
        const problem = (message: string, path: (string | number)[]) =>
          ctx.addIssue({ code: 'custom', message, path });
        const seen = new Set<string>();
        const claim = (value: string, path: (string | number)[]) => {
          if (seen.has(value)) problem(`duplicate id "${value}"`, path);
          seen.add(value);
        };
        const bodyIds = new Set(directory.bodies.map((body) => body.id));
        const jurisdictions = new Set<string>();
        directory.bodies.forEach((body, i) => {
          claim(body.id, ['bodies', i, 'id']);
          for (const [j, person] of body.people.entries()) claim(person.id, ['bodies', i, 'people', j, 'id']);
          if (body.parent !== null && !bodyIds.has(body.parent)) {
            problem(`unknown parent "${body.parent}"`, ['bodies', i, 'parent']);
          }
          if (jurisdictions.has(body.jurisdiction)) {
            problem(`two bodies share jurisdiction "${body.jurisdiction}"`, ['bodies', i, 'jurisdiction']);
          }
          jurisdictions.add(body.jurisdiction);
        });
        directory.units.forEach((unit, i) => {
          claim(unit.id, ['units', i, 'id']);
          if (!jurisdictions.has(unit.jurisdiction)) {
            problem(`no body has jurisdiction "${unit.jurisdiction}"`, ['units', i, 'jurisdiction']);
          }
        });
        if (!bodyIds.has(directory.defaultBodyId)) {
          problem(`unknown body "${directory.defaultBodyId}"`, ['defaultBodyId']);
        }
        const parents = new Map(directory.bodies.map((body) => [body.id, body.parent]));
        directory.bodies.forEach((body, i) => {
          const visited = new Set<string>();
          for (let at: string | null | undefined = body.id; at; at = parents.get(at)) {
            if (visited.has(at)) {
              problem(`parent chain of "${body.id}" loops`, ['bodies', i, 'parent']);
              return;
            }
            visited.add(at);
          }
        });
      }),
    ))();
export type Directory = z.infer<typeof DirectorySchema>;
export type DirectoryInput = z.input<typeof DirectorySchema>;

/** The people of one body who hold a role, e.g. whom to notify about a new case. */
export function peopleOfBody(directory: Directory, bodyId: string, role?: PersonRole): Person[] {
  const body = directory.bodies.find((candidate) => candidate.id === bodyId);
  if (!body) return [];
  return role ? body.people.filter((person) => person.role === role) : [...body.people];
}
