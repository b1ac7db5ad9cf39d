// The clocks a case runs, apart from the schema of the rules that set them (config.ts): the functions that only
// name clocks load no schema.
export const CLOCKS = ['acknowledge', 'verification', 'reporterFeedback'] as const;
export type ClockName = (typeof CLOCKS)[number];
