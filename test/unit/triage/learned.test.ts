import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import modelJson from '#config/triage-model.json' with { type: 'json' };
import { classifyComplaint } from '#domain/triage/classify.ts';
import { loadTriageConfig } from '#domain/triage/config.ts';
import { textFeatures } from '#domain/triage/features.ts';
import {
  compileModel,
  featureVector,
  predict,
  type TriageModelInput,
  TriageModelSchema,
} from '#domain/triage/learned.ts';
import { normaliseText } from '#domain/triage/normalise.ts';
import { triage } from '#domain/triage/triage.ts';
import { loadCorpusSets } from '../../../bench/triage-evaluate.ts';
import { DEFAULT_TRAINING, trainModel } from '../../../bench/triage-train.ts';

/** A hand-made model: "骂" pulls to attitude, "红包" to solicitation, and the lexicon's word counts too. */
const tiny: TriageModelInput = {
  version: 'tiny',
  classes: ['solicitation', 'misconduct', 'obstruction', 'attitude', 'other'],
  scale: 100,
  bias: [0, 0, 0, 0, 100],
  features: ['红包', '骂', '#lex:solicitation', '谢谢'].join('\t'),
  weights: [...[900, 0, 0, 0, 0], ...[0, 0, 0, 900, 0], ...[200, 0, 0, 0, 0], ...[-3000, 0, 0, 0, 3000]],
};

/** Classifies a description with the shipped lexicon and directory and the model given. */
function classifierWith(model: TriageModelInput) {
  const config = loadTriageConfig(triageConfig.directory, triageConfig.lexicon, model);
  return (description: string) =>
    classifyComplaint(normaliseText(description), null, config.classifier, config.model, config.combination);
}

describe('features', () => {
  it('are character n-grams of Chinese, stemmed words of English, figures folded', () => {
    const features = textFeatures(normaliseText('收了2000元 He delayed it'));
    expect(features).toEqual(expect.arrayContaining(['收了', '了0元', 'he ', 'delay ', 'he delay']));
    expect(features.some((feature) => feature.includes('2000'))).toBe(false);
    // A character beyond the basic plane is one character, never split into halves.
    const cantonese = textFeatures(normaliseText('𠮶個人唔做嘢'));
    expect(cantonese).toEqual(expect.arrayContaining(['𠮶', '𠮶个', '𠮶个人']));
    expect(cantonese.every((feature) => feature.isWellFormed())).toBe(true);
  });

  it('weigh long and short complaints alike: n-grams share one unit, signals count one each', () => {
    const vector = featureVector(['a', 'b', 'c', 'd'], ['#lex:attitude']);
    expect(vector.values).toEqual([0.5, 0.5, 0.5, 0.5, 1]);
  });
});

describe('the model', () => {
  const model = compileModel(TriageModelSchema.parse(tiny));

  it('scores probabilities that sum to one and names its strongest features', () => {
    const prediction = predict(model, featureVector(['骂', '红包'], []));
    const total = Object.values(prediction.probabilities).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 9);
    expect(['attitude', 'solicitation']).toContain(prediction.best);
    expect(prediction.strongest('attitude', 3)).toEqual(['骂']);
  });

  it('refuses an artefact whose weights do not match its features', () => {
    expect(TriageModelSchema.safeParse({ ...tiny, weights: [1, 2, 3] }).success).toBe(false);
    expect(TriageModelSchema.safeParse({ ...tiny, classes: ['other'] }).success).toBe(false);
  });

  it('lets a lexicon category stand when the model finds it plausible, and says who decided', () => {
    const result = classifierWith(tiny)('他向我索要红包');
    expect(result.category).toBe('solicitation');
    expect(result.reasons).toContainEqual(
      expect.objectContaining({ rule: 'category.model', decidedBy: 'lexicon', category: 'solicitation' }),
    );
  });

  it('makes money said to go to the official himself a solicitation, whatever the model prefers (R-cat-3, step 1)', () => {
    // A model that reads every complaint as misconduct, unless it is a thank-you.
    const misconductOnly: TriageModelInput = {
      ...tiny,
      bias: [0, 300, 0, 0, 0],
      features: '谢谢',
      weights: [-3000, -3000, -3000, -3000, 3000],
    };
    const decide = classifierWith(misconductOnly);
    const pocket = decide('统计站的人每家收两百块年审费，不开票，钱进了他自己口袋');
    expect(pocket.category).toBe('solicitation');
    expect(pocket.reasons).toContainEqual({
      rule: 'category.to-official',
      terms: ['自己口袋'],
      instead: 'misconduct',
    });
    expect(decide('The clerk charged a 50 yuan form fee and pocketed it').category).toBe('solicitation');
    // Said to go to the office, or denied: the model's reading stands.
    expect(decide('统计站每家收两百块年审费，开了盖章的收据').category).toBe('misconduct');
    expect(decide('统计站每家收两百块年审费，钱没有进他个人腰包，是交到镇财政的').category).toBe(
      'misconduct',
    );
    // Praise stays praise: the rule names a solicitation only in place of another wrong.
    expect(decide('谢谢服务中心的小刘，我塞给他两百块，他说不能进他自己口袋，退给了我').category).toBe(
      'other',
    );
  });

  it('makes a fee for the service with nothing else of a solicitation misconduct (R-cat-3, step 3)', () => {
    // A model that reads every complaint as a solicitation.
    const solicitationOnly: TriageModelInput = {
      ...tiny,
      bias: [300, 0, 0, 0, 0],
      features: '谢谢',
      weights: [0, 0, 0, 0, 0],
    };
    const decide = classifierWith(solicitationOnly);
    const fee = decide('古南统计站的人来普查，每家店收两百块资料费，没有收据');
    expect(fee.category).toBe('misconduct');
    expect(fee.reasons).toContainEqual({ rule: 'category.service-fee', instead: 'solicitation' });
    // A fee said to go to him, asked privately, or beside a solicitation's own words stays a solicitation.
    expect(decide('统计站的人收了两百块资料费，转到他私人微信').category).toBe('solicitation');
    expect(decide('统计站的人私下说交八百块资料费可以帮我过').category).toBe('solicitation');
    expect(decide('统计站的人收了两百块资料费，还要了好处费').category).toBe('solicitation');
  });

  it('overrules a lexicon term the model finds implausible (thanks that mention a red envelope)', () => {
    const result = classifierWith(tiny)('谢谢那位大姐，她不肯收我的红包谢谢');
    expect(result.category).toBe('other');
    expect(result.reasons).toContainEqual(
      expect.objectContaining({ rule: 'category.overruled', category: 'solicitation' }),
    );
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });
});

describe('the shipped artefact', () => {
  it('is small, valid, and loaded into the shipped configuration', () => {
    const bytes = statSync(new URL('../../../config/triage-model.json', import.meta.url)).size;
    // 20,000 features since round 6 (cross-validation chose them, docs/triage.md): about 600 KB as formatted. The
    // bound keeps a careless retrain (every n-gram, or a finer scale) from bloating the worker's bundle unseen.
    expect(bytes).toBeLessThan(700 * 1024);
    const model = TriageModelSchema.parse(modelJson);
    expect(triageConfig.model?.version).toBe(model.version);
  });

  it('reads people as they write: praise that mentions money, indifference told as behaviour', () => {
    const category = (description: string) => triage({ description }, triageConfig).category;
    expect(category('我想表扬古南统计站的小王，我要给他买瓶水他都不要，服务特别耐心，谢谢他')).toBe('other');
    expect(category('三角镇服务中心窗口的人一边嗑瓜子一边聊天，头都不抬，叫了三声才理我')).toBe('attitude');
  });
});

describe('training', () => {
  it('is deterministic: the same complaints and options give the same artefact, another seed another', () => {
    const some = loadCorpusSets().train.slice(0, 120);
    const options = { ...DEFAULT_TRAINING, runs: 1, epochs: 3 };
    const once = trainModel(some, options);
    expect(trainModel(some, options)).toEqual(once);
    expect(trainModel(some, { ...options, seed: options.seed + 100 }).version).not.toBe(once.version);
    expect(TriageModelSchema.safeParse(once).success).toBe(true);
  });
});
