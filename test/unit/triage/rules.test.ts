// One test per rule of docs/triage.md, Part 1 ("The rules"), named by the rule's id, on examples of our own (not
// texts of the labelled corpus). Rules that depend only on the lexicon and the directory are checked without the
// learned model, so a retrained model cannot make them pass or fail.
import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import { triageInputOf } from '#domain/case-triage.ts';
import { readSignals } from '#domain/triage/classify.ts';
import { clauseAround, sentenceAround } from '#domain/triage/clauses.ts';
import { loadTriageConfig } from '#domain/triage/config.ts';
import { dayOf, findDates, isoOf, statedNow } from '#domain/triage/dates.ts';
import { readAmountField } from '#domain/triage/demand.ts';
import { extractDelays } from '#domain/triage/duration.ts';
import type { TriageInput } from '#domain/triage/model.ts';
import { normaliseText, normaliseWithPauses } from '#domain/triage/normalise.ts';
import { findQuantities } from '#domain/triage/numbers.ts';
import { ConflictOfInterestError, implicatedBodies } from '#domain/triage/route.ts';
import { findNamedPeople, findSubjectUnit } from '#domain/triage/subject.ts';
import { triage } from '#domain/triage/triage.ts';
import { CorpusEntrySchema, evaluateCorpus } from '../../../bench/triage-evaluate.ts';
import { intakeMessage } from '../../support/complaints.ts';

const lexiconOnly = loadTriageConfig(triageConfig.directory, triageConfig.lexicon);
const read = (input: string | TriageInput) =>
  triage(typeof input === 'string' ? { description: input } : input, lexiconOnly);
const values = (text: string) => findQuantities(normaliseText(text)).map((quantity) => quantity.value);
const subject = (text: string, field?: string) =>
  findSubjectUnit(field, normaliseText(text), triageConfig.routing).unitId;
const delays = (text: string, receivedAt?: string) => {
  const { text: normalised, pauses } = normaliseWithPauses(text);
  const receivedOn =
    receivedAt === undefined ? null : Math.floor((Date.parse(receivedAt) + 8 * 3_600_000) / 86_400_000);
  return extractDelays(normalised, { ownTime: lexiconOnly.classifier.ownTime, receivedOn, pauses }).map(
    (delay) => delay.days,
  );
};
const longest = (text: string, receivedAt?: string) => Math.max(0, ...delays(text, receivedAt));
const at = (text: string, needle: string) => normaliseText(text).indexOf(needle);
const outsideContext = (text: string) =>
  readSignals(normaliseText(text), lexiconOnly.classifier).context.includes('outside');

describe('2. Reading a complaint', () => {
  it('R-text-1: a sentence ends at 。！？； a line break or a full stop and a space, never at a comma', () => {
    const text = normaliseText('我去区纪委反映过，他们让我打这个电话。国土所的人要钱\nThe clerk. He asked');
    const first = sentenceAround(text, at(text, '区纪委'));
    expect(text.slice(first.start, first.end)).toBe('我去区纪委反映过,他们让我打这个电话');
    const second = sentenceAround(text, text.indexOf('国土所'));
    expect(text.slice(second.start, second.end)).toBe('国土所的人要钱');
    const english = sentenceAround(text, text.indexOf('he asked'));
    expect(text.slice(english.start, english.end).trim()).toBe('he asked');
  });

  it('R-text-2: a clause also ends at a comma, an enumeration comma or a colon', () => {
    const text = normaliseText('等了十天，我在外地打工两个月');
    const clause = clauseAround(text, text.indexOf('打工'));
    expect(text.slice(clause.start, clause.end)).toBe('我在外地打工两个月');
  });

  it('R-text-3: a space between two Chinese characters is a pause, yet names are read across it', () => {
    const { text, pauses } = normaliseWithPauses('扯了快两个月了 奶奶住院的钱是借的');
    expect(text).toBe('扯了快两个月了奶奶住院的钱是借的');
    const clause = clauseAround(text, text.indexOf('两个月'), pauses);
    expect(text.slice(clause.start, clause.end)).toBe('扯了快两个月了');
    // The hospital stay belongs to the next clause: the two months are a wait, not the reporter's own time.
    expect(longest('扯了快两个月了 奶奶住院的钱是借的')).toBe(60);
    expect(subject('我在三角 服务中心办事')).toBe('sanjiao-service-center');
  });

  it('R-text-4: Traditional and Simplified, full-width and half-width, capitals are the same', () => {
    expect(normaliseText('紅包 ＲＭＢ１，０００')).toBe(normaliseText('红包 rmb1,000'));
  });

  it('R-num-1: spoken and written forms of a number are the same number', () => {
    expect(values('一千五，两万五，1.5万，1万5，1.5w，2k，2千，1w')).toEqual([
      1500, 25000, 15000, 15000, 15000, 2000, 2000, 10000,
    ]);
    expect(values('二〇〇八年')).toEqual([2008]);
  });

  it('R-num-2: 多, 几, 来 and spoken ranges count at their lower end', () => {
    expect(values('一千多，好几千，几百，两三千，三五百，七八百')).toEqual([1000, 2000, 200, 2000, 300, 700]);
    // 多, 来 or 余 before a larger unit belongs to the number: 二十来万 is 200,000, not 20 and 10,000.
    expect(values('二十来万，十多万，一百多万')).toEqual([200000, 100000, 1000000]);
    expect(longest('拖了十五六天')).toBe(15);
    // 好几 after a ten is 几; X把 is X.
    expect(longest('等了二十好几天')).toBe(22);
    expect(values('千把块')).toEqual([1000]);
    expect(longest('等了个把月了')).toBe(30);
  });

  it('R-num-3: nearly X counts as X (and is recorded as nearly); an upper bound counts as nothing', () => {
    expect(findQuantities(normaliseText('快两千'))).toEqual([
      { value: 2000, start: 1, end: 3, nearly: true },
    ]);
    expect(read('区行政服务中心的人要了快两千才办').severity).toBe('critical');
    expect(longest('材料交上去将近一个月了')).toBe(30);
    expect(longest('不到一个月')).toBe(0);
    expect(longest('we have waited not quite a month')).toBe(0);
    // A sum said as an upper bound is no sum: the demand is unknown, not a thousand.
    expect(read('三角镇服务中心的人要我给他不到一千块钱就帮我办').severity).toBe('high');
    expect(
      read(
        'The clerk at the Sanjiao centre asked my wife for a bit under a thousand yuan to push it through.',
      ).demand?.amount ?? null,
    ).toBeNull();
    expect(read('三角镇服务中心的人找我要一千块').severity).toBe('critical');
    // In the form's field as in the text.
    expect(readAmountField('快2000', normaliseText, lexiconOnly.classifier.demand)).toMatchObject({
      amount: 2000,
      nearly: true,
    });
  });

  it('R-num-4: a figure said twice is one figure', () => {
    expect(read('三角镇服务中心的人要五百 五百才给办').demand?.amount).toBe(500);
    // Said again after a pause, it is still what it was the first time: a reimbursement, not the demand.
    const repeated = read('三角镇服务中心 报销 我妈住院报了八千 八千 她说 要给她八百 才给报');
    expect(repeated.demand?.amount).toBe(800);
    expect(repeated.severity).toBe('high');
    // A word said twice says it once: one payment, no repetition.
    expect(read('郭扶国土所的人要好处 他收了 收了五百才给我量的').severity).toBe('high');
  });

  it('R-num-5: a 包 that promises the result is no counter, and a place name is no digit', () => {
    expect(read('郭扶国土所的人私下表示给2k包过').demand).toMatchObject({ amount: 2000 });
    expect(read('三角镇服务中心的人索要好处，说两千包你批下来').demand).toMatchObject({ amount: 2000 });
    expect(read('三角镇服务中心的人索要好处，说买两包烟就给办').demand).toMatchObject({ amount: null });
    expect(values('报了六千 六千 三角镇便民中心的人要六百')).toEqual([6000, 6000, 600]);
  });

  it('R-num-5: counters, years, file numbers and phone numbers are not money', () => {
    const demand = read('12345工单HX240702-1183：国土所的人要我拿两条烟，他电话13812345678').demand;
    expect(demand).toMatchObject({ amount: null, goods: ['cigarettes'] });
  });
});

describe('3. Categories', () => {
  it('R-cat-1: a gift the official turned down is no solicitation; one the reporter refused still is', () => {
    expect(read('我硬塞给国土所的小王一条烟，他坚决不收，还帮我把表填好了').category).not.toBe(
      'solicitation',
    );
    expect(
      read('I offered the clerk at the Sanjiao service centre a red envelope but she refused.').category,
    ).not.toBe('solicitation');
    expect(read('国土所的人索要五百，我没给').category).toBe('solicitation');
    // Accepted, though nobody asked for it.
    expect(read('听人说要送礼，我就给郭扶国土所的人送了两瓶酒，他收下才签字').category).toBe('solicitation');
  });

  it("R-cat-2: the form's amount field never makes a complaint a solicitation", () => {
    expect(read({ description: '三角镇服务中心的人态度很差', amountDemanded: '500' }).category).toBe(
      'attitude',
    );
  });

  it('R-cat-4: several wrongs: the first category in order wins, whoever did them', () => {
    expect(read('三角镇服务中心的低保拖了半年，名额都给了关系户')).toMatchObject({
      category: 'misconduct',
      severity: 'high',
    });
    // The centre's wrong and a body's slowness: a solicitation about the centre; the body told is passed over.
    expect(read('三角镇服务中心的人收钱的事，我半年前就向区纪委反映了，到现在一点回音都没有')).toMatchObject({
      category: 'solicitation',
      unitId: 'sanjiao-service-center',
      bodyId: 'sanjiao-cdi',
    });
  });

  it('R-cat-5: obstruction needs an outcome; manner alone is attitude', () => {
    expect(read('三角镇服务中心的人态度很差，说这个不归我们管，到现在还没办好').category).toBe('obstruction');
    expect(read('三角镇服务中心的人一直玩手机，让我在外面等着，看都不看我的材料').category).toBe('attitude'); // Sent away, or the answer owed refused, is an outcome: obstruction.
    expect(read('我去三角镇服务中心问低保的事，那个人头都不抬，说你去问别人').category).toBe('obstruction');
    expect(read('古南纪工委接电话的人说这种事不归他管，就把电话挂了').category).toBe('obstruction');
    expect(
      read('Called the Gunan stats station about the monthly form; the woman said "not my job".').category,
    ).toBe('obstruction');
  });

  it('R-cat-6: a word that names the practice is a solicitation without a sum, and so is a hint', () => {
    expect(read('三角镇服务中心的人吃拿卡要，群众意见很大')).toMatchObject({
      category: 'solicitation',
      severity: 'high',
    });
    expect(read('三角镇服务中心的人说办这个要懂事哦')).toMatchObject({ category: 'solicitation' });
    // The hints Part 1 gives, and a gesture: each a solicitation by itself.
    expect(read('区行政服务中心窗口的小哥说现在办事嘛，大家都懂的，然后就把材料推到一边')).toMatchObject({
      category: 'solicitation',
    });
    expect(read('三角镇政府的办事员翻着我的材料问我你抽烟不，我说不抽，他就说先放这')).toMatchObject({
      category: 'solicitation',
    });
    expect(read('去郭扶国土所问宅基地审批怎么才能快一点，那个办事员没说话，笑着搓了搓手指')).toMatchObject({
      category: 'solicitation',
    });
    expect(read('去古南统计站请他们解锁账号，那个人把大拇指在食指上搓了搓，看着我笑')).toMatchObject({
      category: 'solicitation',
    });
    // A meal or goods asked over the papers, as people say it.
    expect(read('三角镇服务中心办低保的李姐让我先请她吃饭，吃完才报上去').category).toBe('solicitation');
    expect(read('古南统计站的人每回签字都要我们塞包烟').category).toBe('solicitation');
    expect(read('郭扶国土所的人说想快点批就给两百块茶钱').category).toBe('solicitation');
  });
});

// R-cat-3 is a reading the learned model makes (where the money goes is said in too many ways for a word list):
// checked with the shipped model, so a retrained model that no longer follows it fails here.
describe('3. Categories, as the shipped model reads them', () => {
  const withModel = (description: string) => triage({ description }, triageConfig).category;

  it('R-cat-3: to the official, a solicitation; to the office, or a charge for the service, misconduct', () => {
    expect(withModel('古南统计站的人来普查，说每家店要交两百块辛苦费，没有收据，钱直接揣进他自己兜里')).toBe(
      'solicitation',
    );
    expect(
      withModel('三角镇服务中心补办医保卡，窗口收了我五十块工本费，给了盖中心公章的收据，可墙上写着免费'),
    ).toBe('misconduct');
    // Neither said: a charge for the service or its papers is misconduct, money for a favour a solicitation.
    expect(
      withModel('古南统计站的人来普查，说每家店要交两百块资料费，没有收据，我们这条街七八家店都给了'),
    ).toBe('misconduct');
    expect(withModel('郭扶国土所的人说给他三百块加急费就能今天办，没有收据')).toBe('solicitation');
    // Asking whether a charge already made should have been made questions it; a charge nobody made is a question.
    expect(withModel('三角镇服务中心补办社保卡收了我二十块，给了发票，这个该收吗？')).toBe('misconduct');
    expect(withModel('听说在三角镇服务中心补办社保卡要交二十块，是真的吗？')).toBe('other');
    // His family's account is his own (step 1), whatever the money is called.
    expect(withModel('三角镇服务中心办临时救助的那个人让我把三百块手续费转到她老公的银行卡上')).toBe(
      'solicitation',
    );
    // Money sent to her phone is to her; turning back to her phone is only rudeness.
    expect(
      withModel('The clerk at the Sanjiao service centre wanted 300 yuan transferred to her phone.'),
    ).toBe('solicitation');
    expect(
      withModel(
        'The lady at counter 3 of the Sanjiao service centre did not even look up at me, said go learn Chinese first and went back to her phone.',
      ),
    ).toBe('attitude');
  });
});

describe('4. Severity', () => {
  it('R-threat-1: harm on a refusal is a threat; withholding the service asked for is not', () => {
    expect(read('三角镇服务中心的人要我给五百，说不给的话年底复核就把我的低保停了').severity).toBe(
      'critical',
    );
    // Taking away what the reporter has, in other words: cancelled, or a review it "may not pass".
    expect(read('三角镇服务中心的人找我要五百块好处费，不交的话年底复核就把低保取消').severity).toBe(
      'critical',
    );
    expect(
      read('三角镇服务中心管低保的人要五百块茶水费，还说不给的话高龄补贴明年复核就不一定过得了').severity,
    ).toBe('critical');
    expect(
      read(
        'The Gunan stats station officer demanded a bribe and said our form might get lost unless we paid 300.',
      ).severity,
    ).toBe('critical');
    expect(read('郭扶国土所的人说不给钱就不给你盖章，要五百').severity).toBe('high');
    // Doing the service worse than its due is a threat; the procedure the payment would skip is not.
    expect(read('郭扶国土所来量地的人要我给五百，说不给就按最窄的给你量').severity).toBe('critical');
    // So is the payment asked as the condition of the service done as due: it says it will be done short.
    expect(read('郭扶国土所来量地的人说要拿点烟钱才给我量够，我给了五百').severity).toBe('critical');
    // Harm on a refusal in the official's own words: a fine and a demolition.
    expect(read('郭扶国土所的人索要五百，说不给他的话，就按违建罚我五千，还要拆').severity).toBe('critical');
    expect(read('郭扶国土所的人要我给五百，说不给就得本人来排队').severity).toBe('high');
    // The reporter's own fear is not what the official said.
    const feared = read('郭扶国土所的人要我给五百才给批，我担心不给的话他会把我的低保停了');
    expect(feared.severity).toBe('high');
    expect(read('郭扶国土所的人要我给五百才给批，他说不给的话就把我的低保停了').severity).toBe('critical');
    expect(read('郭扶国土所的人要我给五百，我怕他报复').severity).toBe('high');
    // A fine dropped for a payment is no threat; a fine on a refusal is.
    expect(read('郭扶国土所的人索要好处，说罚款五千，给他三百就免了').severity).toBe('high');
    expect(read('三角镇服务中心的人索要五百，说不给就罚你五千').severity).toBe('critical');
    expect(read('三角镇服务中心管低保的人索要好处，说不给他包三百块，就把我屋头的低保停了').severity).toBe(
      'critical',
    );
    // A threat asked as a question, and retaliation asked as one, are said all the same.
    expect(
      read('三角镇服务中心管低保的人跟她讲：你家的低保今年还想不想要了？过年的时候要懂点事哦').severity,
    ).toBe('critical');
    expect(
      read('我举报郭扶国土所的人索要好处费，这个月他就说我家房子是违建要拆，这不是打击报复是什么？').severity,
    ).toBe('critical');
    // A condition told as "if you don't bring …": the harm it names is a threat.
    expect(read('郭扶国土所来量地的人说 你不拿两条烟来 我就给你量窄点').severity).toBe('critical');
    expect(
      read(
        "The land office clerk asked for money: if he didn't get 500 yuan, my father's dibao would be cancelled.",
      ).severity,
    ).toBe('critical');
    // Harm done after a refusal, of a kind that would be a threat if said, is a threat carried out.
    expect(read('三角镇服务中心管医保的人索要八百，我没给，结果下个月我爸的高龄补贴就停发了').severity).toBe(
      'critical',
    );
    expect(
      read(
        "The Gunan stats station officer wanted a red envelope. We didn't give one, and our account was frozen.",
      ).severity,
    ).toBe('critical');
    // The service asked for, withheld after the refusal, is still the solicitation itself.
    expect(read('三角镇服务中心的人索要八百，我没给，到现在还没给我办').severity).toBe('high');
    // The official not giving something is no refusal of the reporter's.
    expect(read('郭扶国土所的人说要罚款，最后私下收了我三百块，什么都没给我').severity).toBe('high');
  });

  it('R-threat-1: harm told as the consequence of a refusal or a report in the sentence before is carried out', () => {
    // The refusal in one sentence, the harm in the next after a word of consequence.
    expect(
      read('三角镇服务中心的人说要八百块才给办，我们没送。结果没过一个礼拜，我家的低保就被停了').severity,
    ).toBe('critical');
    expect(read('上个月我举报三角镇服务中心的人收钱办低保。这个月我家的低保就被停了').severity).toBe(
      'critical',
    );
    // No word of consequence: two facts side by side, not one told as the other's result.
    expect(read('三角镇服务中心的人要八百块才给办，我没给。隔壁村的低保停了').severity).toBe('high');
    // Two sentences back is too far to be told as its consequence.
    expect(read('三角镇服务中心的人要八百块才给办，我没给。我去了三趟。后来村里的路灯也停了').severity).toBe(
      'high',
    );
    // A report and a harm word in one sentence with no consequence between them name no reprisal.
    expect(read('古南统计站的人收了我两百块茶水费，我要举报他们乱罚款').severity).toBe('high');
    // The refusal's own negator does not negate the harm that follows it.
    expect(read('古南小学的班主任收家长红包 我们家没给 她就不准我娃娃参加学校运动会').severity).toBe(
      'critical',
    );
    // A condition with the sum inside it, or in quotes, is still a condition.
    expect(read('古南统计站的人说我们迟报了，索要五百，不给五百就按统计法罚我们五千').severity).toBe(
      'critical',
    );
    expect(read('古南统计站的人说，不“意思意思”，你们公司明年就上重点核查名单').severity).toBe('critical');
    // The harms R-threat-1 names, in the words people use for them: a business suspended, a shop shut down.
    expect(read('区行政服务中心的人索要五百好处费，我没给，结果第二周就让我停业整顿').severity).toBe(
      'critical',
    );
    expect(
      read(
        "The Gunan stats station officer demanded a red envelope. We didn't pay. Then our workshop was shut down.",
      ).severity,
    ).toBe('critical');
    // "Will be in doubt at the review" of what the reporter has is its loss, said softly.
    expect(read('三角镇服务中心的人说：你家这个低保，不‘意思意思’，明年复核就悬了').severity).toBe(
      'critical',
    );
    // Hokkien: 无的话 is "if not".
    expect(read('区行政服务中心的工作人员索要五百，不然以后我这个店三天两头有人来查').severity).toBe(
      'critical',
    );
    expect(read('郭扶国土所的人来量地，伊讲爱先给伊八百块烟钱，无的话就照最窄的给阮量').severity).toBe(
      'critical',
    );
  });

  it('R-threat-2: boasting of connections or impunity is no threat by itself', () => {
    // A threat's word that dares the reporter to complain names no harm.
    expect(read('古南统计站的人要五百块才给改年报，还让我们别想着去告').severity).toBe('high');
    // A reprisal against whoever reports is a threat all the same.
    expect(read('三角镇服务中心的人索要五百，还扬言要打击报复举报人').severity).toBe('critical');
    expect(read('郭扶国土所的人要五百才盖章，他说他在区纪委有人，告也没用').severity).toBe('high');
    expect(read('郭扶国土所的人说大家都这样，意思一下，你看着办').severity).toBe('high');
    expect(read('郭扶国土所的人要我给五百才盖章，还说你不是会告吗，去告啊').severity).toBe('high');
  });

  it('R-repeat-1: repeated means the demand or payment came again, not the visits', () => {
    expect(read('三角镇服务中心的人上次给了他红包，这次他又找我要').severity).toBe('critical');
    expect(read('古南统计站的人先后两次向我要钱').severity).toBe('critical');
    expect(read('三角镇服务中心办低保，每个月都要给他红包').severity).toBe('critical');
    expect(read('郭扶国土所的人每年都要我们送礼，一箱好酒').severity).toBe('critical');
    // A word of recurrence that tells of the harm threatened repeats nothing: the threat makes it critical.
    const harmRecurs = read('郭扶国土所的人暗示要包个红包，还说：无的话，以后你公司每年都会被抽查');
    expect(harmRecurs.severity).toBe('critical');
    expect(harmRecurs.reasons.some((reason) => reason.rule === 'severity.repeated')).toBe(false);
    expect(harmRecurs.reasons.some((reason) => reason.rule === 'severity.threat')).toBe(true);
    // A hint repeated is a repeated demand.
    expect(read('郭扶国土所的人多次暗示要一起吃个饭，我没理').severity).toBe('critical');
    // A count of visits or of the runaround beside a demand repeats nothing; a count of the payment does.
    expect(read('三角镇服务中心的人让我回去补了两次材料，最后收了我一个红包才盖章').severity).toBe('high');
    expect(read('区行政服务中心，材料交了三回，窗口的人才说办这个要懂事一点').severity).toBe('high');
    expect(read('三角镇服务中心的人要红包，我前后给了他三回').severity).toBe('critical');
    // "The first two times" counts visits.
    expect(
      read('我陪我爸跑了三回三角镇便民服务中心，前两回都说缺材料，第三回那个工作人员才开口索要五百块好处费')
        .severity,
    ).toBe('high');
    // Counts of measuring, of papers sent back, or of visits said with 都, are the runaround too.
    expect(read('郭扶国土所的人丈量了三次都说数据不对，第四次他直接说拿五百块好处费来').severity).toBe(
      'high',
    );
    expect(read('区行政服务中心先以资料不全退件两次，第三次才说要包个红包').severity).toBe('high');
    expect(read('三角镇服务中心办社保，我去了两次都说等，第三次她要我给她五百块好处费').severity).toBe(
      'high',
    );
    // 还要再 is a recurrence only with the demand it repeats ("还要再“表示”一下", quotes or not).
    expect(read('区行政服务中心那个人收了我三百块好处费，现在又说还要再“表示”一下').severity).toBe(
      'critical',
    );
    expect(read('古南统计站的人说我们的表还要再研究研究，很多老板都很懂事').severity).toBe('high');
    expect(read('郭扶国土所的人收了我两条烟，第二天又打电话说烟不够，还要拿点酒').severity).toBe('critical');
    // 还要 in a complaint about one demand ("and I still have to buy her things?") repeats nothing.
    expect(
      read('服务中心的人索要好处，要我给她买箱牛奶才给报上去。我八十一了，还要给她买东西？').severity,
    ).toBe('high');
    expect(read('He asks for a red envelope every month at the Sanjiao service centre').severity).toBe(
      'critical',
    );
    // Asked again, in the words people use for it.
    expect(read('三角镇服务中心的人上个月收了我三百，这个月又问我要三百').severity).toBe('critical');
    expect(read('郭扶國土所嗰個人上次收咗我二百蚊利是，今次又問我攞二百').severity).toBe('critical');
    expect(read('国土所每次去都说缺材料。后来有一次他暗示要表示一下').severity).toBe('high');
    expect(read('第三次去的时候国土所的人要了五百').severity).toBe('high');
    // 又 repeats only a demand or a payment; 前后 sums one account.
    expect(read('郭扶国土所的人要我给五百，吃了饭又说材料还差一样').severity).toBe('high');
    expect(read('三角镇服务中心的人索要好处，说罚款五千，后来又说给他两百就免了')).toMatchObject({
      severity: 'high',
      demand: { amount: 200 },
    });
    const meal = read('三角镇的副镇长要我们请客，前后吃了我们好几千的饭');
    expect(meal.reasons.map((reason) => reason.rule)).not.toContain('severity.repeated');
  });

  it('R-several-1: several people means others were asked or paid too', () => {
    expect(read('国土所的人收钱，不止我一个，其他村民也被要过').severity).toBe('critical');
    expect(read('统计站的人索要两百块好处费，我们这条街七八家店都给了').severity).toBe('critical');
    expect(read('服务中心的人每户收了两百块辛苦费').severity).toBe('critical');
    expect(read('At the Sanjiao service centre five of us were asked for 300 each').severity).toBe(
      'critical',
    );
    expect(read('邻居说要送点礼才行，我就给国土所的人送了两瓶酒').severity).toBe('high');
    expect(read('国土所来了两个人，要了我五百').severity).toBe('high');
    expect(read('各村的村干部到三角镇服务中心报材料，都要给办事员塞红包').severity).toBe('critical');
    // Heard of counts; the official's own claim that others paid is "everyone does it".
    expect(read('郭扶国土所的人找我要五百块辛苦费，听说我们村好几家都给了').severity).toBe('critical');
    expect(read('郭扶国土所的人找我要五百块辛苦费，他说别人都给了').severity).toBe('high');
    // An operator's note gives the official's words with 称 ("并称", "该工作人员称"): still his claim.
    expect(read('来电人反映，郭扶国土所工作人员索要五百元好处费，并称“别人都给了”').severity).toBe('high');
    expect(read('来电人反映，郭扶国土所工作人员索要五百元好处费，该工作人员称别人都给了').severity).toBe(
      'high',
    );
    // In dialect, or in English, others' paying counts the same.
    expect(read('三角镇服务中心办低保要给好处费，别个都给了钱的，就我家没给').severity).toBe('critical');
    expect(read('三角镇服务中心嗰个阿姐要好处费，我哋条村啲老人家都俾过佢钱').severity).toBe('critical');
    expect(
      read(
        'The Guofu land office officer wanted a bribe before signing. My neighbours said they each paid him 500.',
      ).severity,
    ).toBe('critical');
    // Others' paying told as fact, by their kind ("别的企业", "好多家长"), counts.
    expect(
      read('古南统计站一直卡着我们的月报，别的企业都给统计站送了月饼和购物卡，就我们没送').severity,
    ).toBe('critical');
    // Quoted, or said by the official named by his post, it is still his claim.
    expect(read('区行政服务中心那个科员说“别人都给了，你也意思一下”，我包了五百的红包').severity).toBe(
      'high',
    );
    expect(read('三角镇服务中心的人跟我们几个说要送点东西，我们几个就各送了两盒月饼').severity).toBe(
      'critical',
    );
    // Other firms' paying told as fact, in English.
    expect(
      read(
        "The Gunan school teacher hinted at a gift before Teachers' Day. Several parents told me they each sent her a shopping card.",
      ).severity,
    ).toBe('critical');
    expect(
      read(
        'The Gunan stats station officer asked us for a red envelope. At least four other firms on our street sent him mooncake gift boxes.',
      ).severity,
    ).toBe('critical');
    // In English the demand may stand further away (100 characters).
    expect(
      read(
        'My husband and two other drivers were each told by the man at the business licence window to bring a red envelope.',
      ).severity,
    ).toBe('critical');
    expect(
      read(
        'Five of us elderly villagers from Sanjiao were each asked for 100 yuan of tea money by the pension clerk.',
      ).severity,
    ).toBe('critical');
  });
});

describe('5. The amount demanded', () => {
  it('R-amount-1: the form field, when it holds a sum, is the amount demanded', () => {
    expect(
      read({ description: '国土所的人要我表示一下，给了他八百', amountDemanded: '两千块' }).demand,
    ).toMatchObject({
      amount: 2000,
      source: 'field',
    });
    expect(read({ description: '国土所的人要我表示一下', amountDemanded: '2k' }).severity).toBe('critical');
    // A larger sum demanded in the text stands over the field.
    expect(
      read({ description: '郭扶国土所的人开口要两千，讲到五百才收', amountDemanded: '500' }),
    ).toMatchObject({ severity: 'critical', demand: { amount: 2000, source: 'text' } });
    // Goods and a sum in the field: both.
    expect(
      readAmountField('购物卡一张（2000元）', normaliseText, lexiconOnly.classifier.demand),
    ).toMatchObject({
      amount: 2000,
      goods: ['card'],
    });
  });

  it('R-amount-2: grants, compensation, fines, prices, bills and spending are never the demand', () => {
    const result = read('来量地的国土所的人说给他八百块烟钱就量宽一点，补偿款一共十二万');
    expect(result.demand).toMatchObject({ amount: 800, source: 'text' });
    expect(result.severity).toBe('high');
    expect(read('三角镇服务中心发的救助金三千块，经办人说要给他两百辛苦费').demand?.amount).toBe(200);
    expect(read('我家修房子花了二十多万，国土所的人索要三百块打印费').demand?.amount).toBe(300);
    expect(
      read('The clerk demanded a bribe and took 500 from me; my hospital bill was 8,000 yuan').demand?.amount,
    ).toBe(500);
    // Savings and a budget are the reporter's own money.
    expect(read('我攒了二十来万准备建房，郭扶国土所的人索要三千才批宅基地').demand?.amount).toBe(3000);
    expect(read('预算三十万的房子，国土所的人索要五百').demand?.amount).toBe(500);
    // What the reporter may be reimbursed or lost is other money too.
    expect(
      read('三角镇服务中心报医保，住院花了两万多，能报六千多，那个女的要五百好处费').demand?.amount,
    ).toBe(500);
    expect(read('郭扶国土所的人私下要八百块好处费，我家今年养猪亏了一万多').demand?.amount).toBe(800);
    // Compensation the reporter received ("才拿了八万") is no payment to the official.
    const received = read('郭扶国土所的人问我抽不抽烟，说要打点一下。我家征地补偿才拿了八万，哪里还有钱');
    expect(received.demand?.amount ?? null).toBeNull();
    expect(received.severity).toBe('high');
  });

  it('R-amount-3: a fine waived for a smaller payment: the payment is the demand', () => {
    expect(read('三角镇服务中心的人说罚款五千，给他两百就免了').demand).toMatchObject({ amount: 200 });
    expect(read('郭扶国土所的人索要好处，说要罚五千，私下给他五百就算了').demand).toMatchObject({
      amount: 500,
    });
  });

  it('R-amount-4: a share of a sum is that share, unless more was paid outright', () => {
    expect(read('郭扶镇政府的干部说补助一共八千，他要抽一成当好处费').demand).toMatchObject({
      amount: 800,
      source: 'share',
    });
    const award = read('古南统计站的人说奖励两万，下来要分他一半');
    expect(award.demand).toMatchObject({ amount: 10000, source: 'share' });
    expect(award.severity).toBe('critical');
    // "三万下来" is a sum that comes out at 30,000, not a count ("三下").
    expect(read('区行政服务中心的人说，补贴三万下来要分他一半').demand).toMatchObject({ amount: 15000 });
    expect(read('报销下来三千，经办人要抽一成好处费，我给了他五百').demand?.amount).toBe(500);
    // A share of the sum it is asked of, the one before it in its sentence, not of a larger one beside it.
    expect(
      read('三角镇服务中心的人说，医药费花了三万多，救助批下来六千，要分两成给他好处费').demand,
    ).toMatchObject({ amount: 1200, source: 'share' });
  });

  it('R-amount-5: goods are recorded as goods and count only at a stated value', () => {
    expect(read('国土所的人暗示要意思一下，收了我两条中华才盖章')).toMatchObject({
      severity: 'high',
      demand: { amount: null, goods: ['cigarettes'] },
    });
    expect(read('工商窗口的人收了我一张面值两千元的购物卡')).toMatchObject({
      severity: 'critical',
      demand: { amount: 2000, goods: ['card'] },
    });
    expect(read('统计站的人非要我们请客吃饭，一顿下来四千多').demand?.amount).toBe(4000);
    expect(read('古南统计站的人索要好处，几顿饭下来花了我们五六千').demand?.amount).toBe(5000);
    // A value in the same sentence counts for the goods, a comma between them or not; a meal's total is its value.
    expect(read('郭扶国土所的人要我送礼，送了两条好烟，一千多块钱').demand).toMatchObject({
      amount: 1000,
      goods: ['cigarettes', 'gift'],
    });
    expect(read('三角镇的副镇长要我们请客，前后吃了我们好几千的饭')).toMatchObject({
      severity: 'critical',
      demand: { amount: 2000 },
    });
    // Money named for goods is money.
    expect(read('郭扶国土所的人要了我一千五烟钱').demand).toMatchObject({ amount: 1500 });
    expect(readAmountField('一条玉溪', normaliseText, lexiconOnly.classifier.demand)).toEqual({
      amount: null,
      goods: ['cigarettes'],
      term: '一条玉溪',
    });
  });

  it('R-amount-6: a red envelope without a sum counts as no sum', () => {
    expect(read('国土所的人收了我一个红包才盖章')).toMatchObject({
      severity: 'high',
      demand: { amount: null, goods: ['envelope'] },
    });
    expect(read('国土所的人收了一个两千块的红包')).toMatchObject({
      severity: 'critical',
      demand: { amount: 2000 },
    });
  });

  it('R-amount-7: below ten yuan a figure is never an amount demanded', () => {
    expect(read('国土所的人说要打点一下，我送了一块腊肉').demand?.amount).toBeNull();
  });

  it('R-amount-8: otherwise the largest sum; a gesture with no figure said is no sum', () => {
    expect(read('郭扶国土所的人要钱，伸了两根指头，说两千')).toMatchObject({
      severity: 'critical',
      demand: { amount: 2000 },
    });
    const gesture = read('郭扶国土所的人要钱，伸了两根指头，我第二天就给他送过去了');
    expect(gesture.severity).toBe('high');
    expect(gesture.demand?.amount ?? null).toBeNull();
    expect(read('郭扶国土所的人先要了三百，后来又收了八百').demand?.amount).toBe(800);
    // A sum per unit is the sum said, not multiplied out; a sum the reporter guessed and the official nodded to counts.
    expect(read('郭扶国土所的人索要好处，一亩地要抽三百，我家六亩')).toMatchObject({
      severity: 'high',
      demand: { amount: 300 },
    });
    expect(read('三角镇服务中心的人说办低保要给他好处费，我问是不是三千，他点了点头')).toMatchObject({
      severity: 'critical',
      demand: { amount: 3000 },
    });
  });
});

describe('6. Delay and dates', () => {
  it('R-delay-1: the longest duration stated, a month 30 days and a year 365', () => {
    expect(longest('三角镇服务中心的低保拖了三个多月了')).toBe(90);
    expect(longest('等咗成个月都冇覆')).toBe(30);
    expect(read('三角镇服务中心的低保拖了三个多月了').delayDays).toBe(90);
    expect(longest('三角镇服务中心的低保等了半个多月还没办')).toBe(15);
    // Only the wait: not an age, not an ordinal of a story, but an ordinal said as lasting up to now.
    expect(delays('孩子才三个月大，三角镇服务中心的准生证还没办好')).toEqual([]);
    expect(delays('我第二天就去了郭扶国土所，等了十天')).toEqual([10]);
    expect(longest('这都第七个礼拜了，郭扶国土所还在走流程')).toBe(49);
    // A wait announced is not yet waited; the time already waited is.
    expect(delays('区行政服务中心办执照，窗口说要等一个月')).toEqual([]);
    expect(delays('They said the permit takes two months.')).toEqual([]);
    expect(delays('窗口说评残要等医院排期，最快还要两个月')).toEqual([]);
    expect(delays('区行政服务中心办执照，已经等了一个月了还没批')).toEqual([30]);
  });

  it("R-delay-2: the reporter's own time is never a delay", () => {
    expect(delays('我在外地打工两个多月，回来交材料，等了十天')).toEqual([10]);
    expect(delays('我前两个月在广东没回来，交材料以后等了一周')).toEqual([7]);
    expect(delays('材料是我自己拖了两个月才交齐的')).toEqual([]);
    expect(delays('我请了三个月的假回来办这个事')).toEqual([]);
    // The household's time and years lived somewhere are the reporter's own, even said as lasting up to now.
    expect(delays('我妈住院住了一个多月，出院以后去交材料，等了十天')).toEqual([10]);
    expect(delays('我在这个村住了六十多年了，宅基地的证一直没办下来')).toEqual([]);
    expect(delays('我前两个月在医院照顾我妈，出院后才去交的申请，交了十来天了')).toEqual([10]);
    // A pregnancy's months are the household's own time too.
    expect(delays('前天去办准生证，窗口说章在领导那里，我老婆怀孕都七个月了')).toEqual([]);
    // English takes more characters for the same words: 24 instead of 8.
    expect(
      delays('I was in Beijing for work for two months, then handed in the papers. It has been three weeks.'),
    ).toEqual([21]);
  });

  it('R-delay-3: a date long ago, or a year or more, is a wait only when the wait goes on', () => {
    expect(delays('两个月前向郭扶镇纪委反映村干部的问题，至今无回复')).toEqual([60]);
    expect(delays('三年前我在这里办过证，今天补办')).toEqual([]);
    expect(delays('房子拆了一年多了，过渡费至今没发')).toEqual([365]);
    // "To this day" attaches to the wait of its sentence, not to the years of the life story in another one.
    expect(delays('我在深圳住了十三年。回来交了材料三个星期，至今没消息')).toEqual([21]);
    // Years ago, like a date of a year or more, need their own sentence to say so (round 9).
    expect(delays('Two years ago I applied for the transfer and I still have no answer.')).toEqual([730]);
    expect(delays('Two years ago I applied for the transfer. I still have no answer.')).toEqual([]);
    // From a date as from a duration: a year or more only when its own sentence says the wait goes on.
    expect(
      delays('二〇一九年申请过，当时没批。今年三月重新交了，到现在还没消息', '2026-06-10T02:00:00Z'),
    ).toEqual([71]);
    expect(delays('二〇二四年申请的，至今没批', '2026-06-10T02:00:00Z')).toEqual([526]);
    expect(delays('三年前申請的宅基地，郭扶國土所到今日都未批')).toEqual([1095]);
    // "That was … ago" dates what the sentence before it told; "I've been waiting" lasts up to now.
    expect(
      delays('I applied for the licence at the district centre. That was 45 days ago, and still no reply.'),
    ).toEqual([45]);
    expect(delays("I've been waiting over a year for the Guofu government to pay. Still nothing.")).toEqual([
      365,
    ]);
  });

  it('R-date-1: dates are periods read against the day of receipt', () => {
    const received = dayOf(2026, 3, 20);
    const period = (text: string) =>
      findDates(normaliseText(text), received).map((date) => [isoOf(date.from), isoOf(date.to)]);
    expect(period('前天')).toEqual([['2026-03-18', '2026-03-18']]);
    expect(period('上个月')).toEqual([['2026-02-01', '2026-02-28']]);
    expect(period('年初')).toEqual([['2026-01-01', '2026-02-28']]);
    expect(period('前年')).toEqual([['2024-01-01', '2024-12-31']]);
    expect(period('early February')).toEqual([['2026-02-01', '2026-02-10']]);
    expect(period('late February')).toEqual([['2026-02-21', '2026-02-28']]);
    expect(period('本月初')).toEqual([['2026-03-01', '2026-03-10']]);
    expect(period('去年底')).toEqual([['2025-12-01', '2025-12-31']]);
    expect(period('五月份')).toEqual([['2025-05-01', '2025-05-31']]);
    expect(period('上周')).toEqual([['2026-03-09', '2026-03-15']]);
    expect(period('last October')).toEqual([['2025-10-01', '2025-10-31']]);
    // An English day before its month, as the British write it, or after it.
    expect(period('on 3 March')).toEqual([['2026-03-03', '2026-03-03']]);
    expect(period('the 3rd of March')).toEqual([['2026-03-03', '2026-03-03']]);
    expect(period('March 3')).toEqual([['2026-03-03', '2026-03-03']]);
    // Received Friday 2026-03-20: last week ran from Monday 9 to Sunday 15 March.
    expect(period('上周一')).toEqual([['2026-03-09', '2026-03-09']]);
    // A day of last month is that one day, not the month.
    expect(period('上月15日')).toEqual([['2026-02-15', '2026-02-15']]);
    expect(period('上个月3号')).toEqual([['2026-02-03', '2026-02-03']]);
    expect(period('上个月30号')).toEqual([]);
    // A day its month does not have is no date, with or without a year; it never spills into the next month.
    expect(period('2026年2月30日')).toEqual([]);
    expect(period('2026-02-29')).toEqual([]);
    expect(period('2月30号')).toEqual([]);
    expect(period('February 30')).toEqual([]);
    expect(period('2024年2月29日')).toEqual([['2024-02-29', '2024-02-29']]);
    expect(period('上个星期天')).toEqual([['2026-03-15', '2026-03-15']]);
    expect(period('last Monday')).toEqual([['2026-03-16', '2026-03-16']]);
    expect(period('今年三月')).toEqual([['2026-03-01', '2026-03-31']]);
    expect(period('去年10月份')).toEqual([['2025-10-01', '2025-10-31']]);
    expect(period('2019年')).toEqual([['2019-01-01', '2019-12-31']]);
    expect(period('三月底')).toEqual([['2026-03-21', '2026-03-31']]);
    // 年初 ends on the last day of February, the 29th in a leap year.
    expect(findDates(normaliseText('年初'), dayOf(2028, 6, 1)).map((date) => isoOf(date.to))).toEqual([
      '2028-02-29',
    ]);
    expect(findDates(normaliseText('上个月'), null)).toEqual([]);
    expect(findDates(normaliseText('2024年1月15日'), null).map((date) => isoOf(date.from))).toEqual([
      '2024-01-15',
    ]);
  });

  it("R-date-2: the text's own now ends its waits", () => {
    expect(statedNow(normaliseText('截至2024年3月1日仍未办结'), null)?.day).toBe(dayOf(2024, 3, 1));
    expect(longest('2024年1月15日提交材料，截至2024年3月1日仍未办结')).toBe(46);
    expect(longest('I applied for the allowance in March. It is now August.')).toBe(123);
    // A now without a year is read against the day of receipt like any date.
    expect(longest('5月10日交的材料，截至6月5日还没办', '2026-07-01T02:00:00Z')).toBe(26);
  });

  it('R-date-3: a wait runs from the last day of the date it began to the day of receipt', () => {
    expect(longest('年初交给郭扶国土所的宅基地申请，至今没有消息', '2026-06-10T02:00:00Z')).toBe(102);
    expect(longest('上个月交的材料到现在还没批', '2026-03-20T02:00:00Z')).toBe(20);
    expect(longest('从元旦前就开始跑，现在都快清明了，还没开出来')).toBe(93);
    // 上月15日 is one day: 33 days, where the whole month would give 20.
    expect(longest('其于上月15日在区行政服务中心提交申请材料，至今未办好', '2026-03-20T02:00:00Z')).toBe(33);
    // "has been … since" lasts up to now, as "has been … for" does: the text says the wait goes on.
    expect(longest('My land title transfer has been stuck since last October.', '2026-03-04T02:00:00Z')).toBe(
      124,
    );
    expect(longest("I've been waiting for the pension since January.", '2026-04-20T02:00:00Z')).toBe(79);
    // A matter told as done since then starts no wait.
    expect(longest('I applied in January and got the licence in February.', '2026-04-20T02:00:00Z')).toBe(0);
    // 早就 says nothing of when: from the end of the stated period.
    expect(longest('上个月的报表早就交了，到现在还没审', '2026-08-20T02:00:00Z')).toBe(20);
    const result = read({
      description: '年初交给郭扶国土所的宅基地申请，至今没有消息',
      receivedAt: '2026-06-10T02:00:00Z',
    });
    expect(result).toMatchObject({ category: 'obstruction', severity: 'high', delayDays: 102 });
  });

  it('R-date-4: the incident date is the form date, else the latest period stated by the receipt', () => {
    const received = '2026-03-20T02:00:00+08:00';
    expect(
      read({ description: '前天去区行政服务中心办执照，窗口的人骂人', receivedAt: received }).incidentDate,
    ).toEqual({
      from: '2026-03-18',
      to: '2026-03-18',
      source: 'text',
    });
    expect(
      read({ description: '去年底和前天我都去办过，窗口的人骂人', receivedAt: received }).incidentDate,
    ).toMatchObject({ from: '2026-03-18' });
    expect(
      read({ description: '前天去办执照，窗口的人骂人', receivedAt: received, incidentDate: '2026-03-01' })
        .incidentDate,
    ).toEqual({ from: '2026-03-01', to: '2026-03-01', source: 'field' });
  });

  it('passes the receipt time and the form date from the intake message to triage', () => {
    const message = intakeMessage({});
    const input = triageInputOf({
      ...message,
      complaint: { ...message.complaint, incidentDate: '2026-11-20' },
    });
    expect(input).toMatchObject({ receivedAt: message.receivedAt, incidentDate: '2026-11-20' });
  });
});

describe('7. The subject unit', () => {
  it('R-unit-1: a field missing its last characters or one character off still names the unit', () => {
    expect(subject('他们要钱', '郭扶国土')).toBe('guofu-land-office');
    expect(subject('他们要钱', '郭夫国土所')).toBe('guofu-land-office');
    expect(subject('they asked for money', 'Guofu land')).toBe('guofu-land-office');
    // One character added is one character off too.
    expect(subject('他们要钱', '古南统计所站')).toBe('gunan-stats-station');
    // In the text a body without its place names nothing.
    expect(subject('镇纪委的人态度差')).toBeNull();
    // In running text only exact names count: the misspelt name is not read as a name (only its service word is).
    const inText = findSubjectUnit(undefined, normaliseText('郭夫国土所的人要钱'), triageConfig.routing);
    expect(inText.reason).toMatchObject({ rule: 'unit.service', term: '国土所' });
    expect(findSubjectUnit('郭夫国土所', '他们要钱', triageConfig.routing).reason).toMatchObject({
      rule: 'unit.field',
    });
  });

  it('R-unit-2: an office that sent the reporter to complain is passed over', () => {
    expect(subject('区行政服务中心的人建议我来这里反映。郭扶国土所一直说缺材料')).toBe('guofu-land-office');
    expect(subject('我已经向区纪委反映过。三角镇服务中心的人要钱')).toBe('sanjiao-service-center');
    expect(subject('尊敬的区纪委领导：古南统计站的人要钱')).toBe('gunan-stats-station');
    // The top body, mentioned in passing (here in the official's boast), waits for an office its services name too.
    const boast = read('三角镇的镇党委书记私下找我要了两万块，他还吹说市纪委的何慧敏是他亲戚，我们哪个敢说');
    expect(boast).toMatchObject({ unitId: 'sanjiao-government', bodyId: 'district-cdi' });
    expect(subject('市纪委的领导都是好人，可谁管得了下面的事')).toBe('city-cdi');
    // A demand told is a wrong told: the office it is told of comes before a body in the official's boast.
    expect(
      subject('郭扶国土所管宅基地的那个人开口就找我要两千块。他笑起说郭扶镇纪委的陈建国是他老表，告也白告'),
    ).toBe('guofu-land-office');
    // "打过区纪委的电话" turned to the body: passed over for the office that still has not done it.
    expect(subject('我打过区纪委的电话，他们说会转办，可区行政服务中心到现在还是不给我办营业执照注销')).toBe(
      'district-admin-center',
    );
    // The first named in a sentence that tells the wrong; else the first named.
    expect(read('上午在区行政服务中心办完了执照。下午去三角镇服务中心办医保，窗口的人骂人').unitId).toBe(
      'sanjiao-service-center',
    );
    expect(read('上午在区行政服务中心办完了执照，下午去三角镇服务中心办医保').unitId).toBe(
      'district-admin-center',
    );
  });

  it('R-unit-3: an office that hands the reporter on for the service stays the subject', () => {
    expect(subject('郭扶国土所让我先去村里开证明，古南统计站也是')).toBe('guofu-land-office');
    expect(subject('三角镇服务中心说这个要去区行政服务中心办')).toBe('sanjiao-service-center');
    expect(subject('三角镇服务中心叫我找社区，社区叫我找区行政服务中心')).toBe('sanjiao-service-center');
  });

  it('R-unit-2: a body addressed, before its name or greeted after it, is passed over', () => {
    expect(subject('尊敬的区纪委领导：三角镇服务中心的人要了我五百')).toBe('sanjiao-service-center');
    expect(subject('市纪委的领导你们好，我想问一下怎么在网上实名举报')).toBeNull();
    expect(read('市纪委的领导你们好，我想问一下怎么在网上实名举报').bodyId).toBe('district-cdi');
  });

  it('R-unit-4: only bodies already told: the first is the subject', () => {
    expect(subject('我三个月前已经向区纪委反映过，到现在没有任何回复')).toBe('district-cdi');
    // Except a town's leaders named with their town: the complaint is about them.
    expect(subject('三角镇副镇长把危房补助名额给了他亲戚，我给三角镇纪委打过电话，没人回')).toBe(
      'sanjiao-government',
    );
    // Before the services.
    expect(subject('我向区纪委反映过低保被卡的事')).toBe('district-cdi');
    // A body that handled the matter is passed over like one it went through (R-unit-2).
    expect(subject('谢谢古南纪工委，是他们出面才让古南统计站把乱收的培训费退回来的')).toBe(
      'gunan-stats-station',
    );
    // Not when it did not: a body that will not act is the subject of the complaint.
    expect(subject('三角镇纪委就是不出面，我的事拖了半年没人管')).toBe('sanjiao-cdi');
    // Told and then sent on is still told, unless it is the top body, which is never passed over for it.
    expect(read('古南统计站的人态度恶劣。来电人称已向古南纪工委打过电话反映，对方让其打本热线').bodyId).toBe(
      'district-cdi',
    );
    // Told, even when the same sentence says how the reporter came here instead.
    expect(subject('办残疾证的窗口骂人。之前给三角镇纪委打过电话，没人接，只好打你们这个')).toBe(
      'sanjiao-cdi',
    );
  });

  it('R-unit-5: a mention passed over names no unit, and its place is no place named', () => {
    const finding = findSubjectUnit(
      undefined,
      normaliseText('三角镇纪委让我打这个电话。我去办低保被要钱'),
      triageConfig.routing,
    );
    expect(finding.unitId).toBe('sanjiao-service-center');
    expect(finding.reason).toMatchObject({ rule: 'unit.service', term: '低保' });
    expect(finding.reason).not.toHaveProperty('place');
    // Places that rule out every unit offering the service leave no unit.
    expect(subject('在古南办医保的窗口态度差')).toBeNull();
    expect(subject('三角镇纪委让我打这个电话。我在郭扶这边办低保')).toBeNull();
    // The directory's words in their own language; inside a longer word too.
    expect(subject('户籍窗口的人态度差')).toBeNull();
    expect(subject('the household registration window was rude')).toBe('sanjiao-service-center');
    expect(subject('办残疾证明被卡了三个月')).toBe('sanjiao-service-center');
  });

  it('R-unit-6: a leadership unit first, with or without a place; else the service named first', () => {
    expect(subject('镇长说这个不归他管')).toBe('guofu-government');
    expect(subject('三角镇的镇领导和办低保的都推')).toBe('sanjiao-government');
    expect(subject('办营业执照和宅基地都被卡')).toBe('district-admin-center');
    // Leadership is the unit's, whoever in it is complained about.
    expect(read('郭扶镇政府的办事员要我塞一百块才盖章')).toMatchObject({
      unitId: 'guofu-government',
      bodyId: 'district-cdi',
    });
  });

  it('R-unit-7: a service word inside the name of another office names that office, not the service', () => {
    expect(subject('区医保局的人态度很差')).toBeNull();
    expect(subject('市统计局的人态度很差')).toBeNull();
    expect(subject('The district medical insurance bureau would not answer')).toBeNull();
    expect(subject('办医保的人态度很差')).toBe('sanjiao-service-center');
    // Whatever the office is called.
    expect(subject('区住建委的人罚了我们八千')).toBeNull();
    expect(subject('派出所的民警态度很差')).toBeNull();
  });

  it('R-unit-8: many places at once name no one unit', () => {
    expect(subject('各镇的便民服务中心都这样，办事要排很久')).toBeNull();
    expect(subject('每个月的低保都晚发')).toBe('sanjiao-service-center');
  });

  it("R-unit-9: a unit named in the text, then the field's service with the places of field and text", () => {
    expect(subject('我想举报郭扶镇政府的干部', '国土所')).toBe('guofu-government');
    expect(subject('三角镇上的人都知道', '镇长')).toBe('sanjiao-government');
    expect(subject('办低保的人要钱', '镇上国土所')).toBe('guofu-land-office');
    // The field's service ruled out by a place in the text: no unit, and the text's services are not read.
    expect(subject('我是三角镇的，办低保的时候他们要钱', '镇上国土所')).toBeNull();
  });

  it('R-unit-10: a place with a building word names a unit through the services', () => {
    expect(subject('三角镇的办事大厅里没人上班')).toBe('sanjiao-service-center');
    expect(subject('在区里的政务大厅排了三个钟头')).toBe('district-admin-center');
    expect(subject('区政务大厅的人态度差')).toBe('district-admin-center');
    // A building said with a town's name is that town's: never a district unit.
    expect(subject('郭扶的办事大厅中午没人')).toBeNull();
    expect(subject('the service hall in Guofu was empty at lunch')).toBeNull();
    expect(subject('the service hall was empty at lunch')).toBe('district-admin-center');
  });

  it('R-unit-11: with nothing of these, no unit', () => {
    expect(subject('隔壁超市的老板骂人')).toBeNull();
  });

  it('R-unit-12: the unit does not depend on the category', () => {
    expect(subject('区行政服务中心门口的黄牛要五百才帮我插队')).toBe('district-admin-center');
    expect(subject('请问在三角镇办准生证要交钱吗')).toBe('sanjiao-service-center');
  });
});

describe('8. Which body investigates', () => {
  it('R-route-1: an unknown unit goes to the default body, which is not escalated but may be implicated', () => {
    expect(read('窗口的人索要两千元').bodyId).toBe('district-cdi');
    expect(read({ description: '窗口的人态度很差', officialName: '马丽华' })).toMatchObject({
      unitId: null,
      bodyId: 'city-cdi',
    });
  });

  it('R-route-2 and R-route-3: escalation first, then the conflict check, not added up', () => {
    const result = read('郭扶国土所的人索要两千元，郭扶镇纪委的刘晓峰也知道');
    expect(result.severity).toBe('critical');
    expect(result.bodyId).toBe('district-cdi');
    expect(result.reasons.map((reason) => reason.rule)).toContain('route.critical-escalation');
    expect(result.reasons.map((reason) => reason.rule)).not.toContain('route.conflict.own-person');
    // A conflict with the body escalation reached moves the case on.
    expect(read('郭扶国土所的人索要两千元，区纪委的马丽华也知道').bodyId).toBe('city-cdi');
  });

  it('R-route-3: who is named, who was turned to, and every category', () => {
    // Praise of a body's own officer is not judged by that body.
    expect(read('感谢区纪委的孙立军同志').bodyId).toBe('city-cdi');
    // A surname names no one; the official field names a person as the text does.
    expect(findNamedPeople(undefined, normaliseText('郭扶纪委一个姓陈的干部'), triageConfig.routing)).toEqual(
      [],
    );
    expect(findNamedPeople('吴秀兰', '', triageConfig.routing)).toEqual([
      { personId: 'gunan-cdi-supervisor', bodyId: 'gunan-cdi', source: 'officialName' },
    ]);
    // A field that says more than the name still names the person in it.
    expect(findNamedPeople('吴秀兰（纪委接电话的那位）', '', triageConfig.routing)).toEqual([
      { personId: 'gunan-cdi-supervisor', bodyId: 'gunan-cdi', source: 'officialName' },
    ]);
    // Turned to before this complaint implicates; addressing this complaint to a body does not.
    expect(read('我已经向古南街道纪委反映过，古南统计站的人态度很差').bodyId).toBe('district-cdi');
    expect(read('尊敬的古南街道纪委领导：古南统计站的人态度很差').bodyId).toBe('gunan-cdi');
    // Addressed, and turned to before ("to you"): a body already told.
    expect(
      read('尊敬的古南街道纪委领导：上个月我向你们反映过古南统计站的人态度很差，到现在没人理').bodyId,
    ).toBe('district-cdi');
    const toYou = read(
      "Dear Gunan Discipline Working Committee, I reported the stats station's extra fees to you by email on 3 February and only got an automatic reply.",
    );
    expect([toYou.unitId, toYou.bodyId]).toEqual(['gunan-cdi', 'district-cdi']);
    // In English the words of having told a body stand further from its name ("reported it to the …").
    expect(
      read(
        'The clerk at the Sanjiao service centre shouted at my mother. We reported it to the Sanjiao discipline committee and heard nothing.',
      ).bodyId,
    ).toBe('district-cdi');
  });

  it('R-route-4: the implicated bodies are all the bodies a complaint implicates, wherever it goes', () => {
    const text = normaliseText('郭扶国土所的人索要两千元，郭扶镇纪委的刘晓峰也知道');
    const named = findNamedPeople(undefined, text, triageConfig.routing);
    expect([...implicatedBodies('guofu-land-office', named, triageConfig.routing)]).toEqual(['guofu-cdi']);
    expect([...implicatedBodies('guofu-government', [], triageConfig.routing)]).toEqual(['guofu-cdi']);
    // A body already told (when it counts), but never the top body for that.
    expect([
      ...implicatedBodies('gunan-stats-station', [], triageConfig.routing, ['gunan-cdi', 'city-cdi']),
    ]).toEqual(['gunan-cdi']);
    // A body the case never reaches is implicated all the same.
    const high = read('郭扶国土所的人索要五百，区纪委的孙立军也知道');
    expect(high.bodyId).toBe('guofu-cdi');
    const people = findNamedPeople(undefined, normaliseText('区纪委的孙立军也知道'), triageConfig.routing);
    expect([...implicatedBodies('guofu-land-office', people, triageConfig.routing)]).toEqual([
      'district-cdi',
    ]);
  });

  it('R-route-5: with every body implicated, triage refuses, and a label of no body is then right', () => {
    const everyone = { description: '市纪委的周文涛态度很差' };
    let refused: unknown;
    try {
      read(everyone);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConflictOfInterestError);
    expect((refused as ConflictOfInterestError).decided).toMatchObject({ unitId: 'city-cdi' });
    const entry = CorpusEntrySchema.parse({
      id: 'x-2',
      ...everyone,
      expected: { category: 'attitude', severity: 'low', unitId: 'city-cdi', bodyId: null },
    });
    const evaluation = evaluateCorpus([entry], lexiconOnly);
    expect(evaluation.misses).toEqual([]);
    expect(evaluation.correct.bodyId).toBe(1);
  });
});

describe('9. Labelling a complaint', () => {
  it('reads `implicated` as a list of every body implicated, and fails an assignment to any of them', () => {
    const entry = CorpusEntrySchema.parse({
      id: 'x-1',
      description: '郭扶国土所的人要了我五百块才盖章',
      expected: {
        category: 'solicitation',
        severity: 'high',
        unitId: 'guofu-land-office',
        bodyId: 'guofu-cdi',
        implicated: ['district-cdi', 'guofu-cdi'],
      },
    });
    const evaluation = evaluateCorpus([entry], lexiconOnly);
    expect(evaluation.implicatedAssignments).toEqual(['x-1']);
    expect(
      CorpusEntrySchema.parse({ ...entry, expected: { ...entry.expected, implicated: undefined } }).expected
        .implicated,
    ).toEqual([]);
  });
});

describe('Rules the tenth held-out set found the code short of (round 9)', () => {
  it('R-threat-1: an allowance at its review, the service done short, records lost, harm after no gesture', () => {
    expect(read('镇服务中心办低保的人说：“意思一下嘛，不然明年复核就不好说了。”').severity).toBe('critical');
    expect(read('国土所的人要我送两条烟，不然确权的面积就按少的算').severity).toBe('critical');
    expect(read('国土所量地的人问我要三百，说不给就把地界往里缩半米').severity).toBe('critical');
    expect(
      read('统计站的人暗示要“表示表示”，我们没有表示。结果下个月厂里就被列进了重点核查名单').severity,
    ).toBe('critical');
    expect(read('我上周投诉了服务中心窗口收红包的事。这周我的参保记录就查不到了').severity).toBe('critical');
    // The same words with no condition or report before them are no threat.
    expect(read('国土所的人收了我三百块好处费。我的参保记录查不到了').severity).toBe('high');
  });

  it('R-repeat-1 and R-several-1: 又来找我要 repeats a demand; a neighbour who paid, told as fact, is another', () => {
    expect(read('国土所的人上个月收了我三百，这个月又来找我要三百').severity).toBe('critical');
    expect(read('国土所的人要我送两条烟才给批，我没送。隔壁是送了的，早就批了').severity).toBe('critical');
    // The official's own saying, going on from what he did, is a hint, not other victims.
    expect(read('窗口那个人开口就要红包，还说“别人都给了的”。我包了两百').severity).toBe('high');
  });

  it('R-amount-2 and R-amount-5: money still owed and loans are other money; a meal bill in English counts', () => {
    const owed = read('补偿款算了八万，到现在还差一万多没到位。国土所的人要我拿五百块辛苦费');
    expect(owed).toMatchObject({ severity: 'high', demand: { amount: 500 } });
    expect(read('去年在信用社贷了三万。办证的人要我给六百块好处费').demand?.amount).toBe(600);
    const lunch = read(
      'The clerk asked us to take him to lunch before he would stamp it; the bill came to 1,500 and he took two bottles of wine home.',
    );
    expect(lunch).toMatchObject({ category: 'solicitation', severity: 'critical', demand: { amount: 1500 } });
  });

  it('R-date-3: papers handed in again start a wait, and 没弄好 says it goes on', () => {
    expect(longest('去年九月让我补了一次材料，我补了。到现在还是没有下文', '2026-03-10T02:00:00Z')).toBe(161);
    expect(longest('从去年十月就在统计站申请更正，问了几次，还是说没弄好', '2026-03-10T02:00:00Z')).toBe(130);
  });

  it('R-unit-2 and R-route-3: a letter addressed to a body is passed over; a body phoned before is told', () => {
    expect(subject('致区纪委：\n古南统计站的人问我要两百块')).toBe('gunan-stats-station');
    // Told, then sending the reporter on: an obstruction goes past it.
    const told = read('我先给古南纪工委打了电话反映，他们让我打这个热线。古南统计站的证明拖了两个月还没开');
    expect(told.bodyId).toBe('district-cdi');
  });

  it('R-cat-6: "a little appreciation" is the hint in English', () => {
    expect(read('The clerk hinted that I should show a little appreciation.').category).toBe('solicitation');
  });
});

describe('Rules the eleventh held-out set found the code short of (round 9)', () => {
  it('R-threat-1: a refusal told of a woman, an allowance "at the next review", a transfer refused', () => {
    expect(read('窗口的人叫我“表示表示”，我没理她。结果这个月低保就停发了').severity).toBe('critical');
    expect(
      read(
        'He asked for 500 yuan of tea money and said that otherwise her allowance might have problems at the next review.',
      ).severity,
    ).toBe('critical');
    expect(read('He asked for 500 yuan of tea money.').severity).toBe('high');
    expect(read('统计员叫我转五百块好处费到他微信，还说不转的话，今年就重点查我们公司').severity).toBe(
      'critical',
    );
  });

  it('R-repeat-1: a hint said again and again repeats; a ruler put back and 去年年底 do not', () => {
    expect(read('窗口的人三番五次暗示要表示一下').severity).toBe('critical');
    expect(read('国土所的人来量地，尺子拿出来又收回去，问我要两百块烟钱').severity).toBe('high');
    expect(read('去年年底统计站的人问我要五百块红包').severity).toBe('high');
  });

  it('R-amount-2 and R-amount-5: a grant after its sum and a deposit are other money; a meal bill counts', () => {
    const grant = read('合作社申请的二十万产业补助要他帮忙才批，我们送了两瓶茅台，他收下了');
    expect(grant).toMatchObject({ severity: 'high', demand: { amount: null, goods: ['liquor'] } });
    expect(read('装修公司的老板收了我三万定金，说给他好处费就能快点').severity).toBe('high');
    expect(read('镇纪委的人要我请他吃顿饭才给立案。饭我请了，花了一千二')).toMatchObject({
      severity: 'critical',
      demand: { amount: 1200 },
    });
    expect(
      read(
        'The officer asked for a meal before he would sign. We took him to a restaurant in town, the bill came to 1,260 yuan.',
      ),
    ).toMatchObject({ severity: 'critical', demand: { amount: 1260 } });
  });

  it('R-delay-3: years ago, like a date, need their own sentence to say the wait goes on', () => {
    const received = '2026-04-22T02:00:00Z';
    expect(
      longest('五年前交过一次宅基地申请，当时说名额满了没批。上周一重新交了材料，到今天还没回音', received),
    ).toBe(9);
    expect(longest('五年前交的宅基地申请，到今天还没回音', received)).toBe(1825);
    expect(
      longest('I reported it to them in April and have heard nothing since.', '2026-06-15T02:00:00Z'),
    ).toBe(46);
  });

  it('R-threat-1: the kinds of harm the rule names, in the words people use for them', () => {
    // Part 1's own example: money owed for something else, held up.
    expect(read('国土所的人要两百块烟钱，说不给的话你家的补偿款就往后拖').severity).toBe('critical');
    expect(read('统计站的人要我给五百块好处费，不然以后有你好看').severity).toBe('critical');
    expect(read('He asked for 300 yuan of tea money or else he would cut your subsidy.').severity).toBe(
      'critical',
    );
    // A harm word with no condition, refusal or report before it is no threat.
    expect(read('统计站的人收了我五百块好处费，补偿款就往后拖了').severity).toBe('high');
  });

  it('R-cat-6: asking whether the reporter brought cigarettes is a hint', () => {
    expect(read('国土所的人蹲在田坎上问我今天没带烟啊').category).toBe('solicitation');
  });
});

describe('Words listed from the rules alone, for writers the lexicon has not seen (round 10)', () => {
  it('R-threat-1: a refusal told as done in other words, and the harm that followed it', () => {
    expect(read('他要两百块烟钱，我拒绝了，结果第二个月我家低保就被停了').severity).toBe('critical');
    expect(read('窗口的人要五百块好处费，我硬是没给。后来补助就停发了').severity).toBe('critical');
    expect(
      read('The clerk asked for 300 yuan. I said no, and next thing my shop was inspected every week.')
        .severity,
    ).toBe('critical');
    // A refusal with only the service withheld after it is still the solicitation itself.
    expect(read('他要两百块烟钱，我拒绝了，结果他就不给我盖章').severity).toBe('high');
  });

  it('R-threat-1: a condition on a complaint or a report, and a threat in an operator note', () => {
    expect(read('统计站的人要我给五百块好处费，还说你要是敢告，你家补助就停了').severity).toBe('critical');
    expect(read('该工作人员索要八百元，并称若来电人不表示，明年将取消其低保').severity).toBe('critical');
    expect(
      read('He asked for 500 yuan and said if you complain, your stall will be shut down.').severity,
    ).toBe('critical');
  });

  it('R-threat-1: "a few days later" (没过几天) is a time, not a negation of the harm after it', () => {
    expect(read('他开口要五百，我没给，没过几天就有人来查我的店').severity).toBe('critical');
    expect(read('佢问我攞五百蚊好处费，我冇俾，冇几耐就有人来查我间铺').severity).toBe('critical');
  });

  it('R-threat-1: papers "lost" and begun again after a refusal are the service withheld; "might get lost" is not', () => {
    expect(
      read(
        "A clerk asked for 300 yuan 'to make it smooth'. I refused. The next week they told me my documents were 'lost' and I had to start again.",
      ).severity,
    ).toBe('high');
    expect(
      read("He said if we don't give him 800 for cigarettes, our house plan might get 'lost' somewhere.")
        .severity,
    ).toBe('critical');
  });

  it('R-threat-1: a report or complaint made in other words, then harm as its consequence', () => {
    expect(read('他要我两百块烟钱，我在网上曝光了他。结果没过一个月，我家低保就被停了').severity).toBe(
      'critical',
    );
    // The same harm with no report and no refusal before it is no reprisal.
    expect(read('他要我两百块烟钱。我家低保就被停了').severity).toBe('high');
  });

  it('R-repeat-1: a demand made again, and recurrence beside a demand, in other words', () => {
    expect(read('盖完章他又伸手要红包').severity).toBe('critical');
    expect(read('所里那个人三天两头来要钱').severity).toBe('critical');
    expect(read('He asked me again for 500 yuan before he would stamp it.').severity).toBe('critical');
    // Another runaround after one demand repeats nothing.
    expect(read('第二天他又开口说还差一份证明。他要了五百').severity).toBe('high');
  });

  it('R-several-1: others asked or paid, and many households beside a demand, in other words', () => {
    expect(read('国土所的人要了我五百，其他村民也给了他好处费').severity).toBe('critical');
    expect(read('村干部挨家挨户收辛苦费').severity).toBe('critical');
    expect(read('The clerk asked me for 300 yuan. I am not the only one he asked for money.').severity).toBe(
      'critical',
    );
    // The official's own claim is not another victim.
    expect(read('国土所的人要了我五百，他说别人都给了').severity).toBe('high');
  });

  it('R-cat-2: people outside public service are read as such, for the model to weigh', () => {
    for (const text of [
      '驾校教练要我给他五百块红包',
      '门口的号贩子说给两百就能插队',
      'The driving instructor asked me for 500 yuan.',
    ]) {
      expect(outsideContext(text)).toBe(true);
    }
    expect(outsideContext('国土所的人要我给他五百块红包')).toBe(false);
  });
});

describe('Rules the twelfth held-out set found the code short of (round 10)', () => {
  it('R-threat-1: harm beyond the service in words the lists lacked', () => {
    expect(read('管低保的那个人要五百块好处费，还说没得也行，明年复审你这个户头我就给你销了').severity).toBe(
      'critical',
    );
    expect(read('统计站的人要两百块过节费，不然以后你们厂的数据我们天天来核查').severity).toBe('critical');
    expect(read('郭扶國土所彼個人欲四百箍茶钱，若無俾，伊就照上細的尺寸給阮登記').severity).toBe('critical');
    expect(read('他要我孝敬两只土鸡，说不然下半年审查低保户的时候，我家的名字就不一定还在了').severity).toBe(
      'critical',
    );
    expect(read('那个人私下要八百块好处费，说不拿的话，下回复核我家的低保怕是保不住').severity).toBe(
      'critical',
    );
  });

  it("R-threat-1: the reporter's fear, in English words the list lacked, is no threat", () => {
    expect(
      read(
        "He asked for 500 yuan of tea money. Mum is terrified that if she doesn't, her pension will be cut at the next review.",
      ).severity,
    ).toBe('high');
  });

  it('R-repeat-1: a meal demanded at every visit, hints counted, and a demand made again by phone or in Cantonese', () => {
    expect(read('国土所的测量员每回来丈量都要我们请他下馆子').severity).toBe('critical');
    expect(read('审核材料的小伙子前前后后暗示了四回，要我们表示表示').severity).toBe('critical');
    expect(read('老刘第一次来就找我要了三百辛苦费，上礼拜又打电话找我要三百').severity).toBe('critical');
    expect(read('个科员上次已经收咗我三百蚊好处费，今次换证又话要俾五百').severity).toBe('critical');
  });

  it("R-several-1: the official's claim inside his quoted words is not other victims", () => {
    expect(read('那个姓赵的说要加急得拿五百块好处费，还讲‘你们村的人都给了’').severity).toBe('high');
    expect(read('那个姓赵的要五百块好处费。我们村的人都给了').severity).toBe('critical');
  });

  it('R-threat-1: a hint ignored is a refusal told as done; R-num-2 and R-amount-4: about X is X, 三成 is three tenths', () => {
    expect(read('窗口的人暗示要表示表示，我没回她。结果这个月我家低保就停了').severity).toBe('critical');
    expect(read('窗口的人暗示要表示表示，我没回她。')).toMatchObject({ severity: 'high' });
    expect(read('他要的好处费约三千元').demand).toMatchObject({ amount: 3000 });
    expect(read('奖励两万，他要抽三成的好处费').demand).toMatchObject({ amount: 6000 });
  });

  it('R-date-1 and R-delay-1: 旧年 is last year, and a Hokkien 两个外月 is two months and more', () => {
    const received = dayOf(2026, 3, 12);
    expect(findDates(normaliseText('旧年十月份'), received).map((date) => isoOf(date.from))).toEqual([
      '2025-10-01',
    ]);
    expect(longest('高龄补贴已经等两个外月啊，到今嘛犹无消息')).toBe(60);
  });
});

describe('Rules the thirteenth held-out set found the code short of (round 10)', () => {
  it('R-threat-1: harm beyond the service in words the lists lacked', () => {
    expect(read('测量的人要六百块烟钱，说不表示一下嘛，我就只有按红线最里边给你划').severity).toBe(
      'critical',
    );
    expect(read('统计站的人要我们请吃饭，要不然以后每个季度都派人来我们厂仔细查查台账').severity).toBe(
      'critical',
    );
    expect(
      read(
        'He asked for tea money and said that if I didn\'t "take good care of him", my kitchen would be getting "a lot of surprise visits".',
      ).severity,
    ).toBe('critical');
    expect(read('测量员暗示要表示表示，我装没听懂。结果他画的地界硬是往我这边收了一米多').severity).toBe(
      'critical',
    );
    // The service merely not sent is still the solicitation itself.
    expect(read('测量员要两百块好处费，不给就不派人来量').severity).toBe('high');
  });

  it('R-threat-1: a report made in other words, then harm as its consequence', () => {
    expect(
      read('那个女的找我要八百块好处费。四月初我把这事反映到了三角纪委。结果五月份我家的名字就被划掉了')
        .severity,
    ).toBe('critical');
  });

  it('R-route-3: a body the text says was told is told when the form names the subject too', () => {
    const result = triage(
      {
        description:
          '今年3月2日我就到古南统计站交了更正申请，到今天还没给我处理。4月初我给古南纪工委打过电话反映，那边说会转给统计站，也没下文。',
        subjectUnit: '古南统计站',
        receivedAt: '2026-04-15T02:00:00Z',
      },
      lexiconOnly,
    );
    expect(result).toMatchObject({ unitId: 'gunan-stats-station', bodyId: 'district-cdi' });
  });
});

describe('Rules the fourteenth held-out set found the code short of (round 10)', () => {
  it('R-route-3: a body told in person is a body told, whatever it then said to do', () => {
    expect(
      read(
        '古南街道统计站那个女同志态度很差，当着一屋子人的面骂我。事后我找到古南纪工委当面讲了这个情况，那边的同志让我再通过区里的热线登记一下。',
      ),
    ).toMatchObject({ unitId: 'gunan-stats-station', bodyId: 'district-cdi' });
    expect(
      read(
        '我的执照注销申请在区行政服务中心压了二十来天了。上周三我专门跑到区纪委信访室当面讲过，窗口还是在走流程。',
      ),
    ).toMatchObject({ unitId: 'district-admin-center', bodyId: 'city-cdi' });
  });

  it('R-threat-1: harm, refusals and reprisals in words the lists lacked', () => {
    expect(
      read('科长要我们给点辛苦钱好处费，不给的话，明年你们那个经营许可证续不续得上就两说了').severity,
    ).toBe('critical');
    expect(
      read('管低保的人暗示要表示表示，我爸装作听不懂。后来开春复核的时候，我们家的低保就被取消了').severity,
    ).toBe('critical');
    expect(
      read(
        "He hinted I should give him a red envelope. When I said no, he told me my shop would be 'checked very carefully' from now on.",
      ).severity,
    ).toBe('critical');
    expect(
      read('上礼拜我举报了统计站的刘某找我要茶水钱。这礼拜他就带着人到厂里，说我们数据造假，要移交执法')
        .severity,
    ).toBe('critical');
  });
});

describe('Rules the fifteenth held-out set found the code short of (round 11)', () => {
  it('R-num-3: "没到" before a sum or a duration is an upper bound, no sum and no duration', () => {
    const result = read('镇上国土所量地的师傅暗示要点烟钱，我塞了没到一千，他收下就量了，量得也没问题');
    expect(result).toMatchObject({ category: 'solicitation', severity: 'high' });
    expect(result.demand?.amount ?? null).toBeNull();
    // Said outright, the same sum is the demand.
    expect(read('镇上国土所量地的师傅要我给一千块烟钱，我给了').severity).toBe('critical');
  });

  it('R-amount-3: a sum after 表示, quoted or not, is the sum asked', () => {
    const result = triage(
      { description: '郭扶镇政府那位领导托人发了话，扶持项目要批下来得先“表示”三万块，一分都不能少。' },
      triageConfig,
    );
    expect(result).toMatchObject({ category: 'solicitation', severity: 'critical' });
    expect(result.demand).toMatchObject({ amount: 30_000 });
  });

  it('R-several-1: others paying in the quoted words the official said to the reporter are his claim', () => {
    const claim = read(
      '三角镇便民服务中心办证的那个男的开口要红包，把门一带，跟我说“前头好几家都给了三百的，你自己看着办”。我没给。',
    );
    expect(claim.severity).toBe('high');
    // Told by the reporter as fact, the same households are other victims.
    expect(
      read('三角镇便民服务中心办证的那个男的开口要红包，要我给三百，前头好几家都给了三百。').severity,
    ).toBe('critical');
  });

  it('R-several-1: shops counted with 间 are shops', () => {
    expect(read('我们那条巷子七八间铺面，都被区行政服务中心的人收过好处费，一间三百块。').severity).toBe(
      'critical',
    );
  });

  it('R-date-3: "last year\'s figures" names the figures, not when the wait began; Wu 到今朝还呒没 goes on', () => {
    const figures = triage(
      {
        description:
          "We asked the stats station for a letter on last year's output figures. 材料交上去两周了，打了几次电话都说领导还没签。",
        receivedAt: '2026-06-03T06:00:00Z',
      },
      triageConfig,
    );
    expect(figures).toMatchObject({ category: 'obstruction', severity: 'normal' });
    const wu = triage(
      {
        description:
          '从旧年十一月开始，阿拉厂里个申报账号就拨古南统计站锁脱了，到今朝还呒没解开，伊拉只会讲等。',
        receivedAt: '2026-01-20T02:00:00Z',
      },
      triageConfig,
    );
    expect(wu).toMatchObject({ category: 'obstruction', severity: 'high' });
  });

  it('R-threat-1: harm, refusals and a report in words the lists lacked', () => {
    expect(read('管低保的会计说要拿点好处费，要是不上道，明年年审就把你家刷下去').severity).toBe('critical');
    expect(read('服务中心那个人说不拿三百块辛苦费，下回复核就给你卡掉').severity).toBe('critical');
    expect(read('国土所办确权的说先拿两百喝茶钱，不然你家的补贴今年甭想到账').severity).toBe('critical');
    expect(read('国土所测量员暗示要红包，我爸没有理会。结果边界往里缩了半米').severity).toBe('critical');
    expect(read('我去年举报了服务中心收红包的人。今年开春我们家就领不到低保了').severity).toBe('critical');
    expect(
      read(
        "The clerk at the Sanjiao centre said that unless I gave him 300 yuan of tea money, my mother's pension 'might not make it through' the review.",
      ).severity,
    ).toBe('critical');
  });

  it('R-repeat-1: a demand made again in words the lists lacked', () => {
    expect(read('统计站的老周上个月收了我四百好处费，这个月报表他又张嘴要').severity).toBe('critical');
    expect(read('国土所量地的收了我三百辛苦费，过了两个月又找上门来伸手').severity).toBe('critical');
  });
});

describe('Rules the sixteenth held-out set found the code short of (round 11)', () => {
  it('R-unit-4: a body thanked for what it did about an office is passed over, unless the text says it was told', () => {
    expect(
      read('多谢郭扶纪委的陈建国同志！国土所多收我们的丈量费，是他帮我们一户一户要回来的，辛苦了。'),
    ).toMatchObject({ unitId: 'guofu-land-office', bodyId: 'district-cdi' });
    expect(
      read('Thanks to the Gunan CDI: the stats station gave back the training fee it overcharged our shop.')
        .unitId,
    ).toBe('gunan-stats-station');
    // Told before, the body thanked is a body told: with nothing else named, the subject (R-unit-4).
    expect(read('感谢三角镇纪委！我上个月给三角镇纪委打过电话反映，低保的事总算有人管了。').unitId).toBe(
      'sanjiao-cdi',
    );
  });

  it('R-unit-2: a body named only in a boast of whom someone knows is passed over', () => {
    expect(
      read('三角镇的镇长去年找我要了三万块好处费。他还吹，讲三角镇纪委的郑海波是他老同学，告也没用。'),
    ).toMatchObject({ unitId: 'sanjiao-government', bodyId: 'district-cdi' });
  });

  it('R-unit-2: a body greeted by name, or one whose officer came round unasked, is passed over', () => {
    expect(read('郭扶纪委你好。国土所的人收红包，不给红包就不给量地。').unitId).toBe('guofu-land-office');
    expect(
      read('三角镇纪委的同志到村里走访，听说我们的残疾人补贴半年没发，帮我们去问，上礼拜补发了。').unitId,
    ).toBe('sanjiao-service-center');
  });

  it('R-unit-4: a body told in other words (跟…讲过, Hokkien 敲电话) is a body told, so the town leaders stay the subject', () => {
    expect(
      read('三角镇的副镇长把今年的低保名额都给了他亲戚。上个月我已经跟三角镇纪委讲过这个事。'),
    ).toMatchObject({ unitId: 'sanjiao-government', bodyId: 'district-cdi' });
    expect(read('郭扶镇的镇长把补偿都算给他舅舅家。我有敲电话去郭扶镇纪委，到今仔日无人回。').unitId).toBe(
      'guofu-government',
    );
  });

  it('R-num-3 and R-repeat-1: Cantonese 唔够 is an upper bound, 成日 a word of recurrence', () => {
    expect(read('窗口個職員收咗我唔夠一千蚊紅包先幫我蓋章').severity).toBe('high');
    expect(read('窗口個職員成日問我攞紅包').severity).toBe('critical');
  });

  it('R-threat-1: harm, refusals and dares with harm in words the lists lacked', () => {
    expect(read('窗口那个人收红包，话冇三百蚊唔使谂').severity).toBe('critical');
    expect(read('来量地的那个要好处费，不拿的话就往里头缩着量').severity).toBe('critical');
    expect(read('统计站的人要红包，不然明年开始你们厂的数据我天天来核').severity).toBe('critical');
    expect(read('管社保的要两百块好处费，还讲你去告，告了你屋头的医保卡全部停掉').severity).toBe('critical');
    expect(
      read('区行政服务中心的人要五百块好处费，我没睬伊。结果没过几天就有人跑到店里来查，罚了两千').severity,
    ).toBe('critical');
    expect(read('统计站的人要我微信转六百块好处费，讲弗转的话明年头一家就查我里').severity).toBe('critical');
    expect(read('上个月我举报了便民中心那个收红包的。这个月我屋里老头子的高龄补贴就冇发了').severity).toBe(
      'critical',
    );
  });
});
