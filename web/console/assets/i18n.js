// @ts-check
// The console's words in Chinese and English, the labels of each kind of value, dates in the office's time zone,
// triage reasons and the API's refusals in words. tsc checks that both languages have every key.

/** @typedef {import('../types').Lang} Lang */

const ZH = {
  skip: '跳到正文',
  title: '阳光热线 · 核查工作台',
  'nav.cases': '案件',
  'nav.inspection': '暗访发现',
  'nav.stats': '统计',
  'nav.label': '主导航',
  lang: 'English',
  signout: '退出',
  'signin.title': '登录',
  'signin.person': '选择本机目录中的人员',
  'signin.submit': '登录',
  'signin.cloud': '请使用单位账号通过统一身份认证登录。',
  'signin.hosted': '使用单位账号登录',
  'signin.failed': '登录未完成，请重新登录。',
  'signin.checking': '正在查看其他标签页是否已登录……',
  'list.title': '案件列表',
  'f.view': '范围',
  'f.view.open': '办理中（按期限）',
  'f.view.all': '全部（按受理时间）',
  'f.status': '状态',
  'f.category': '类别',
  'f.severity': '严重程度',
  'f.channel': '渠道',
  'f.body': '承办机关',
  'ev.title': '证据材料',
  'ev.none': '没有已通过检查的文件。',
  'ev.name': '文件',
  'ev.type': '类型',
  'ev.by': '提交人',
  'ev.at': '通过检查',
  'ev.download': '下载',
  'ev.downloaded': '已下载 {name}（已记入办理记录）',
  'ev.reporter': '举报人',
  'ev.office': '办案人员',
  'f.unit': '被反映单位',
  'f.assignee': '承办人',
  'f.assignee.me': '我的案件',
  'f.assignee.none': '无人签收',
  'f.any': '全部',
  'f.overdue': '仅看超期',
  'f.supervised': '仅看督办',
  'f.review': '仅看需复核',
  'f.dissatisfied': '仅看举报人不满意',
  'f.from': '受理日期起',
  'f.to': '受理日期止',
  'f.search': '查找',
  'f.searchBy': '查找方式',
  'f.by.reference': '按编号',
  'f.by.official': '按被反映人',
  'f.by.text': '按反映内容',
  'f.clear': '清除条件',
  'f.filters': '筛选条件',
  'list.export': '导出 CSV',
  'list.exported': '已导出',
  'list.newCases': '件新案件，点击刷新',
  'list.searched': '（在最近 {n} 件中查找）',
  'c.reference': '编号',
  'c.received': '受理时间',
  'c.status': '状态',
  'c.category': '类别',
  'c.severity': '严重程度',
  'c.unit': '被反映单位',
  'c.body': '承办机关',
  'c.assignee': '承办人',
  'c.due': '下一期限',
  'c.marks': '标记',
  'list.empty': '没有符合条件的案件。',
  'list.more': '加载更多',
  'list.caption': '案件，按所选条件',
  'case.title': '案件',
  'case.complaint': '反映内容',
  'case.findings': '核查结论',
  'case.contact': '举报人联系方式',
  'case.contactOpen': '查看联系方式（将记入案件记录）',
  'case.actions': '可进行的操作',
  'case.reasons': '分派理由',
  'case.related': '相关案件',
  'case.history': '办理记录',
  'case.clocks': '期限',
  'case.notes': '内部备注',
  'case.noteLabel': '写一条内部备注（仅本机关及上级可见，举报人看不到）',
  'case.noteAdd': '添加备注',
  'case.noteAdded': '备注已添加',
  'case.olderHistory': '更早的记录',
  'case.elsewhere': '其他机关另有 {n} 件相关案件',
  'h.at': '时间',
  'h.actor': '办理人',
  'h.action': '事项',
  'h.note': '说明',
  'action.submit': '确认',
  'action.cancel': '取消',
  'action.done': '已完成',
  'insp.title': '登记暗访发现',
  'insp.unit': '被暗访单位',
  'insp.observed': '发现的问题',
  'insp.at': '暗访时间（不晚于现在）',
  'insp.official': '涉及人员（可选）',
  'insp.location': '地点（可选）',
  'insp.amount': '索要的财物（可选）',
  'insp.submit': '提交',
  'insp.done': '已登记，编号',
  'insp.future': '暗访时间不能晚于现在',
  'stats.title': '统计',
  'stats.from': '起',
  'stats.to': '止',
  'stats.period': '统计期间',
  'chart.category': '按类别受理',
  'chart.channel': '按渠道受理',
  'chart.outcomes': '办理结果',
  'chart.sanctions': '处理方式',
  'chart.ontime': '各机关按期核查率',
  'chart.trend': '受理与按期核查趋势',
  'chart.trend.week': '每周',
  'chart.trend.month': '每月',
  'chart.received': '受理',
  'chart.verifiedOnTime': '按期核查',
  'chart.noCases': '无案件',
  'chart.noRatings': '无评价',
  dissatisfied: '不满意',
  'chart.noConcluded': '无办结案件',
  'chart.link': '查看这些案件',
  'chart.noLink': '（列表无此筛选）',
  'stats.bodies': '各机关',
  's.received': '受理',
  's.ontime': '按期核查',
  's.overdue': '当前超期',
  's.substantiated': '属实',
  's.people': '问责人数',
  's.extensions': '延期（申请/批准/不予）',
  's.supervised': '督办',
  's.satisfaction': '举报人满意（满意及基本满意/评价数）',
  's.returned': '退单',
  'stats.hotspots': '举报集中的单位',
  overdue: '已超期',
  dueSoon: '即将到期',
  none: '无',
  nobody: '尚无人签收',
  flagged: '建议开展靶向暗访',
  complaints: '件',
  supervisedMark: '督办',
  reviewMark: '需复核',
  extensionMark: '延期待批',
  'fact.status': '状态',
  'fact.channel': '渠道',
  'fact.category': '类别',
  'fact.severity': '严重程度',
  'fact.unit': '被反映单位',
  'fact.unitWritten': '举报人所写单位',
  'fact.official': '被反映人',
  'fact.amount': '索要/收受财物',
  'fact.incidentDate': '发生日期',
  'fact.place': '地点',
  'fact.delay': '已拖延',
  'fact.body': '承办机关',
  'fact.assignee': '承办人',
  'fact.received': '受理时间',
  'fact.version': '版本',
  'fact.mergedInto': '已并入',
  'fact.mergedCases': '并入本案的案件',
  'fact.inspector': '暗访人',
  'fact.review': '分派待复核',
  'fact.line': '来电线路',
  'fact.operator': '接线员',
  'fact.callStarted': '来电时间',
  'fact.callDuration': '通话时长',
  'fact.callback': '要求回电',
  'fact.extension': '延期申请',
  'fact.extendedUntil': '已延期至',
  'fact.supervision': '督办',
  'fact.returnedFrom': '退单机关',
  'fact.anonymous': '匿名举报',
  'fact.language': '举报语言',
  yes: '是',
  'clock.acknowledge': '签收期限',
  'clock.verification': '核查期限',
  'clock.reporterFeedback': '答复举报人期限',
  'field.note': '说明',
  'field.reason': '理由',
  'field.findings': '核查结论',
  'field.target': '移交至',
  'field.mergeInto': '并入案件编号',
  'field.person': '被问责人（姓名或职务）',
  'field.other': '其他处理（说明）',
  'field.addSanction': '添加被问责人',
  'field.unit': '被反映单位',
  'field.noUnit': '（未能确定）',
  'field.assignee': '承办人',
  'field.extendUntil': '延期至（日期）',
  'field.superviseBy': '督办期限（日期）',
  'field.sanctions': '问责',
  'field.text': '备注',
  'merge.preview': '目标案件',
  'merge.notFound': '找不到此案件，或不在您的范围内。',
  'merge.loading': '正在查找……',
  'merge.needPreview': '请先输入目标案件编号并确认预览。',
  stale: '案件已被他人更新，已重新载入，请再试一次。',
  signedOut: '登录已失效，请重新登录。',
  'total.received': '受理',
  'total.acknowledged': '按期签收',
  'total.verified': '按期核查',
  'total.overdue': '当前超期',
  'total.people': '问责人数',
  'total.substantiated': '属实',
  'total.extensions': '批准延期',
  'total.supervised': '督办',
  'total.satisfaction': '举报人满意',
  more: '还有更多',
  name: '姓名',
  phone: '电话',
  email: '邮箱',
  'role.investigator': '承办人员',
  'role.supervisor': '负责人',
  'role.admin': '管理员',
  'who.system': '系统',
  'who.reporter': '举报人',
  'err.generic': '操作未成功',
  'err.network': '无法连接服务器，请稍后再试。',
  'err.not-found': '没有此案件，或不在您的范围内。',
  'err.forbidden': '您的角色不能进行此操作。',
  'err.action-not-allowed': '案件当前状态下不能进行此操作。',
  'err.conflict-of-interest': '所选机关与本案有利害关系，不能承办（回避规则）。',
  'err.unknown-body': '没有这个机关，或案件不能移交给它。',
  'err.merge-target': '目标案件不能并入：不存在、不在您的范围、已办结或就是本案。',
  'err.invalid-request': '填写的内容有误：',
  'err.invalid-cursor': '列表已过期，请重新载入。',
  'err.record-too-large': '内容过多，案件记录放不下。',
  'err.too-many-requests': '操作过于频繁，请稍后再试。',
  'err.stale-version': '案件已被他人更新。',
  'err.account-not-linked': '此账号未关联到目录中的人员。',
  'err.several-roles': '此账号有多个角色，请联系管理员。',
  'err.role-mismatch': '此账号的角色与目录不符，请联系管理员。',
  'err.invalid': '无效',
  'err.allowed': '现在可以：',
  'err.rule': '规则',
};

/** @type {Record<keyof typeof ZH, string>} */
const EN = {
  skip: 'Skip to content',
  title: 'Sunshine Hotline · Console',
  'nav.cases': 'Cases',
  'nav.inspection': 'Inspection finding',
  'nav.stats': 'Statistics',
  'nav.label': 'Main',
  lang: '中文',
  signout: 'Sign out',
  'signin.title': 'Sign in',
  'signin.person': 'Choose a person of this machine’s directory',
  'signin.submit': 'Sign in',
  'signin.cloud': 'Sign in with your office account.',
  'signin.hosted': 'Sign in with your office account',
  'signin.failed': 'Signing in did not complete; please try again.',
  'signin.checking': 'Looking for a sign-in in your other tabs…',
  'list.title': 'Cases',
  'f.view': 'Show',
  'f.view.open': 'Open, by deadline',
  'f.view.all': 'All, newest first',
  'f.status': 'Status',
  'f.category': 'Category',
  'f.severity': 'Severity',
  'f.channel': 'Channel',
  'f.body': 'Investigating body',
  'ev.title': 'Evidence',
  'ev.none': 'No file has passed its checks.',
  'ev.name': 'File',
  'ev.type': 'Type',
  'ev.by': 'Sent by',
  'ev.at': 'Checked',
  'ev.download': 'Download',
  'ev.downloaded': 'Downloaded {name} (recorded in the history)',
  'ev.reporter': 'the reporter',
  'ev.office': 'the office',
  'f.unit': 'Unit',
  'f.assignee': 'Assignee',
  'f.assignee.me': 'My cases',
  'f.assignee.none': 'Nobody has signed for',
  'f.any': 'Any',
  'f.overdue': 'Overdue only',
  'f.supervised': 'Supervised only',
  'f.review': 'To be checked only',
  'f.dissatisfied': 'Reporter dissatisfied only',
  'f.from': 'Received from',
  'f.to': 'Received to',
  'f.search': 'Find',
  'f.searchBy': 'Find by',
  'f.by.reference': 'Reference',
  'f.by.official': 'Official',
  'f.by.text': 'Words of the complaint',
  'f.clear': 'Clear',
  'f.filters': 'Filters',
  'list.export': 'Export CSV',
  'list.exported': 'Exported',
  'list.newCases': 'new cases — show them',
  'list.searched': '(searched the {n} most recent)',
  'c.reference': 'Reference',
  'c.received': 'Received',
  'c.status': 'Status',
  'c.category': 'Category',
  'c.severity': 'Severity',
  'c.unit': 'Unit',
  'c.body': 'Body',
  'c.assignee': 'Assignee',
  'c.due': 'Next deadline',
  'c.marks': 'Marks',
  'list.empty': 'No cases match.',
  'list.more': 'Load more',
  'list.caption': 'Cases matching the filters',
  'case.title': 'Case',
  'case.complaint': 'Complaint',
  'case.findings': 'Findings',
  'case.contact': 'Reporter’s contact',
  'case.contactOpen': 'Show contact details (recorded in the history)',
  'case.actions': 'Actions allowed now',
  'case.reasons': 'Triage reasons',
  'case.related': 'Related cases',
  'case.history': 'History',
  'case.clocks': 'Deadlines',
  'case.notes': 'Internal notes',
  'case.noteLabel': 'Write an internal note (seen by this body and those above, never by the reporter)',
  'case.noteAdd': 'Add note',
  'case.noteAdded': 'Note added',
  'case.olderHistory': 'Older entries',
  'case.elsewhere': '{n} related cases are held by other bodies',
  'h.at': 'When',
  'h.actor': 'Who',
  'h.action': 'What',
  'h.note': 'Note',
  'action.submit': 'Confirm',
  'action.cancel': 'Cancel',
  'action.done': 'done',
  'insp.title': 'File an inspection finding',
  'insp.unit': 'Unit inspected',
  'insp.observed': 'What was observed',
  'insp.at': 'When (not later than now)',
  'insp.official': 'Official involved (optional)',
  'insp.location': 'Place (optional)',
  'insp.amount': 'Money or gift demanded (optional)',
  'insp.submit': 'File',
  'insp.done': 'Filed as',
  'insp.future': 'The time of the inspection cannot be later than now',
  'stats.title': 'Statistics',
  'stats.from': 'From',
  'stats.to': 'To',
  'stats.period': 'Period',
  'chart.category': 'Received by category',
  'chart.channel': 'Received by channel',
  'chart.outcomes': 'Outcomes',
  'chart.sanctions': 'Sanctions by kind',
  'chart.ontime': 'Verified on time, by body',
  'chart.trend': 'Received and verified on time',
  'chart.trend.week': 'per week',
  'chart.trend.month': 'per month',
  'chart.received': 'received',
  'chart.verifiedOnTime': 'verified on time',
  'chart.noCases': 'no cases',
  'chart.noRatings': 'no ratings',
  dissatisfied: 'dissatisfied',
  'chart.noConcluded': 'no case concluded',
  'chart.link': 'show these cases',
  'chart.noLink': '(the list has no such filter)',
  'stats.bodies': 'By body',
  's.received': 'Received',
  's.ontime': 'Verified on time',
  's.overdue': 'Overdue now',
  's.substantiated': 'Substantiated',
  's.people': 'People held accountable',
  's.extensions': 'Extensions (asked/granted/refused)',
  's.supervised': 'Supervision marks',
  's.satisfaction': 'Reporters satisfied (satisfied or basically / rated)',
  's.returned': 'Returned',
  'stats.hotspots': 'Units most complained about',
  overdue: 'overdue',
  dueSoon: 'due soon',
  none: 'none',
  nobody: 'nobody has signed for it',
  flagged: 'directed inspection advised',
  complaints: 'complaints',
  supervisedMark: 'supervised',
  reviewMark: 'to be checked',
  extensionMark: 'extension asked',
  'fact.status': 'Status',
  'fact.channel': 'Channel',
  'fact.category': 'Category',
  'fact.severity': 'Severity',
  'fact.unit': 'Unit',
  'fact.unitWritten': 'Unit as the reporter wrote it',
  'fact.official': 'Official',
  'fact.amount': 'Money or gift demanded',
  'fact.incidentDate': 'Incident date',
  'fact.place': 'Place',
  'fact.delay': 'Delayed for',
  'fact.body': 'Body',
  'fact.assignee': 'Assignee',
  'fact.received': 'Received',
  'fact.version': 'Version',
  'fact.mergedInto': 'Merged into',
  'fact.mergedCases': 'Merged into this case',
  'fact.inspector': 'Inspector',
  'fact.review': 'Triage to be checked',
  'fact.line': 'Line called',
  'fact.operator': 'Operator',
  'fact.callStarted': 'Call started',
  'fact.callDuration': 'Call length',
  'fact.callback': 'Call-back requested',
  'fact.extension': 'Extension asked',
  'fact.extendedUntil': 'Extended until',
  'fact.supervision': 'Supervision mark',
  'fact.returnedFrom': 'Returned by',
  'fact.anonymous': 'Anonymous',
  'fact.language': 'Language of the complaint',
  yes: 'yes',
  'clock.acknowledge': 'Acknowledge by',
  'clock.verification': 'Verify by',
  'clock.reporterFeedback': 'Answer the reporter by',
  'field.note': 'Note',
  'field.reason': 'Reason',
  'field.findings': 'Findings',
  'field.target': 'Transfer to',
  'field.mergeInto': 'Merge into (reference)',
  'field.person': 'Person held accountable (name or post)',
  'field.other': 'Other sanction (describe)',
  'field.addSanction': 'Add a person',
  'field.unit': 'Unit',
  'field.noUnit': '(not known)',
  'field.assignee': 'Assignee',
  'field.extendUntil': 'Extend until (date)',
  'field.superviseBy': 'Done by (date)',
  'field.sanctions': 'Sanctions',
  'field.text': 'Note',
  'merge.preview': 'Target case',
  'merge.notFound': 'No such case, or not one of yours.',
  'merge.loading': 'Looking it up…',
  'merge.needPreview': 'Enter the target’s reference and check its preview first.',
  stale: 'Someone else changed this case; it has been reloaded. Please try again.',
  signedOut: 'Your session has ended; please sign in again.',
  'total.received': 'Received',
  'total.acknowledged': 'Acknowledged on time',
  'total.verified': 'Verified on time',
  'total.overdue': 'Overdue now',
  'total.people': 'People held accountable',
  'total.substantiated': 'Substantiated',
  'total.extensions': 'Extensions granted',
  'total.supervised': 'Supervision marks',
  'total.satisfaction': 'Reporters satisfied',
  more: 'and more',
  name: 'Name',
  phone: 'Phone',
  email: 'Email',
  'role.investigator': 'investigator',
  'role.supervisor': 'supervisor',
  'role.admin': 'administrator',
  'who.system': 'system',
  'who.reporter': 'reporter',
  'err.generic': 'That did not work',
  'err.network': 'The server cannot be reached; please try again later.',
  'err.not-found': 'No such case, or not one of yours.',
  'err.forbidden': 'Your role may not do this.',
  'err.action-not-allowed': 'This action is not allowed in the case’s present status.',
  'err.conflict-of-interest': 'That body is implicated by this case and may not handle it (conflict rule).',
  'err.unknown-body': 'No such body, or the case cannot go to it.',
  'err.merge-target': 'The target cannot take this case: unknown, not yours, finished, or the case itself.',
  'err.invalid-request': 'Please check: ',
  'err.invalid-cursor': 'The list has changed; please reload it.',
  'err.record-too-large': 'This is more than the case record can hold.',
  'err.too-many-requests': 'Too many requests; please wait a moment.',
  'err.stale-version': 'Someone else changed this case.',
  'err.account-not-linked': 'This account is not linked to a person of the directory.',
  'err.several-roles': 'This account has several roles; ask an administrator.',
  'err.role-mismatch': 'This account’s role does not match the directory; ask an administrator.',
  'err.invalid': 'not valid',
  'err.allowed': 'Allowed now: ',
  'err.rule': 'rule',
};

/** @typedef {keyof typeof ZH} TextKey */

/** Each value's words: [Chinese, English]. */
export const LABELS = {
  status: {
    received: ['待分派', 'waiting to be routed'],
    triaged: ['待签收', 'to be signed for'],
    acknowledged: ['已签收', 'signed for'],
    verifying: ['核查中', 'being verified'],
    substantiated: ['属实', 'substantiated'],
    unfounded: ['不属实', 'unfounded'],
    closed: ['已办结', 'closed'],
    merged: ['已合并', 'merged'],
  },
  category: {
    solicitation: ['吃拿卡要', 'demanding money or favours'],
    misconduct: ['滥用职权', 'abuse of power'],
    obstruction: ['推诿拖延', 'stalling and obstruction'],
    attitude: ['作风态度', 'contempt and attitude'],
    other: ['其他', 'other'],
    untriaged: ['未分类', 'not yet triaged'],
  },
  severity: {
    critical: ['特别严重', 'critical'],
    high: ['严重', 'high'],
    normal: ['一般', 'normal'],
    low: ['轻微', 'low'],
  },
  channel: {
    web: ['网络', 'web'],
    hotline: ['电话', 'hotline'],
    open311: ['Open311', 'Open311'],
    inspection: ['暗访', 'inspection'],
  },
  action: {
    acknowledge: ['签收', 'Sign for'],
    verify: ['开始核查', 'Start verification'],
    substantiate: ['认定属实', 'Substantiate'],
    unfound: ['认定不属实', 'Find unfounded'],
    close: ['办结', 'Close'],
    transfer: ['移交', 'Transfer'],
    merge: ['合并', 'Merge'],
    unmerge: ['撤销合并', 'Undo the merge'],
    reopen: ['重新打开', 'Reopen'],
    triage: ['人工分派', 'Triage'],
    assign: ['指定承办人', 'Assign'],
    return: ['退单', 'Return for rerouting'],
    'request-extension': ['申请延期', 'Ask for an extension'],
    'grant-extension': ['批准延期', 'Grant the extension'],
    'refuse-extension': ['不予延期', 'Refuse the extension'],
    supervise: ['督办', 'Mark for supervision'],
  },
  outcome: {
    substantiated: ['属实', 'substantiated'],
    unfounded: ['不属实', 'unfounded'],
    merged: ['合并', 'merged'],
    open: ['办理中', 'open'],
  },
  sanction: {
    admonition_talk: ['诫勉谈话', 'admonition talk'],
    notified_criticism: ['通报批评', 'notified criticism'],
    removal_from_post: ['免职', 'removal from post'],
    party_warning: ['党内警告', 'party warning'],
    case_filed: ['立案调查', 'case filed'],
    other: ['其他', 'other'],
  },
  goods: {
    cigarettes: ['香烟', 'cigarettes'],
    liquor: ['酒', 'liquor'],
    card: ['购物卡', 'a shopping card'],
    meal: ['吃请', 'a meal'],
    gift: ['礼品', 'a gift'],
    envelope: ['红包', 'a red envelope'],
  },
  line: {
    'service-hotline': ['政务服务热线', 'service hotline'],
    'reporting-line': ['举报专线', 'reporting line'],
    'complaint-phone': ['投诉电话', 'complaint phone'],
  },
  platform: {
    telephony: ['热线系统', 'hotline software'],
    twilio: ['Twilio', 'Twilio'],
    connect: ['Amazon Connect', 'Amazon Connect'],
  },
  sendChannel: {
    email: ['邮件', 'email'],
    sms: ['短信', 'SMS'],
  },
  language: {
    'zh-CN': ['简体中文', 'Chinese (Simplified)'],
    'zh-TW': ['繁体中文', 'Chinese (Traditional)'],
    en: ['英文', 'English'],
  },
};

/** @typedef {keyof typeof LABELS} LabelKind */

/** @type {Lang} */
let current = localStorage.getItem('console.lang') === 'en' ? 'en' : 'zh';
let timeZone = 'Asia/Shanghai';

export const lang = () => current;
/** @param {Lang} next */
export function setLang(next) {
  current = next;
  localStorage.setItem('console.lang', next);
}
/** The office calendar's time zone: every date the console shows or sends is in it. @param {string} zone */
export function setTimeZone(zone) {
  timeZone = zone;
}
export const officeTimeZone = () => timeZone;

/** @param {TextKey} key @param {Record<string, string | number>} [values] */
export function t(key, values = {}) {
  const text = (current === 'zh' ? ZH : EN)[key];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** @param {LabelKind} kind @param {string | null | undefined} value */
export function label(kind, value) {
  /** @type {Record<string, string[] | undefined>} */
  const table = LABELS[kind];
  const pair = value === null || value === undefined ? undefined : table[value];
  return pair ? String(current === 'zh' ? pair[0] : pair[1]) : String(value ?? '—');
}
/** @param {LabelKind} kind */
export const labelValues = (kind) => Object.keys(LABELS[kind]);

/** A pair of names in the viewer's language. @param {{zh: string, en: string} | undefined} names */
export const inLang = (names) => (names === undefined ? undefined : current === 'zh' ? names.zh : names.en);

const locale = () => (current === 'zh' ? 'zh-CN' : 'en-GB');

/** An instant as the office's calendar reads it (date and time), in the viewer's language. @param {string | undefined} iso */
export function when(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale(), {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
/**
 * A deadline in words. Deadlines counted in days end at midnight; "9 Dec 00:00" reads as the morning of the 9th,
 * so an instant at the office's midnight is written as the end of the day before ("8 Dec 24:00").
 * @param {string | undefined} iso
 */
export function deadlineWords(iso) {
  if (!iso) return '—';
  const at = new Date(iso);
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(/\D/g, '');
  if (clock !== '0000') return when(iso);
  const day = at.toLocaleDateString(locale(), {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const before = new Date(at.getTime() - 1).toLocaleDateString(locale(), {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  return day === before ? when(iso) : `${before}${current === 'zh' ? ' ' : ', '}24:00`;
}
/** A day (YYYY-MM-DD or an instant) in words. @param {string | undefined} value */
export function dayWords(value) {
  if (!value) return '—';
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value;
  return new Date(instant).toLocaleDateString(locale(), {
    timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}
/** The day (YYYY-MM-DD) an instant falls on in the office's time zone. @param {Date} at */
export function officeDay(at) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
/** The office's UTC offset on a day, as ISO 8601 writes it (+08:00). @param {string} day */
function offsetOn(day) {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${day}T12:00:00Z`))
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name.replace('GMT', '');
  return offset === '' ? 'Z' : offset;
}
/** The first instant of an office day, with its offset. @param {string} day */
export const dayStart = (day) => `${day}T00:00:00${offsetOn(day)}`;
/** The last instant of an office day, with its offset. @param {string} day */
export const dayEnd = (day) => `${day}T23:59:59${offsetOn(day)}`;

/** A list of words in the viewer's language. @param {readonly string[]} items */
export const listWords = (items) => items.join(current === 'zh' ? '、' : ', ');

/** @param {string} category */
const categoryWords = (category) => label('category', category);

/**
 * One triage reason in words, in the viewer's language, with the names it mentions.
 * @param {import('../types').TriageReason} reason
 * @param {(id: string) => string} bodyName
 * @param {(id: string) => string} unitName
 */
export function reasonWords(reason, bodyName, unitName) {
  const zh = current === 'zh';
  const terms = () => listWords(/** @type {string[]} */ (Array.isArray(reason.terms) ? reason.terms : []));
  const s = (/** @type {string} */ key) => String(reason[key] ?? '');
  const pct = (/** @type {string} */ key) => `${Math.round(Number(reason[key] ?? 0) * 100)}%`;
  const rule = reason.rule;
  if (rule.startsWith('category.') && Array.isArray(reason.terms) && !('category' in reason)) {
    const category = rule.slice('category.'.length);
    if (category === 'negated') return zh ? `否定说法不计：${terms()}` : `negated, not counted: ${terms()}`;
    return zh
      ? `匹配“${terms()}” → ${categoryWords(category)}`
      : `matched “${terms()}” → ${categoryWords(category)}`;
  }
  switch (rule) {
    case 'category.other':
      return zh ? '未匹配任何类别词语 → 其他' : 'no category’s words matched → other';
    case 'category.also':
      return zh
        ? `也提到“${terms()}”（${categoryWords(s('category'))}）`
        : `also mentions “${terms()}” (${categoryWords(s('category'))})`;
    case 'category.model':
      return zh
        ? `模型判断 ${categoryWords(s('category'))} 的概率为 ${pct('probability')}（${reason.decidedBy === 'model' ? '由模型决定' : '由词库决定'}）`
        : `the model gives ${categoryWords(s('category'))} ${pct('probability')} (${reason.decidedBy === 'model' ? 'decided by the model' : 'decided by the lexicon'})`;
    case 'category.overruled':
      return zh
        ? `“${terms()}”像是${categoryWords(s('category'))}，但模型认为不太可能（${pct('probability')}），未采用`
        : `“${terms()}” suggests ${categoryWords(s('category'))}, but the model found it unlikely (${pct('probability')}): not used`;
    case 'severity.category':
      return zh
        ? `${categoryWords(s('category'))} 的基本严重程度：${label('severity', s('severity'))}`
        : `${categoryWords(s('category'))} starts at ${label('severity', s('severity'))}`;
    case 'severity.amount':
      return zh
        ? `金额 ${reason.nearly ? '近 ' : ''}¥${s('amount')}${reason.term ? `（“${s('term')}”）` : ''} 达到 ¥${s('threshold')} → 提高严重程度`
        : `amount ${reason.nearly ? 'nearly ' : ''}¥${s('amount')}${reason.term ? ` (“${s('term')}”)` : ''} reaches ¥${s('threshold')} → more severe`;
    case 'severity.threat':
      return zh ? `有威胁的说法：${terms()} → 提高严重程度` : `threats: ${terms()} → more severe`;
    case 'severity.repeated':
      return zh ? `多次发生：${terms()} → 提高严重程度` : `repeated: ${terms()} → more severe`;
    case 'severity.several-people':
      return zh ? `涉及多人：${terms()} → 提高严重程度` : `several people: ${terms()} → more severe`;
    case 'severity.delay':
      return zh
        ? `已拖延 ${s('days')} 天（达到 ${s('threshold')} 天）→ 提高严重程度`
        : `delayed ${s('days')} days (threshold ${s('threshold')}) → more severe`;
    case 'unit.field':
      return zh
        ? `举报人填写“${s('term')}” → ${unitName(s('unitId'))}`
        : `the reporter wrote “${s('term')}” → ${unitName(s('unitId'))}`;
    case 'unit.alias':
      return zh
        ? `文中提到“${s('term')}” → ${unitName(s('unitId'))}`
        : `the text names “${s('term')}” → ${unitName(s('unitId'))}`;
    case 'unit.service':
      return zh
        ? `按所办事项“${s('term')}”${reason.place ? `（${s('place')}）` : ''} → ${unitName(s('unitId'))}`
        : `by the service “${s('term')}”${reason.place ? ` (${s('place')})` : ''} → ${unitName(s('unitId'))}`;
    case 'unit.referrer':
      return zh
        ? `“${s('term')}”是介绍或已反映的单位，不是被反映单位（${unitName(s('unitId'))}）`
        : `“${s('term')}” referred the reporter or was already told; not the subject (${unitName(s('unitId'))})`;
    case 'unit-unknown':
      return zh ? '未能确定被反映单位' : 'the unit could not be told';
    case 'route.default':
      return zh
        ? `无法按管辖分派 → ${bodyName(s('bodyId'))}`
        : `no jurisdiction found → ${bodyName(s('bodyId'))}`;
    case 'review.low-confidence':
      return zh
        ? `把握不足（${pct('confidence')}，低于 ${pct('threshold')}）→ 需人工复核`
        : `unsure (${pct('confidence')}, below ${pct('threshold')}) → to be checked by a person`;
    case 'review.flag':
      return zh
        ? `此类判断常有误（${s('flag')}${reason.detail ? `：${s('detail')}` : ''}）→ 需人工复核`
        : `a decision often wrong (${s('flag')}${reason.detail ? `: ${s('detail')}` : ''}) → to be checked`;
    case 'route.jurisdiction':
      return zh ? `按管辖 → ${bodyName(s('bodyId'))}` : `by jurisdiction → ${bodyName(s('bodyId'))}`;
    case 'route.critical-escalation':
      return zh
        ? `特别严重，上提一级：${bodyName(s('from'))} → ${bodyName(s('to'))}`
        : `critical, one level up: ${bodyName(s('from'))} → ${bodyName(s('to'))}`;
    case 'route.critical-at-top':
      return zh
        ? `特别严重，已是最高一级：${bodyName(s('bodyId'))}`
        : `critical, already at the top: ${bodyName(s('bodyId'))}`;
    case 'route.conflict.leadership':
      return zh
        ? `回避：涉及${unitName(s('unitId'))}领导，${bodyName(s('from'))} → ${bodyName(s('to'))}`
        : `conflict: the leadership of ${unitName(s('unitId'))} is named, ${bodyName(s('from'))} → ${bodyName(s('to'))}`;
    case 'route.conflict.body-itself':
      return zh
        ? `回避：反映的是${bodyName(s('from'))}本身 → ${bodyName(s('to'))}`
        : `conflict: the complaint is about ${bodyName(s('from'))} itself → ${bodyName(s('to'))}`;
    case 'route.conflict.already-told':
      return zh
        ? `举报人已向${bodyName(s('from'))}反映过 → ${bodyName(s('to'))}`
        : `the reporter already turned to ${bodyName(s('from'))} → ${bodyName(s('to'))}`;
    case 'route.conflict.own-person':
      return zh
        ? `回避：涉及${bodyName(s('from'))}本机关人员 → ${bodyName(s('to'))}`
        : `conflict: names a person of ${bodyName(s('from'))} → ${bodyName(s('to'))}`;
    default:
      // A rule a newer version added: its name, never raw JSON.
      return rule;
  }
}

/** The part of a bilingual message ("中文 / English") in the viewer's language. @param {string} message */
export function messageInLang(message) {
  const parts = message.split(' / ');
  if (parts.length === 2 && /[\u4e00-\u9fff]/.test(parts[0] ?? '') && !/[\u4e00-\u9fff]/.test(parts[1] ?? ''))
    return String(current === 'zh' ? parts[0] : parts[1]);
  return message;
}

const KNOWN_ERRORS = new Set([
  'network',
  'not-found',
  'forbidden',
  'action-not-allowed',
  'conflict-of-interest',
  'unknown-body',
  'merge-target',
  'invalid-request',
  'invalid-cursor',
  'record-too-large',
  'too-many-requests',
  'stale-version',
  'account-not-linked',
  'several-roles',
  'role-mismatch',
]);

/**
 * A refusal of the API in the viewer's language: the console's words for its code, each field by its label with
 * the server's words in the viewer's language where it gave both, never a raw English-only message in the Chinese
 * console.
 * @param {string | undefined} code
 * @param {string | undefined} message
 * @param {Readonly<Record<string, string>> | undefined} fields
 * @param {(field: string) => string} fieldLabel
 */
export function errorWords(code, message, fields, fieldLabel) {
  const head =
    code !== undefined && KNOWN_ERRORS.has(code)
      ? t(/** @type {TextKey} */ (`err.${code}`))
      : message !== undefined && /[\u4e00-\u9fff]/.test(message)
        ? messageInLang(message)
        : t('err.generic');
  if (fields === undefined) return head;
  const parts = Object.entries(fields).map(([field, words]) => {
    const said = messageInLang(words);
    // Zod's own messages are English only: the Chinese console says "not valid" and keeps no English.
    const text = current === 'zh' && !/[\u4e00-\u9fff]/.test(said) ? t('err.invalid') : said;
    return `${fieldLabel(field)}: ${text}`;
  });
  return `${head}${code === 'invalid-request' ? '' : ' '}${parts.join('; ')}`;
}
