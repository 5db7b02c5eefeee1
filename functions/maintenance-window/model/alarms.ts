// The alarms a maintenance window silences: every metric and composite alarm whose name starts with a configured
// prefix (DescribeAlarms by AlarmNamePrefix, paginated), minus the excluded prefixes; their actions disabled for the
// window (DisableAlarmActions, 100 names a call) and enabled again afterwards, each change read back
// (DescribeAlarms ActionsEnabled), since CloudWatch answers success for names it does not know.
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  DisableAlarmActionsCommand,
  EnableAlarmActionsCommand,
} from '@aws-sdk/client-cloudwatch';
import { VerificationFailedError } from '../../shared/errors/errors.ts';

/** An alarm's state and whether its actions are enabled. */
export interface AlarmView {
  name: string;
  state: string;
  actionsEnabled: boolean;
}

const NAMES_PER_CALL = 100;

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

async function describe(client: CloudWatchClient, query: { AlarmNamePrefix?: string; AlarmNames?: string[] }) {
  const found: AlarmView[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new DescribeAlarmsCommand({
        ...query,
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        MaxRecords: 100,
        NextToken,
      }),
    );
    for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
      found.push({
        name: alarm.AlarmName ?? '',
        state: alarm.StateValue ?? 'INSUFFICIENT_DATA',
        actionsEnabled: alarm.ActionsEnabled ?? true,
      });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/** The alarms whose names start with one of `prefixes` and none of `excluded`, each once. */
export async function matchingAlarms(client: CloudWatchClient, prefixes: string[], excluded: string[]) {
  const byName = new Map<string, AlarmView>();
  for (const prefix of prefixes) {
    for (const alarm of await describe(client, { AlarmNamePrefix: prefix })) {
      if (!excluded.some((skip) => alarm.name.startsWith(skip))) byName.set(alarm.name, alarm);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The named alarms now (missing ones are left out). */
export async function readAlarms(client: CloudWatchClient, names: string[]): Promise<AlarmView[]> {
  const found: AlarmView[] = [];
  for (const batch of chunks(names, NAMES_PER_CALL)) found.push(...(await describe(client, { AlarmNames: batch })));
  return found;
}

/**
 * Disables (or enables) the named alarms' actions and reads them back.
 * @throws VerificationFailedError naming the alarms that do not read back as asked.
 */
export async function setAlarmActions(client: CloudWatchClient, names: string[], enabled: boolean): Promise<void> {
  for (const batch of chunks(names, NAMES_PER_CALL)) {
    await client.send(
      enabled
        ? new EnableAlarmActionsCommand({ AlarmNames: batch })
        : new DisableAlarmActionsCommand({ AlarmNames: batch }),
    );
  }
  const after = await readAlarms(client, names);
  const wrong = names.filter((name) => after.find((alarm) => alarm.name === name)?.actionsEnabled !== enabled);
  if (wrong.length) {
    throw new VerificationFailedError(`alarm actions still ${enabled ? 'disabled' : 'enabled'}: ${wrong.join(', ')}`);
  }
}
