// The triage configuration as plain JSON data, compiled ahead of time (config.ts, `npm run compile:config`): every
// term and alias already normalised, every table already built, so a cold start parses one JSON string instead of
// validating with zod and normalising the lexicon and the directory. This module builds no schema.
import type { ClassifierTables } from './classify.ts';
import type { TriageConfig } from './config.ts';
import type { Directory } from './directory.ts';
import type { Lexicon } from './lexicon.ts';
import type { KnownPerson, RoutingBody, RoutingTable, SubjectUnit } from './routing-table.ts';
import { compileModel, type ModelWeights } from './scoring.ts';

/** Bumped whenever the shape below changes: an artefact of another format is refused, never misread. */
export const COMPILED_TRIAGE_FORMAT = 4;

/** A routing table with its maps and sets as entry lists, so that it survives JSON.stringify. */
export interface RoutingTableData
  extends Omit<RoutingTable, 'units' | 'placed' | 'bodies' | 'bodyOfJurisdiction' | 'people'> {
  readonly units: readonly (readonly [string, SubjectUnit])[];
  readonly placed: readonly string[];
  readonly bodies: readonly (readonly [string, RoutingBody])[];
  readonly bodyOfJurisdiction: readonly (readonly [string, string])[];
  readonly people: readonly (Omit<KnownPerson, 'keys'> & { readonly keys: readonly string[] })[];
}

/**
 * The model as data: its weights as base64 of little-endian 16-bit integers instead of a JSON list of 22,500
 * numbers, which took a cold start ~2 ms more to read and parse.
 */
export interface ModelData extends Omit<ModelWeights, 'weights'> {
  readonly weights: string;
}

/** Weights fit 16 bits by construction (small integers, `scale` per unit): checked when compiled. */
function encodeWeights(weights: ArrayLike<number>): string {
  const bytes = new DataView(new ArrayBuffer(weights.length * 2));
  for (let i = 0; i < weights.length; i += 1) {
    const weight = weights[i] ?? 0;
    if (!Number.isInteger(weight) || weight < -32768 || weight > 32767) {
      throw new Error(`weight ${i} (${weight}) is not a 16-bit integer`);
    }
    bytes.setInt16(i * 2, weight, true);
  }
  return Buffer.from(bytes.buffer).toString('base64');
}

/** Whether this machine stores integers little-endian (every Lambda architecture does): then decoding is a copy. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function decodeWeights(base64: string): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  if (LITTLE_ENDIAN) {
    return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Int16Array(bytes.byteLength / 2);
  for (let i = 0; i < weights.length; i += 1) weights[i] = view.getInt16(i * 2, true);
  return weights;
}

export interface CompiledTriageData {
  readonly format: typeof COMPILED_TRIAGE_FORMAT;
  /** A digest of the source files the data was compiled from, for people; a test recompiles them and compares. */
  readonly sources: string;
  readonly directory: Directory;
  readonly lexicon: Lexicon;
  readonly classifier: ClassifierTables;
  readonly routing: RoutingTableData;
  /** The learned model without its training notes; its row map is rebuilt at load (cheap, see scoring.ts). */
  readonly model?: ModelData;
  readonly combination: TriageConfig['combination'];
  readonly utcOffsetMinutes: number;
  readonly review: TriageConfig['review'];
}

/** The data form of a compiled configuration (the inverse of `triageConfigFromData`). */
export function triageDataOf(
  config: TriageConfig,
  model: ModelWeights | undefined,
  sources: string,
): CompiledTriageData {
  const { routing } = config;
  return {
    format: COMPILED_TRIAGE_FORMAT,
    sources,
    directory: config.directory,
    lexicon: config.lexicon,
    classifier: config.classifier,
    routing: {
      ...routing,
      units: [...routing.units],
      placed: [...routing.placed],
      bodies: [...routing.bodies],
      bodyOfJurisdiction: [...routing.bodyOfJurisdiction],
      people: routing.people.map((person) => ({ ...person, keys: [...person.keys] })),
    },
    ...(model === undefined
      ? {}
      : {
          model: {
            version: model.version,
            classes: model.classes,
            scale: model.scale,
            bias: model.bias,
            features: model.features,
            weights: encodeWeights(model.weights),
          },
        }),
    combination: config.combination,
    utcOffsetMinutes: config.utcOffsetMinutes,
    review: config.review,
  };
}

/**
 * The routing table alone, for functions that check who may handle a case but never triage one (a case's
 * detail, an investigator's action): they load this instead of the lexicon and the model.
 */
export interface CompiledRoutingData {
  readonly format: typeof COMPILED_TRIAGE_FORMAT;
  readonly sources: string;
  readonly routing: RoutingTableData;
}

/** The routing part of a compiled configuration. */
export function routingDataOf(data: CompiledTriageData): CompiledRoutingData {
  return { format: data.format, sources: data.sources, routing: data.routing };
}

function checkFormat(data: { readonly format?: unknown } | undefined): void {
  if (data?.format !== COMPILED_TRIAGE_FORMAT) {
    throw new Error(
      `compiled triage data has format ${data?.format}; this code reads ${COMPILED_TRIAGE_FORMAT}`,
    );
  }
}

function routingTableOf(routing: RoutingTableData): RoutingTable {
  return {
    ...routing,
    units: new Map(routing.units),
    placed: new Set(routing.placed),
    bodies: new Map(routing.bodies),
    bodyOfJurisdiction: new Map(routing.bodyOfJurisdiction),
    people: routing.people.map((person) => ({ ...person, keys: new Set(person.keys) })),
  };
}

/** The ready routing table from its data form, as JSON.parse returns it; refuses data of another format. */
export function routingTableFromData(data: CompiledRoutingData): RoutingTable {
  checkFormat(data);
  return routingTableOf(data.routing);
}

/** The ready configuration from its data form, as JSON.parse returns it; refuses data of another format. */
export function triageConfigFromData(data: CompiledTriageData): TriageConfig {
  checkFormat(data);
  return {
    directory: data.directory,
    lexicon: data.lexicon,
    classifier: data.classifier,
    routing: routingTableOf(data.routing),
    ...(data.model === undefined
      ? {}
      : { model: compileModel({ ...data.model, weights: decodeWeights(data.model.weights) }) }),
    combination: data.combination,
    utcOffsetMinutes: data.utcOffsetMinutes,
    review: data.review,
  };
}
