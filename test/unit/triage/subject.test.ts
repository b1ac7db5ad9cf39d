import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import { normaliseText } from '#domain/triage/normalise.ts';
import { findNamedPeople, findSubjectUnit } from '#domain/triage/subject.ts';

const routing = triageConfig.routing;
const subject = (field: string | undefined, text: string) =>
  findSubjectUnit(field, normaliseText(text), routing);

describe('findSubjectUnit', () => {
  it('takes the form field when it names a known unit, by id, name or alias', () => {
    expect(subject('gunan-stats-station', '').unitId).toBe('gunan-stats-station');
    expect(subject('三角镇人民政府', '').unitId).toBe('sanjiao-government');
    expect(subject('郭扶國土所', '').reason).toEqual({
      rule: 'unit.field',
      unitId: 'guofu-land-office',
      term: '郭扶国土所',
    });
    expect(subject('the Sanjiao service centre', '').unitId).toBe('sanjiao-service-center');
  });

  it('falls back to the text when the field names no known unit', () => {
    expect(subject('某某派出所', '我在古南统计站办事').unitId).toBe('gunan-stats-station');
  });

  it('finds a unit by alias in Simplified, Traditional and English text', () => {
    expect(subject(undefined, '郭扶镇国土资源管理所的人').unitId).toBe('guofu-land-office');
    expect(subject(undefined, '三角鎮便民服務中心的人').unitId).toBe('sanjiao-service-center');
    expect(subject(undefined, 'the Guofu Town Government refused').unitId).toBe('guofu-government');
    expect(subject(undefined, 'at the business registration window').unitId).toBe('district-admin-center');
  });

  it('treats investigating bodies as units', () => {
    expect(subject(undefined, '郭扶镇纪委的人').unitId).toBe('guofu-cdi');
    expect(subject(undefined, 'the District CDI').unitId).toBe('district-cdi');
  });

  it('prefers the longest alias at the same place and the first unit mentioned', () => {
    expect(subject(undefined, '区行政服务中心').reason).toEqual({
      rule: 'unit.alias',
      unitId: 'district-admin-center',
      term: '区行政服务中心',
    });
    expect(subject(undefined, '古南统计站让我去三角镇政府').unitId).toBe('gunan-stats-station');
  });

  it('says when no unit is found', () => {
    expect(subject(undefined, '派出所的人态度不好')).toMatchObject({
      unitId: null,
      reason: { rule: 'unit-unknown' },
      passedOver: [],
    });
  });
});

describe('findNamedPeople', () => {
  it('recognises the official named in the form in either script or romanisation', () => {
    expect(findNamedPeople('劉曉峰', '', routing)).toEqual([
      { personId: 'guofu-cdi-investigator', bodyId: 'guofu-cdi', source: 'officialName' },
    ]);
    expect(findNamedPeople('liu xiaofeng', '', routing)[0]?.personId).toBe('guofu-cdi-investigator');
  });

  it('recognises directory people mentioned in the description', () => {
    expect(findNamedPeople(undefined, normaliseText('镇纪委的陈建国也在场'), routing)).toEqual([
      { personId: 'guofu-cdi-supervisor', bodyId: 'guofu-cdi', source: 'text' },
    ]);
  });

  it('finds nobody for a name outside the directory', () => {
    expect(findNamedPeople('王小明', normaliseText('王小明收了红包'), routing)).toEqual([]);
  });
});
