// The runbook's communication templates (alert / update / resolved), plus a plain report notice, rendered
// once and shaped per channel.
import type { Severity } from '../config/config.ts';
import { plainText } from './text.ts';

/** alert / update / resolved: the runbook's templates; report: a plain report; rejected: refused input (SNS only). */
export type NoticeKind = 'alert' | 'update' | 'resolved' | 'report' | 'rejected';

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
  /**
   * Sent by a dry run: notify() only logs it and answers "not sent (dry run)", or with `notifications.dryRuns`
   * publishes it to SNS only (never Slack or PagerDuty). The text says it is a dry run.
   */
  dryRun?: boolean;
}

const headings: Record<NoticeKind, string> = {
  alert: '🚨 SERVICE DISRUPTION ALERT',
  update: '📊 SERVICE DISRUPTION UPDATE',
  resolved: '✅ SERVICE RESTORED',
  report: '📄 AUTOPILOT REPORT',
  rejected: '⛔ AUTOPILOT INPUT REJECTED',
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
    case 'rejected':
      return [
        ['Reason', notice.status],
        ['Next Steps', notice.nextSteps],
      ];
  }
}

const DRY_RUN_LINE = '- Dry run: nothing was changed';

export interface RenderedNotice {
  /** SNS subject: at most 100 printable ASCII characters. */
  subject: string;
  heading: string;
  /** `- Label: value` lines, each value plain text on its line. */
  lines: string[];
  /** Heading, title and lines: the plain-text message (SNS e-mail, PagerDuty custom_details.text). */
  text: string;
}

/**
 * The notice's labelled values in display order: its template's lines that have a value, then its facts. Labels
 * and values are as given (data): each channel makes them safe its own way.
 */
export function noticeFields(notice: Notice): [string, string | number][] {
  return [
    ...(templateLines(notice).filter(([, value]) => value) as [string, string][]),
    ...Object.entries(notice.facts ?? {}),
  ];
}

/**
 * The notice as plain text for SNS (e-mail) and PagerDuty: every value from data without control characters,
 * so none can start a line of its own; the subject within SNS's 100 printable ASCII characters.
 */
export function renderNotice(notice: Notice): RenderedNotice {
  const heading = `${headings[notice.kind]} [${notice.severity}]`;
  const lines = [
    ...noticeFields(notice).map(([label, value]) => `- ${plainText(label)}: ${plainText(value)}`),
    ...(notice.link ? [`- Report: ${plainText(notice.link)}`] : []),
    `- Playbook: ${plainText(notice.playbook)}`,
    ...(notice.dryRun ? [DRY_RUN_LINE] : []),
  ];
  const title = plainText(notice.title);
  const text = [heading, '', title, ...lines].join('\n');
  // SNS subjects are limited to 100 ASCII characters without line breaks.
  const subject = `[${notice.severity}] ${title}`.replace(/[^\x20-\x7e]/g, '').slice(0, 100);
  return { subject, heading, lines, text };
}
