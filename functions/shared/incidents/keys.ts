// Where the open-incident index lives and what one entry holds (no AWS client here, so a writer of the index
// does not inherit the reader's permissions). open.ts re-exports these with its reader.
import type { Severity } from '../config/config.ts';

export const OPEN_INCIDENTS_PREFIX = 'incidents/open/';

/** What the open-incident index says of one incident. */
export interface OpenIncident {
  /** INC-YYYYMMDD-NNN */
  id: string;
  severity: Severity;
  /** The alarm (or other source) that opened it. */
  source: string;
  openedAt: string;
}

/** The key of an open incident's index entry. */
export const openIncidentKey = (id: string) => `${OPEN_INCIDENTS_PREFIX}${id}.json`;
