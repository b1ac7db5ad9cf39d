// The shipped routing table alone, as the repository's tests load it (config/compiled/routing, compiled with the
// triage configuration). Lambdas load the same file from where it is shipped (triage-data.ts).
import { join } from 'node:path';
import { PROJECT_ROOT } from '#catalog';
import type { RoutingTable } from '#domain/triage/routing-table.ts';
import { OPENCC_DATA_FOLDER } from './simplified-chinese.ts';
import { ROUTING_DATA_FOLDER, routingTableIn } from './triage-data.ts';

export const routingTable: RoutingTable = routingTableIn(
  join(PROJECT_ROOT, ROUTING_DATA_FOLDER),
  join(PROJECT_ROOT, OPENCC_DATA_FOLDER),
);
