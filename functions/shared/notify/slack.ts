// The notice as a Slack incoming-webhook message (Block Kit): a plain_text header, the title and the labelled
// values as mrkdwn. Every value from data is escaped (functions/shared/notify/text.ts) and the mrkdwn texts are
// verbatim (no automatic linking of URLs, channel names or mentions), so the one link is the report link
// autopilot built.
import { type Notice, noticeFields, type RenderedNotice } from './message.ts';
import { clip, plainText, slackEscape, slackLink } from './text.ts';

/** Block Kit: a header's text is at most 150 characters, a section's text at most 3000. */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });

/** Whole lines while they fit in `max` characters, then a line saying how many were left out. */
function fitLines(lines: string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const more = `… ${lines.length - index} more line(s) in the report`;
    const fits = length + line.length + 1 <= max - (index < lines.length - 1 ? more.length + 1 : 0);
    if (!fits) return [...kept, more].join('\n');
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n');
}

/** One `- Label: value` line, escaped for mrkdwn, the value cut so that one line cannot fill the section. */
const line = (label: string, value: string | number) =>
  `- ${slackEscape(clip(plainText(label), 100))}: ${slackEscape(clip(plainText(value), 1000))}`;

/** The webhook payload for `notice` (rendered once by renderNotice for its heading). */
export function slackPayload(notice: Notice, rendered: RenderedNotice, channelName?: string) {
  const title = slackEscape(clip(plainText(notice.title), SECTION_MAX - 2));
  const report = notice.link ? slackLink(notice.link, 'Open the report') : undefined;
  const lines = [
    ...noticeFields(notice).map(([label, value]) => line(label, value)),
    ...(notice.link ? [report ? `- Report: ${report}` : line('Report', notice.link)] : []),
    line('Playbook', notice.playbook),
    ...(notice.dryRun ? [line('Dry run', 'nothing was changed')] : []),
  ];
  return {
    ...(channelName ? { channel: channelName } : {}),
    text: clip(`${rendered.heading}: ${title}`, SECTION_MAX),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(rendered.heading, HEADER_MAX), emoji: true } },
      { type: 'section', text: mrkdwn(`*${title}*`) },
      { type: 'section', text: mrkdwn(fitLines(lines, SECTION_MAX)) },
    ],
  };
}
