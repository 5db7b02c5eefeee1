// Sends one notice to every configured channel. SNS (the stack's own topic) is the channel of record: its failure
// fails the step (the state machine retries it); Slack and PagerDuty are retried within a bound
// (functions/shared/notify/deliver.ts) and their failures are reported in the result, not thrown, so a chat outage
// never stops a containment.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { GlobalConfig, Severity } from '../config/config.ts';
import { logger } from '../handler/logger.ts';
import {
  type ChannelName,
  type ChannelResult,
  type Clock,
  failed,
  postWithRetry,
  type RetryPolicy,
  skipped,
} from './deliver.ts';
import { type Notice, renderNotice } from './message.ts';
import { pagerDutyPayload } from './pagerduty.ts';
import { resolveSecret, type SecretClients } from './secrets.ts';
import { slackPayload } from './slack.ts';

export { CHANNEL_RETRY, type ChannelResult, type Clock, type RetryPolicy } from './deliver.ts';
export { PAGERDUTY_EVENTS_URL } from './pagerduty.ts';

export interface NotifyDeps extends SecretClients {
  sns: SNSClient;
  topicArn: string;
  notifications: GlobalConfig['notifications'];
  fetch?: typeof fetch;
  /** How the chat channels wait between retries (default: real time). */
  clock?: Clock;
  /** How the chat channels are retried (default CHANNEL_RETRY). */
  retry?: RetryPolicy;
}

const REJECTED_SNS_ONLY = 'rejected input goes to SNS only';

const severityRank: Record<Severity, number> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4 };

/** Why PagerDuty is not paged for this notice, or undefined when it is. */
function noPage(notice: Notice, minSeverity: Severity): string | undefined {
  if (notice.kind === 'rejected') return REJECTED_SNS_ONLY;
  if (notice.kind === 'report') return 'report notices do not page';
  if (severityRank[notice.severity] > severityRank[minSeverity])
    return `${notice.severity} is below the paging threshold ${minSeverity}`;
  return undefined;
}

/** Resolves the channel's secret, then posts with retries; a secret that cannot be read fails before any post. */
async function viaChannel(
  channel: ChannelName,
  request: () => Promise<{ url: string; body: unknown }>,
  deps: NotifyDeps,
): Promise<ChannelResult> {
  let result: ChannelResult;
  try {
    const { url, body } = await request();
    result = await postWithRetry(channel, { url, body }, deps.fetch ?? globalThis.fetch, deps.retry, deps.clock);
  } catch (error) {
    result = failed(channel, 0, (error as Error).message);
  }
  if (!result.ok) logger.warn('notification channel failed', { ...result });
  return result;
}

/**
 * Publishes `notice` to the SNS topic, then posts it to Slack and (at or above `pagerduty.minSeverity`, never for
 * report notices) to PagerDuty, both at once; refused input (kind 'rejected') goes to SNS only. A dry run's notice (`notice.dryRun`) is only logged, or with
 * `notifications.dryRuns` published to SNS alone. Returns one result per channel, in the order sns, slack,
 * pagerduty: delivered, failed after N attempts with the last status, or skipped and why. Throws what SNS threw.
 */
export async function notify(notice: Notice, deps: NotifyDeps): Promise<ChannelResult[]> {
  const rendered = renderNotice(notice);
  if (notice.dryRun && !deps.notifications.dryRuns) {
    logger.info('notice not sent (dry run)', { subject: rendered.subject, text: rendered.text });
    return (['sns', 'slack', 'pagerduty'] as const).map((channel) => skipped(channel, 'not sent (dry run)'));
  }
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
  const sns: ChannelResult = {
    channel: 'sns',
    outcome: 'delivered',
    ok: true,
    attempts: published.$metadata?.attempts ?? 1,
    detail: published.MessageId,
  };
  const { slack, pagerduty } = deps.notifications;
  const toSlack = async () => {
    if (!slack) return skipped('slack', 'not configured');
    if (notice.kind === 'rejected') return skipped('slack', REJECTED_SNS_ONLY);
    if (notice.dryRun) return skipped('slack', 'dry run: SNS only');
    return viaChannel(
      'slack',
      async () => ({
        url: await resolveSecret(slack.webhookUrl, deps),
        body: slackPayload(notice, rendered, slack.channelName),
      }),
      deps,
    );
  };
  const toPagerDuty = async () => {
    if (!pagerduty) return skipped('pagerduty', 'not configured');
    const why = noPage(notice, pagerduty.minSeverity) ?? (notice.dryRun ? 'dry run: SNS only' : undefined);
    if (why) return skipped('pagerduty', why);
    return viaChannel(
      'pagerduty',
      async () => ({
        url: pagerduty.eventsUrl,
        body: pagerDutyPayload(notice, rendered, await resolveSecret(pagerduty.routingKey, deps)),
      }),
      deps,
    );
  };
  return [sns, ...(await Promise.all([toSlack(), toPagerDuty()]))];
}

/**
 * One line per channel the notice should have reached and did not ("pagerduty: NOT delivered after 3 attempts
 * (last: HTTP 503)"), for the step results and reports that embed notify()'s results; empty when nothing was lost.
 */
export function undelivered(results: ChannelResult[]): string[] {
  return results
    .filter((result) => result.outcome === 'failed')
    .map(
      (result) =>
        `${result.channel}: NOT delivered after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'} (last: ${result.detail})`,
    );
}
