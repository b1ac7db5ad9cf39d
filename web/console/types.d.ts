// The shapes the console reads from the cases API and the page's own configuration, for tsc's check of the
// JSDoc-typed modules in assets/ (this file is never served). They restate what the API answers (README, "Cases
// API"); the browser tests prove the two agree.
/// <reference path="../../node_modules/uplot/dist/uPlot.d.ts" />

export type Lang = 'zh' | 'en';
export type Role = 'investigator' | 'supervisor' | 'admin';
export type Names = { readonly zh: string; readonly en: string };

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly bodyId?: string;
}

export interface SignInConfig {
  readonly signIn: 'local' | 'cognito';
  readonly domain?: string;
  readonly clientId?: string;
  readonly redirectUri?: string;
}

/** office.json: the names of the office's bodies and units, and the calendar's time zone. */
export interface Office {
  readonly timeZone: string;
  readonly bodies: Readonly<Record<string, Names>>;
  readonly units: Readonly<Record<string, Names>>;
}

export interface Clock {
  readonly clock: 'acknowledge' | 'verification' | 'reporterFeedback';
  readonly dueAt: string;
  readonly overdue: boolean;
}

export interface CaseSummary {
  readonly reference: string;
  readonly status: string;
  readonly channel: string;
  readonly category?: string;
  readonly severity?: string;
  readonly unitId?: string | null;
  readonly bodyId?: string;
  readonly receivedAt: string;
  readonly verificationDueAt: string;
  readonly acknowledgeDueAt?: string;
  readonly acknowledgedAt?: string;
  readonly concludedAt?: string;
  readonly nextDueAt?: string;
  readonly needsReview?: boolean;
  readonly needsManualTriage?: boolean;
  readonly outcome?: string;
  readonly assigneeId?: string;
  readonly extension?: { readonly until: string; readonly requestedBy: string; readonly requestedAt: string };
  readonly supervision?: { readonly by: string; readonly at: string; readonly dueAt: string };
  readonly overdue?: boolean;
  readonly dueSoon?: boolean;
}

export interface Sanction {
  readonly person: string;
  readonly kinds: readonly string[];
  readonly other?: string;
}

export interface Complaint {
  readonly description: string;
  readonly subjectUnit?: string;
  readonly officialName?: string;
  readonly incidentDate?: string;
  readonly location?: string;
  readonly amountDemanded?: string;
}

export interface CaseHead extends CaseSummary {
  readonly version: number;
  readonly language: string;
  readonly anonymous: boolean;
  readonly hasContact?: boolean;
  readonly callbackRequested?: boolean;
  readonly complaint: Complaint;
  readonly call?: {
    readonly platform?: string;
    readonly line?: string;
    readonly operatorId?: string;
    readonly startedAt?: string;
    readonly durationSeconds?: number;
    readonly speechConfidence?: number;
  };
  readonly demand?: {
    readonly amount: number | null;
    readonly nearly?: boolean;
    readonly goods: readonly string[];
    readonly source: 'field' | 'text' | 'share';
    readonly term: string;
  };
  readonly incidentDateRead?: { readonly from: string; readonly to: string; readonly source: string };
  readonly delayDays?: number;
  readonly triageReasons?: readonly TriageReason[];
  readonly triageFailure?: string;
  readonly triageConfidence?: number;
  readonly findings?: string;
  readonly sanctionDetails?: readonly Sanction[];
  readonly mergedInto?: string;
  readonly mergedCases?: readonly { readonly reference: string }[];
  readonly inspection?: { readonly inspectorId: string; readonly observedAt: string };
  readonly extendedUntil?: string;
  readonly extensionsGranted?: number;
  readonly returnedFrom?: string;
  readonly closedAt?: string;
}

/** One triage reason as recorded: a rule and what it read (its own fields per rule). */
export interface TriageReason {
  readonly rule: string;
  readonly [detail: string]: unknown;
}

export interface HistoryEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly words?: { readonly 'zh-CN': string; readonly en: string };
  readonly actor: string;
  readonly actorName?: string;
  readonly note?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface CaseFile {
  readonly case: CaseHead;
  readonly history: readonly HistoryEntry[];
  readonly historyCursor?: string;
  readonly related: {
    readonly references: readonly string[];
    readonly elsewhere: number;
    readonly more: boolean;
  };
  readonly allowedActions: readonly string[];
  readonly transferTargets: readonly { readonly id: string; readonly names: Names }[];
  readonly assignable: readonly { readonly id: string; readonly name: string; readonly role: string }[];
  readonly clocks: readonly Clock[];
  readonly actors: Readonly<Record<string, { readonly name: string; readonly bodyId: string }>>;
  readonly contact?: { readonly name?: string; readonly phone?: string; readonly email?: string };
}

export interface ListAnswer {
  readonly cases: readonly CaseSummary[];
  readonly nextCursor?: string;
  readonly searched?: number;
  readonly people?: Readonly<Record<string, { readonly name: string; readonly bodyId: string }>>;
}

export interface Figures {
  readonly received: {
    readonly total: number;
    readonly byChannel: Readonly<Record<string, number>>;
    readonly byCategory: Readonly<Record<string, number>>;
    readonly bySeverity: Readonly<Record<string, number>>;
  };
  readonly acknowledged: { readonly total: number; readonly onTime: number };
  readonly verified: {
    readonly total: number;
    readonly onTime: number;
    readonly onTimeRate: number | null;
    readonly averageDays: number | null;
  };
  readonly overdueNow: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly peopleHeldAccountable: number;
  readonly sanctions: Readonly<Record<string, number>>;
  readonly returned?: number;
  readonly extensions?: { readonly requested: number; readonly granted: number; readonly refused: number };
  readonly supervised?: number;
  /** The reporters' ratings (the reporters' side): satisfied or basically satisfied of those who rated. */
  readonly satisfaction?: {
    readonly rated: number;
    readonly satisfied: number;
    readonly basicallySatisfied: number;
    readonly dissatisfied: number;
    readonly satisfiedShare: number | null;
    readonly answered: number;
  };
}

export interface Statistics {
  readonly from: string;
  readonly to: string;
  readonly total: Figures;
  readonly byBody: readonly (Figures & { readonly bodyId: string })[];
  readonly byDay: readonly {
    readonly day: string;
    readonly received: number;
    readonly verified: number;
    readonly verifiedOnTime: number;
  }[];
  readonly hotspots: readonly {
    readonly unitId: string;
    readonly complaints: number;
    readonly flaggedForInspection: boolean;
  }[];
}

/** An API refusal's body: `{error: {code, message, fields?, allowed?, rule?}}`. */
export interface ErrorBody {
  readonly error?: {
    readonly code?: string;
    readonly message?: string;
    readonly fields?: Readonly<Record<string, string>>;
    readonly allowed?: readonly string[];
    readonly rule?: string;
    readonly bodyId?: string;
  };
}
