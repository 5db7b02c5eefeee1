// Which alarms incident-response handles and at which severity: the alarm's `severity` tag, else the first
// configured name pattern that matches, else the default (the runbook's severity table, config severityByName).
import type { Severity } from '../../shared/config/config.ts';
import type { IncidentResponseSettings } from '../config.ts';
import { matchesGlob } from './severities.ts';

const SEVERITIES: Severity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/** Why the alarm is not handled, or undefined when it is. Tags are needed only when config matches on them. */
export function notHandledBecause(
  alarmName: string,
  tags: Record<string, string> | undefined,
  settings: IncidentResponseSettings,
): string | undefined {
  const ignored = settings.ignoreAlarmNames.find((pattern) => matchesGlob(pattern, alarmName));
  if (ignored) {
    return `alarm ${alarmName} matches ignoreAlarmNames "${ignored}": incident-response's own alarms notify the topic directly`;
  }
  if (settings.alarmNamePrefixes.some(({ prefix }) => alarmName.startsWith(prefix))) return undefined;
  const tagged = Object.entries(settings.alarmTags).some(
    ([key, value]) => tags?.[key] !== undefined && (value === '*' || tags[key] === value),
  );
  if (tagged) return undefined;
  return `alarm ${alarmName} has none of the configured name prefixes or tags`;
}

/** Whether the config needs the alarm's tags to decide (any alarmTags configured). */
export const needsTagsToRoute = (settings: IncidentResponseSettings) => Object.keys(settings.alarmTags).length > 0;

/** The incident's severity and where it came from (for the timeline). */
export function classify(
  alarmName: string,
  tags: Record<string, string>,
  settings: IncidentResponseSettings,
): { severity: Severity; because: string } {
  const tagged = tags.severity?.toUpperCase();
  if (tagged && SEVERITIES.includes(tagged as Severity)) {
    return { severity: tagged as Severity, because: `the alarm's severity tag (${tagged})` };
  }
  const rule = settings.severityByName.find((candidate) => matchesGlob(candidate.pattern, alarmName));
  if (rule) return { severity: rule.severity, because: `severityByName pattern "${rule.pattern}"` };
  return { severity: settings.defaultSeverity, because: 'the default severity' };
}
