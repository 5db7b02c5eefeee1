// The runbook's SEV1 "Establish War Room": create the incident channel (#incident-<incident id>), invite the
// configured responders, post the declaration ("SEV1 Incident Declared", time, impact, status, IC, channel).
// Without a bot token the alert names the channel to open by hand. A Slack failure is recorded on the timeline and
// never stops the incident.
import { utcMinute } from '../model/clock.ts';
import type { IncidentRecord, WarRoom } from '../model/record.ts';
import { callSlack, escapeSlack, SlackApiError } from './slack-api.ts';

export interface WarRoomSettings {
  responders: string[];
  channelPrefix: string;
  private: boolean;
  incidentCommander: string;
}

/** The channel name: lower case letters, digits, hyphens, underscores, at most 80 characters (Slack's rule). */
export const channelName = (prefix: string, id: string) =>
  `${prefix}${id.toLowerCase()}`.replace(/[^a-z0-9_-]/g, '-').slice(0, 80);

/** The runbook's declaration message. */
export function declaration(record: IncidentRecord, channel: string, commander: string): string {
  return [
    '*SEV1 Incident Declared*',
    `- Incident: ${record.id}`,
    `- Time: ${utcMinute(record.openedAt)}`,
    `- Impact: ${escapeSlack(record.source.description ?? `${record.source.alarmName} in ALARM`)}`,
    '- Current Status: Investigating',
    `- IC: ${escapeSlack(commander)}`,
    `- Slack Channel: #${channel}`,
  ].join('\n');
}

/** Creates the channel, invites, posts; what happened is in the result (and never thrown for Slack refusals). */
export async function openWarRoom(
  record: IncidentRecord,
  token: string,
  settings: WarRoomSettings,
  fetchFn: typeof fetch,
): Promise<WarRoom> {
  const channel = channelName(settings.channelPrefix, record.id);
  let channelId: string | undefined;
  const steps: string[] = [];
  try {
    const created = await callSlack<{ channel: { id: string } }>(fetchFn, token, 'conversations.create', {
      name: channel,
      is_private: settings.private,
    });
    channelId = created.channel.id;
    steps.push(`created #${channel}`);
  } catch (error) {
    if (!(error instanceof SlackApiError) || error.code !== 'name_taken') {
      return { channel, created: false, detail: `could not create #${channel}: ${(error as Error).message}` };
    }
    steps.push(`#${channel} exists already (an earlier attempt or by hand): posting by name, nobody invited`);
  }
  if (channelId && settings.responders.length) {
    try {
      await callSlack(fetchFn, token, 'conversations.invite', {
        channel: channelId,
        users: settings.responders.join(','),
      });
      steps.push(`invited ${settings.responders.length} responder(s)`);
    } catch (error) {
      steps.push(`invite failed: ${(error as Error).message}`);
    }
  }
  try {
    const text = declaration(record, channel, settings.incidentCommander);
    await callSlack(fetchFn, token, 'chat.postMessage', {
      channel: channelId ?? `#${channel}`,
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    });
    steps.push('declaration posted');
  } catch (error) {
    steps.push(`declaration not posted: ${(error as Error).message}`);
  }
  return { channel, ...(channelId ? { channelId } : {}), created: Boolean(channelId), detail: steps.join('; ') };
}
