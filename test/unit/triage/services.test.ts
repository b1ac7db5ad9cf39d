import { describe, expect, it } from 'vitest';
import directoryJson from '#config/directory.json' with { type: 'json' };
import { triageConfig } from '#config/triage-config.ts';
import { DirectorySchema } from '#domain/triage/directory.ts';
import { normaliseText } from '#domain/triage/normalise.ts';
import { compileRoutingTable } from '#domain/triage/routing-table.ts';
import { findSubjectUnit, subjectFeatures, UNIT_CONFIDENCE } from '#domain/triage/subject.ts';
import { triage } from '#domain/triage/triage.ts';

const routing = triageConfig.routing;
const subject = (text: string, field?: string) => findSubjectUnit(field, normaliseText(text), routing);

describe('a unit found by what it does', () => {
  it('finds the office from the service alone, in either language', () => {
    expect(subject('我去郭扶办宅基地审批，材料交了没人管').unitId).toBe('guofu-land-office');
    expect(subject('在古南交统计报表的时候被骂了').unitId).toBe('gunan-stats-station');
    expect(subject('三角镇办低保的窗口').unitId).toBe('sanjiao-service-center');
    expect(subject('my business licence application has been stuck for weeks').unitId).toBe(
      'district-admin-center',
    );
    expect(subject('the homestead approval in Guofu').reason).toMatchObject({
      rule: 'unit.service',
      unitId: 'guofu-land-office',
      place: 'Guofu',
    });
  });

  it('lets the place decide between the units offering a service', () => {
    // Both town governments have a mayor; the place named picks one.
    expect(subject('三角镇的镇长说这个不归他管').unitId).toBe('sanjiao-government');
    expect(subject('the deputy mayor of Guofu took the file').unitId).toBe('guofu-government');
  });

  it('is unsure when no place decides between several, and says which it weighed', () => {
    const finding = subject('镇长说这个不归他管');
    expect(finding.reason).toMatchObject({ rule: 'unit.service' });
    expect(finding.reason.rule === 'unit.service' && finding.reason.candidates).toEqual([
      'guofu-government',
      'sanjiao-government',
    ]);
    expect(finding.confidence).toBe(UNIT_CONFIDENCE.serviceGuess);
    // With the unit-guess flag on (an option, off by default since round 11: the guess was right 76 times in 79 in
    // cross-validation), the case is flagged and says which units were weighed.
    const description = '镇长说这个不归他管，推来推去';
    const result = triage(
      { description },
      { ...triageConfig, review: { ...triageConfig.review, unitGuess: true } },
    );
    expect(result.needsReview).toBe(true);
    expect(result.reasons).toContainEqual({
      rule: 'review.flag',
      flag: 'unit-guess',
      detail: 'guofu-government, sanjiao-government',
    });
    expect(
      triage({ description }, triageConfig).reasons.filter(
        (reason) => reason.rule === 'review.flag' && reason.flag === 'unit-guess',
      ),
    ).toEqual([]);
  });

  it('rules a unit of one place out when only another place is named', () => {
    // 低保 is offered only by the Sanjiao centre in this directory: a 低保 matter in Gunan is not its.
    expect(subject('古南街道办低保的人态度很差').unitId).toBeNull();
  });

  it('takes a unit named in the text over a service typed in the form', () => {
    expect(subject('我想举报郭扶镇政府的干部', '国土所').unitId).toBe('guofu-government');
    expect(subject('材料交了三个月', '郭扶 宅基地').unitId).toBe('guofu-land-office');
  });

  it('refuses a directory whose services are not lists of words', () => {
    const broken = structuredClone(directoryJson) as unknown as { units: { services: unknown }[] };
    const [unit] = broken.units;
    if (unit) unit.services = { zh: '低保' };
    expect(DirectorySchema.safeParse(broken).success).toBe(false);
  });
});

describe('an office mentioned as the referrer', () => {
  it('is passed over, and the unit complained about is the subject', () => {
    const finding = subject('区纪委让我打这个电话，反映三角镇便民服务中心的人索要红包');
    expect(finding.unitId).toBe('sanjiao-service-center');
    expect(finding.passedOver).toEqual([{ rule: 'unit.referrer', unitId: 'district-cdi', term: '区纪委' }]);
    expect(subject('郭扶纪委的同志建议我反映三角镇服务中心的问题').unitId).toBe('sanjiao-service-center');
    expect(subject('Referred by the Guofu CDI: the Gunan stats station keeps losing my forms').unitId).toBe(
      'gunan-stats-station',
    );
  });

  it('does not lend its place to a service: the referring town body is not where the matter is', () => {
    expect(subject('郭扶纪委的同志建议我打这个电话，三角镇办低保的窗口一直拖着').unitId).toBe(
      'sanjiao-service-center',
    );
  });

  it('stays the subject when it is a body already told and nothing else is named', () => {
    // Safer to take the body as the subject than to hand it a complaint about itself.
    const finding = subject('我三个月前已经向区纪委反映过，到现在没有任何回复');
    expect(finding.unitId).toBe('district-cdi');
    expect(finding.confidence).toBe(UNIT_CONFIDENCE.toldOnly);
    const result = triage({ description: '我三个月前已经向区纪委反映过，到现在没有任何回复' }, triageConfig);
    expect(result.bodyId).toBe('city-cdi');
    // Taken as the subject for safety, and routed above it: no review flag for that alone (docs/triage.md).
    expect(
      result.reasons.filter((reason) => reason.rule === 'review.flag' && reason.flag === 'unit-guess'),
    ).toEqual([]);
  });

  it('is flagged when it is a discipline body and the text names another office too', () => {
    // An option, off by default since round 11 (it caught 4 misses among 60 complaints of new writers).
    const on = { ...triageConfig.review, subjectBody: true };
    const flags = (description: string, review = on) =>
      triage({ description }, { ...triageConfig, review }).reasons.filter(
        (reason) => reason.rule === 'review.flag' && reason.flag === 'subject-body',
      );
    // The body is taken as the subject; the station whose fee it got back may be what the matter is about.
    const thanks = '区纪委的孙立军同志去年帮我们把古南统计站多收的三百块资料费要了回来。';
    expect(flags(thanks)).toEqual([
      { rule: 'review.flag', flag: 'subject-body', detail: 'gunan-stats-station' },
    ]);
    // Thanked by name for it, the body is passed over and the station is the subject (R-unit-4, round 11).
    expect(
      triage(
        { description: '感谢区纪委的孙立军同志，去年古南统计站多收我们三百块资料费，是他帮我们要回来的。' },
        triageConfig,
      ).unitId,
    ).toBe('gunan-stats-station');
    // By a service as well as by a name: 低保 is the Sanjiao centre's.
    expect(flags('我去年就向三角镇纪委反映过办低保的人收了三百块，到现在没有回音')).toEqual([
      { rule: 'review.flag', flag: 'subject-body', detail: 'sanjiao-service-center' },
    ]);
    // A body alone, or an office as the subject beside a body told, is no such doubt.
    expect(flags('我三个月前已经向区纪委反映过，到现在没有任何回复')).toEqual([]);
    expect(flags('郭扶国土所的人让我送两条烟，我已经向区纪委反映过')).toEqual([]);
    expect(flags(thanks, { ...triageConfig.review, subjectBody: false })).toEqual([]);
    expect(flags(thanks, triageConfig.review)).toEqual([]);
  });

  it('is a discipline body that sent the reporter on or was addressed, never an office pushing people around', () => {
    // "让其…" after a window is the runaround itself: the office stays the subject.
    expect(subject('在区行政服务中心补办社保卡，窗口说系统故障让其改天').unitId).toBe(
      'district-admin-center',
    );
    // The same words after a discipline body refer the reporter on.
    expect(subject('区纪委让其向郭扶国土所的上级反映，郭扶国土所一直拖着').unitId).toBe('guofu-land-office');
    expect(subject('古南纪工委的同志让我在网上提交。古南统计站的人一直在聊天').unitId).toBe(
      'gunan-stats-station',
    );
    // A letter's salutation names whom it is written to, not whom it is about.
    expect(subject('尊敬的区纪委领导：郭扶镇的副镇长把补偿款给了他亲戚').unitId).toBe('guofu-government');
    // "经过" before an office is only a route taken ("已经过三角镇政府各部门审核"), not a referral.
    expect(subject('材料已经过三角镇政府各部门审核，只差领导签字，压了十天').unitId).toBe(
      'sanjiao-government',
    );
  });

  it('does not let a passing mention of the top body hide the office complained about', () => {
    expect(
      subject(
        'I read an interview with the City CDI on favours. An officer at the Guofu land office wanted 800 yuan',
      ).unitId,
    ).toBe('guofu-land-office');
    // Alone, it is the subject (and routing it is left to people: no body is above it).
    expect(subject('市纪委的接待人员态度很差').unitId).toBe('city-cdi');
  });

  it('remembers every body the reporter already turned to, even one named after the subject', () => {
    const finding = subject(
      '我们把三角镇服务中心的问题写成材料交给三角镇纪委，纪委的同志说这个事情他们不管，材料也没收',
    );
    expect(finding.unitId).toBe('sanjiao-service-center');
    expect(finding.alreadyTold).toEqual(['sanjiao-cdi']);
  });

  it('tells the model whether the complaint names an office at all, and what kind', () => {
    const features = (text: string) => subjectFeatures(subject(text), routing);
    expect(features('隔壁邻居天天半夜打麻将')).toEqual(['#unit:none']);
    expect(features('郭扶国土所的人态度很差')).toEqual([]);
    expect(features('三角镇政府的领导吃拿卡要')).toEqual(['#unit:leadership']);
    expect(features('古南纪工委的人不理我')).toEqual(['#unit:body']);
  });

  it('is a unit like any other when no referral cue stands near it', () => {
    expect(subject('区纪委的工作人员接待时态度恶劣').unitId).toBe('district-cdi');
  });
});

describe('the shipped directory', () => {
  it('gives every unit a service and every town a place, in both languages', () => {
    const directory = DirectorySchema.parse(directoryJson);
    for (const unit of directory.units) {
      expect(unit.services.zh.length, unit.id).toBeGreaterThan(0);
      expect(unit.services.en.length, unit.id).toBeGreaterThan(0);
    }
    const towns = directory.bodies.filter((body) => !['city', 'district'].includes(body.jurisdiction));
    for (const body of towns) expect(body.places.length, body.id).toBeGreaterThan(0);
    expect(compileRoutingTable(directory).services.length).toBeGreaterThan(50);
  });
});
