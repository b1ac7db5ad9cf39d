// The shipped routing table alone, precompiled with the triage configuration (triage-compiled.ts), for the
// functions that check who may handle a case but never triage one (a case's detail, an investigator's action):
// they carry neither the lexicon nor the model. The Traditional → Simplified converter is wired in because a
// reassignment reads the complaint for the directory's people, as triage does.
import { type CompiledRoutingData, routingTableFromData } from '#domain/triage/compiled.ts';
import { useSimplifier } from '#domain/triage/normalise.ts';
import type { RoutingTable } from '#domain/triage/routing-table.ts';
import { toSimplified } from './simplified-chinese.ts';
import { COMPILED_ROUTING } from './triage-compiled.ts';

useSimplifier(toSimplified);

export const routingTable: RoutingTable = routingTableFromData(
  JSON.parse(COMPILED_ROUTING) as CompiledRoutingData,
);
