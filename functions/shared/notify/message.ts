// The runbook's communication templates (alert / update / resolved), plus a plain report notice, rendered
// once and shaped per channel.
import type { Severity } from '../config/config.ts';

export type NoticeKind = 'alert' | 'update' | 'resolved' | 'report';

export interface Notice {
  kind: NoticeKind;
  severity: Severity;
  /** One line: what happened, to what. */
  title: string;
  playbook: string;
  impact?: string;
  status?: string;
  rootCause?: string;
  nextUpdate?: string;
  eta?: string;
  workaround?: string;
  duration?: string;
  nextSteps?: string;
  /** Short facts shown as a list (resource ids, counts, links). */
  facts?: Record<string, string | number>;
  /** Where the full report is. */
  link?: string;
  /** Repeats of the same case share this key (PagerDuty dedup, Slack thread text). */
  dedupKey?: string;
}

const headings: Record<NoticeKind, string> = {
  alert: '🚨 SERVICE DISRUPTION ALERT',
  update: '📊 SERVICE DISRUPTION UPDATE',
  resolved: '✅ SERVICE RESTORED',
  report: '📄 AUTOPILOT REPORT',
};

function templateLines(notice: Notice): [string, string | undefined][] {
  switch (notice.kind) {
    case 'alert':
      return [
        ['Impact', notice.impact],
        ['Status', notice.status ?? 'Investigating'],
        ['Next Update', notice.nextUpdate ?? 'In 15 minutes'],
      ];
    case 'update':
      return [
        ['Current Status', notice.status ?? 'Mitigation in progress'],
        ['Root Cause', notice.rootCause],
        ['ETA for Resolution', notice.eta],
        ['Workaround', notice.workaround],
      ];
    case 'resolved':
      return [
        ['Duration', notice.duration],
        ['Root Cause', notice.rootCause],
        ['Next Steps', notice.nextSteps],
      ];
    case 'report':
      return [['Status', notice.status]];
  }
}

export interface RenderedNotice {
  subject: string;
  heading: string;
  lines: string[];
  text: string;
}

export function renderNotice(notice: Notice): RenderedNotice {
  const heading = `${headings[notice.kind]} [${notice.severity}]`;
  const lines = [
    ...templateLines(notice)
      .filter(([, value]) => value)
      .map(([label, value]) => `- ${label}: ${value}`),
    ...Object.entries(notice.facts ?? {}).map(([label, value]) => `- ${label}: ${value}`),
    ...(notice.link ? [`- Report: ${notice.link}`] : []),
    `- Playbook: ${notice.playbook}`,
  ];
  const text = [heading, '', notice.title, ...lines].join('\n');
  // SNS subjects are limited to 100 ASCII characters without line breaks.
  const subject = `[${notice.severity}] ${notice.title}`.replace(/[^\x20-\x7e]/g, '').slice(0, 100);
  return { subject, heading, lines, text };
}

export function slackPayload(notice: Notice, rendered: RenderedNotice, channelName?: string) {
  return {
    ...(channelName ? { channel: channelName } : {}),
    text: `${rendered.heading}: ${notice.title}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: rendered.heading.slice(0, 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: `*${notice.title}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: rendered.lines.join('\n').slice(0, 3000) } },
    ],
  };
}

const pagerDutySeverity: Record<Severity, string> = {
  SEV1: 'critical',
  SEV2: 'error',
  SEV3: 'warning',
  SEV4: 'info',
};

export function pagerDutyPayload(notice: Notice, rendered: RenderedNotice, routingKey: string) {
  return {
    routing_key: routingKey,
    event_action: notice.kind === 'resolved' ? 'resolve' : 'trigger',
    ...(notice.dedupKey ? { dedup_key: notice.dedupKey } : {}),
    payload: {
      summary: `${rendered.subject}`.slice(0, 1024),
      source: 'idp-autopilot',
      severity: pagerDutySeverity[notice.severity],
      component: notice.playbook,
      custom_details: { text: rendered.text, ...notice.facts },
    },
    ...(notice.link ? { links: [{ href: notice.link, text: 'Report' }] } : {}),
  };
}
