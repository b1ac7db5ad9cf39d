// The shipped routing table alone, as the repository's tests load it (config/compiled/routing, compiled with the
// triage configuration). Lambdas load the same file from where it is shipped (triage-data.ts).
import { fileURLToPath } from 'node:url';
import type { RoutingTable } from '#domain/triage/routing-table.ts';
import { OPENCC_DATA_FOLDER } from './simplified-chinese.ts';
import { ROUTING_DATA_FOLDER, routingTableIn } from './triage-data.ts';

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));

export const routingTable: RoutingTable = routingTableIn(
  `${REPOSITORY}${ROUTING_DATA_FOLDER}`,
  `${REPOSITORY}${OPENCC_DATA_FOLDER}`,
);
