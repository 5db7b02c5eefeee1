// Sends one notice to every configured channel. SNS (the stack's own topic) is the channel of record:
// its failure fails the step; Slack and PagerDuty failures are reported in the result, not thrown, so a
// chat outage never stops a containment.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { GlobalConfig, Severity } from '../config/config.ts';
import { logger } from '../handler/logger.ts';
import { type Notice, pagerDutyPayload, renderNotice, slackPayload } from './message.ts';
import { resolveSecret, type SecretClients } from './secrets.ts';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

export interface NotifyDeps extends SecretClients {
  sns: SNSClient;
  topicArn: string;
  notifications: GlobalConfig['notifications'];
  fetch?: typeof fetch;
}

export interface ChannelResult {
  channel: 'sns' | 'slack' | 'pagerduty';
  ok: boolean;
  detail?: string;
}

const severityRank: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

async function postJson(fetchFn: typeof fetch, url: string, body: unknown): Promise<string> {
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return `HTTP ${response.status}`;
}

async function viaChannel(channel: ChannelResult['channel'], send: () => Promise<string>): Promise<ChannelResult> {
  try {
    return { channel, ok: true, detail: await send() };
  } catch (error) {
    logger.warn('notification channel failed', { channel, error: (error as Error).message });
    return { channel, ok: false, detail: (error as Error).message };
  }
}

export async function notify(notice: Notice, deps: NotifyDeps): Promise<ChannelResult[]> {
  const rendered = renderNotice(notice);
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const published = await deps.sns.send(
    new PublishCommand({
      TopicArn: deps.topicArn,
      Subject: rendered.subject,
      Message: rendered.text,
      MessageAttributes: {
        severity: { DataType: 'String', StringValue: notice.severity },
        playbook: { DataType: 'String', StringValue: notice.playbook },
      },
    }),
  );
  const results: ChannelResult[] = [{ channel: 'sns', ok: true, detail: published.MessageId }];
  const { slack, pagerduty } = deps.notifications;
  if (slack) {
    results.push(
      await viaChannel('slack', async () =>
        postJson(
          fetchFn,
          await resolveSecret(slack.webhookUrl, deps),
          slackPayload(notice, rendered, slack.channelName),
        ),
      ),
    );
  }
  if (pagerduty && severityRank[notice.severity] <= severityRank[pagerduty.minSeverity] && notice.kind !== 'report') {
    results.push(
      await viaChannel('pagerduty', async () =>
        postJson(
          fetchFn,
          PAGERDUTY_EVENTS_URL,
          pagerDutyPayload(notice, rendered, await resolveSecret(pagerduty.routingKey, deps)),
        ),
      ),
    );
  }
  return results;
}
