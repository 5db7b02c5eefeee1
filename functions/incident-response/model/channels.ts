// Who hears of an incident: the stack's SNS topic always (the channel of record; its failure fails the step, which
// is retried), the severity's Slack channel (default notifications.slack), PagerDuty when the severity pages (the
// escalation level's own service when it has one). Sent with the shared notify module: a failing Slack or
// PagerDuty is reported in the result and on the timeline, never stops the other channels or the incident.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '../../shared/aws/clients.ts';
import { type GlobalConfig, PAGERDUTY_EVENTS_URL } from '../../shared/config/config.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { type ChannelResult, notify } from '../../shared/notify/notify.ts';
import { PLAYBOOK } from './record.ts';
import type { EscalationLevel, SeveritySettings } from './severities.ts';

export type Notifications = GlobalConfig['notifications'];

/** The channels of one severity (and escalation level). */
export function channelsFor(severity: SeveritySettings, global: Notifications, level?: EscalationLevel): Notifications {
  const routingKey = level?.pagerdutyRoutingKey ?? global.pagerduty?.routingKey;
  const eventsUrl = global.pagerduty?.eventsUrl ?? PAGERDUTY_EVENTS_URL;
  return {
    dryRuns: global.dryRuns,
    ...((severity.slack ?? global.slack) ? { slack: severity.slack ?? global.slack } : {}),
    // minSeverity SEV4: this severity pages (severities that do not page get no PagerDuty at all).
    ...(severity.page && routingKey ? { pagerduty: { routingKey, minSeverity: 'SEV4' as const, eventsUrl } } : {}),
  };
}

/** Where notices go from the home region. */
export interface Sender {
  home: string;
  topicArn: string;
}

/** Sends `notice` to `notifications`' channels (and the topic); returns each channel's result. */
export async function send(
  notice: Omit<Notice, 'playbook'>,
  notifications: Notifications,
  sender: Sender,
): Promise<ChannelResult[]> {
  return notify(
    { ...notice, playbook: PLAYBOOK },
    {
      sns: awsClient(SNSClient, sender.home),
      ssm: awsClient(SSMClient, sender.home),
      secretsManager: awsClient(SecretsManagerClient, sender.home),
      topicArn: sender.topicArn,
      notifications,
    },
  );
}

/** "sns, slack; pagerduty failed (HTTP 500)" for the timeline. */
export function deliveryText(results: ChannelResult[]): string {
  const ok = results.filter((result) => result.ok).map((result) => result.channel);
  const failed = results.filter((result) => !result.ok).map((result) => `${result.channel} failed (${result.detail})`);
  return [ok.join(', '), ...failed].filter(Boolean).join('; ');
}
