// The runbook's "Incident Report Template" filled from the record: summary (date/time, duration, severity,
// services affected), the timeline as recorded (alert, acknowledgement, escalations, mitigations, restore), the
// resolution steps taken; root cause and action items are left for humans to fill in. Markdown and HTML.
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import type { Assessment } from '../model/assessment.ts';
import { formatDuration, utcMinute } from '../model/clock.ts';
import type { IncidentRecord, TimelineEntry } from '../model/record.ts';

export interface ReportView {
  title: string;
  summary: [string, string][];
  timeline: string[];
  resolution: string[];
  rootCause: string;
  actionItems: string[];
}

const ACTION_ITEMS = ['Fix root cause', 'Update monitoring', 'Update runbooks', 'Schedule post-mortem'];

/** "11-26 08:35" on a new day, "08:40" after a line of the same day. */
function timelineLines(entries: TimelineEntry[]): string[] {
  let day = '';
  return entries.map((entry) => {
    const time = entry.at.slice(11, 16);
    const prefix = entry.at.slice(0, 10) === day ? time : `${entry.at.slice(0, 10)} ${time}`;
    day = entry.at.slice(0, 10);
    const alarmTime = entry.alarmAt && entry.alarmAt !== entry.at ? ` (alarm time ${utcMinute(entry.alarmAt)})` : '';
    return `${prefix} - ${entry.text}${alarmTime}`;
  });
}

/** What the report says, before it is written as Markdown or HTML. */
export function reportView(record: IncidentRecord, assessment: Assessment | undefined): ReportView {
  const restoredAt = record.restoredAt ?? record.resolvedAt ?? record.openedAt;
  const mitigations = record.timeline.filter((entry) => entry.kind === 'mitigation').map((entry) => entry.text);
  return {
    title: `Incident Report ${record.id}`,
    summary: [
      ['Date/Time', utcMinute(record.firstOpenedAt)],
      ['Duration', formatDuration(record.firstOpenedAt, restoredAt)],
      ['Severity', record.severity],
      [
        'Services Affected',
        `${record.source.alarmName} (${record.source.region}): ${assessment?.watches ?? record.source.kind}`,
      ],
      [
        'Acknowledged',
        record.acknowledged ? `by ${record.acknowledged.by} at ${utcMinute(record.acknowledged.at)}` : 'no',
      ],
      ...(record.openings > 1
        ? ([['Reopened', `${record.openings - 1} time(s) within the flap window`]] as [string, string][])
        : []),
      ...(record.warRoom ? ([['War room', `#${record.warRoom.channel}`]] as [string, string][]) : []),
    ],
    timeline: timelineLines(record.timeline),
    resolution: [
      ...(mitigations.length ? mitigations : ['No automatic mitigation ran']),
      `The alarm returned to OK at ${utcMinute(restoredAt)}`,
    ],
    rootCause: '_To be filled in by the responders._',
    actionItems: ACTION_ITEMS,
  };
}

export function reportMarkdown(view: ReportView, id: string): string {
  return [
    `# ${view.title}`,
    '',
    `## Incident ID: ${id}`,
    '',
    '### Summary',
    ...view.summary.map(([label, value]) => `- **${label}**: ${value}`),
    '',
    '### Timeline',
    ...view.timeline.map((line) => `- ${line}`),
    '',
    '### Root Cause',
    view.rootCause,
    '',
    '### Resolution',
    ...view.resolution.map((line) => `- ${line}`),
    '',
    '### Action Items',
    ...view.actionItems.map((item) => `- [ ] ${item}`),
    '',
  ].join('\n');
}

export function reportHtml(view: ReportView, id: string): string {
  const list = (items: string[]) => `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  const body = [
    `<h2>Incident ID: ${escapeHtml(id)}</h2>`,
    '<h3>Summary</h3>',
    `<table>${view.summary.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`,
    '<h3>Timeline</h3>',
    list(view.timeline),
    '<h3>Root Cause</h3>',
    `<p><em>${escapeHtml(view.rootCause.replace(/_/g, ''))}</em></p>`,
    '<h3>Resolution</h3>',
    list(view.resolution),
    '<h3>Action Items</h3>',
    `<ul>${view.actionItems.map((item) => `<li><input type="checkbox" disabled> ${escapeHtml(item)}</li>`).join('')}</ul>`,
  ].join('\n');
  return htmlPage(view.title, body);
}
