import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functions } from '#catalog';
import directory from '#config/directory.json' with { type: 'json' };
import lexicon from '#config/lexicon.json' with { type: 'json' };
import { routingTable } from '#config/routing-config.ts';
import { OPENCC_DATA_FOLDER } from '#config/simplified-chinese.ts';
import { compiledTriageFiles, compileShippedTriage, REVIEW_RULE } from '#config/triage-compile.ts';
import { triageConfig } from '#config/triage-config.ts';
import { DATA_FILE, ROUTING_DATA_FOLDER, TRIAGE_DATA_FOLDER } from '#config/triage-data.ts';
import model from '#config/triage-model.json' with { type: 'json' };
import {
  type CompiledRoutingData,
  type CompiledTriageData,
  routingTableFromData,
  triageConfigFromData,
  triageDataOf,
} from '#domain/triage/compiled.ts';
import { loadTriageConfig } from '#domain/triage/config.ts';
import { TriageModelSchema } from '#domain/triage/learned.ts';
import { triage } from '#domain/triage/triage.ts';

const shippedText = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const COMPILED_TRIAGE = shippedText(`${TRIAGE_DATA_FOLDER}/${DATA_FILE}`);
const COMPILED_ROUTING = shippedText(`${ROUTING_DATA_FOLDER}/${DATA_FILE}`);
const shipped = JSON.parse(COMPILED_TRIAGE) as CompiledTriageData;

describe('the precompiled triage configuration (config/compiled/)', () => {
  it('is what config/*.json compile to now (after editing them: npm run compile:config)', () => {
    const fresh = compileShippedTriage();
    expect(shipped).toEqual(fresh);
    const files = compiledTriageFiles(fresh);
    expect(Object.keys(files).sort()).toEqual(
      [`${ROUTING_DATA_FOLDER}/${DATA_FILE}`, `${TRIAGE_DATA_FOLDER}/${DATA_FILE}`].sort(),
    );
    for (const [path, text] of Object.entries(files)) expect(shippedText(path), path).toBe(text);
  });

  it('ships each folder to exactly the functions that read it (their catalog access)', () => {
    const readers = (folder: string) =>
      functions
        .filter((spec) => spec.access.some((access) => access.kind === 'assets' && access.folder === folder))
        .map((spec) => spec.name);
    expect(readers(TRIAGE_DATA_FOLDER)).toEqual(['intake-worker']);
    expect(readers(ROUTING_DATA_FOLDER)).toEqual(['cases-detail', 'cases-action']);
    expect(readers(OPENCC_DATA_FOLDER)).toEqual([
      'intake-worker',
      'cases-list',
      'cases-detail',
      'cases-action',
    ]);
  });

  it('loads into exactly the configuration that validating and compiling the sources gives', () => {
    const compiledAtLoad = loadTriageConfig(directory, lexicon, model, { review: REVIEW_RULE });
    // The shipped weights are 16-bit integers (compiled.ts's ModelData); the same numbers as the artefact's list.
    const { model: shippedModel, ...shippedRest } = triageConfig;
    const { model: sourceModel, ...sourceRest } = compiledAtLoad;
    expect(shippedRest).toEqual(sourceRest);
    expect(shippedModel?.weights).toBeInstanceOf(Int16Array);
    expect({ ...shippedModel, weights: Array.from(shippedModel?.weights ?? []) }).toEqual({
      ...sourceModel,
      weights: Array.from(sourceModel?.weights ?? []),
    });
    expect(triageConfig.routing.units).toBeInstanceOf(Map);
    expect(triageConfig.routing.people[0]?.keys).toBeInstanceOf(Set);
  });

  it('differs when a source changes, so a stale artefact cannot pass', () => {
    const edited = structuredClone(lexicon);
    edited.categories.attitude.zh.push('甩脸色给人看');
    const config = loadTriageConfig(directory, edited, model, { review: REVIEW_RULE });
    expect(triageDataOf(config, TriageModelSchema.parse(model), shipped.sources)).not.toEqual(shipped);
  });

  it('triages alike when loaded from the artefact and from the sources', () => {
    const fromSources = loadTriageConfig(directory, lexicon, model, { review: REVIEW_RULE });
    for (const description of [
      '郭扶鎮國土所的劉曉峰辦證時索要好處費三千元，不給就拖著不辦。',
      'The clerk at the Sanjiao service centre shouted at me and refused to take my papers.',
    ]) {
      expect(triage({ description }, triageConfig)).toEqual(triage({ description }, fromSources));
    }
  });

  it('ships the weights as 16-bit integers, and refuses to compile one that does not fit', () => {
    const config = loadTriageConfig(directory, lexicon, model, { review: REVIEW_RULE });
    const artefact = TriageModelSchema.parse(model);
    expect(typeof shipped.model?.weights).toBe('string');
    const tooLarge = { ...artefact, weights: [40_000, ...artefact.weights.slice(1)] };
    expect(() => triageDataOf(config, tooLarge, shipped.sources)).toThrow(/not a 16-bit integer/);
  });

  it('refuses data of another format', () => {
    expect(() => triageConfigFromData({ ...shipped, format: 99 } as unknown as CompiledTriageData)).toThrow(
      /format 99/,
    );
    const routing = JSON.parse(COMPILED_ROUTING) as CompiledRoutingData;
    expect(() => routingTableFromData({ ...routing, format: 99 } as unknown as CompiledRoutingData)).toThrow(
      /format 99/,
    );
  });

  it('gives the functions that only check assignments the same routing table, without lexicon or model', () => {
    expect(routingTable).toEqual(triageConfig.routing);
    expect(routingTable.bodies).toBeInstanceOf(Map);
    const routing = JSON.parse(COMPILED_ROUTING) as Record<string, unknown>;
    expect(Object.keys(routing).sort()).toEqual(['format', 'routing', 'sources']);
    expect(routing.sources).toBe(shipped.sources);
  });
});
