// The notice as a PagerDuty Events API v2 event (developer.pagerduty.com, "Send an Alert Event"): plain text
// without control characters, cut to the documented limits (summary 1024 characters, dedup_key 255; the whole
// event stays far below the 512 KB the API accepts).
import { createHash } from 'node:crypto';
import type { Severity } from '../config/config.ts';

export { PAGERDUTY_EVENTS_URL } from '../config/config.ts';

import type { Notice, RenderedNotice } from './message.ts';
import { clip, plainText } from './text.ts';

const SUMMARY_MAX = 1024;
const DEDUP_KEY_MAX = 255;
/** Our own caps for custom_details (PagerDuty documents none below the event's 512 KB). */
const DETAIL_TEXT_MAX = 8000;
const DETAIL_VALUE_MAX = 1024;

const pagerDutySeverity: Record<Severity, string> = {
  SEV1: 'critical',
  SEV2: 'error',
  SEV3: 'warning',
  SEV4: 'info',
};

/** A key within 255 characters: as given when it fits, else its start and a SHA-256 of the whole (still unique). */
function dedupKey(key: string): string {
  if (key.length <= DEDUP_KEY_MAX) return key;
  const hash = createHash('sha256').update(key).digest('hex');
  return `${key.slice(0, DEDUP_KEY_MAX - hash.length - 1)}#${hash}`;
}

/** The event for `notice`: trigger, or resolve for a resolved notice; the report link as a link. */
export function pagerDutyPayload(notice: Notice, rendered: RenderedNotice, routingKey: string) {
  const facts = Object.fromEntries(
    Object.entries(notice.facts ?? {}).map(([label, value]) => [
      clip(plainText(label), 100),
      typeof value === 'number' ? value : clip(plainText(value), DETAIL_VALUE_MAX),
    ]),
  );
  return {
    routing_key: routingKey,
    event_action: notice.kind === 'resolved' ? 'resolve' : 'trigger',
    ...(notice.dedupKey ? { dedup_key: dedupKey(notice.dedupKey) } : {}),
    payload: {
      summary: clip(plainText(`[${notice.severity}] ${notice.title}`), SUMMARY_MAX),
      source: 'idp-autopilot',
      severity: pagerDutySeverity[notice.severity],
      component: clip(plainText(notice.playbook), 100),
      custom_details: { text: clip(rendered.text, DETAIL_TEXT_MAX), ...facts },
    },
    ...(notice.link ? { links: [{ href: notice.link, text: 'Report' }] } : {}),
  };
}
