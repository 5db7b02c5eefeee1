// The runbook's "aws health describe-events --region us-east-1": open AWS Health events for the services the alarm
// watches, in its region. The Health API's global endpoint is us-east-1 (the caller builds the client there); an
// account without Business or Enterprise support gets SubscriptionRequiredException, which the assessment reports.
import { DescribeEventsCommand, type HealthClient } from '@aws-sdk/client-health';
import type { HealthEvent } from '../model/assessment.ts';

/** Health service codes per CloudWatch namespace (those the thresholds and the stack's own alarms use). */
const SERVICES: Record<string, string[]> = {
  'AWS/ApplicationELB': ['ELASTICLOADBALANCING'],
  'AWS/ApiGateway': ['APIGATEWAY'],
  'AWS/EC2': ['EC2'],
  CWAgent: ['EC2'],
  'AWS/AutoScaling': ['AUTOSCALING', 'EC2'],
  'AWS/RDS': ['RDS'],
  'AWS/Lambda': ['LAMBDA'],
  'AWS/States': ['STATES'],
  'AWS/S3': ['S3'],
  'AWS/ElastiCache': ['ELASTICACHE'],
  'AWS/EKS': ['EKS'],
  'AWS/ECS': ['ECS'],
};

/** The Health services of the namespaces an alarm watches (EC2 when nothing is known). */
export function servicesFor(namespaces: string[]): string[] {
  const services = new Set(namespaces.flatMap((namespace) => SERVICES[namespace] ?? []));
  return services.size ? [...services].sort() : ['EC2'];
}

/** Errors that mean "the Health API cannot be asked from this account", not "something broke". */
const UNAVAILABLE = ['SubscriptionRequiredException', 'AccessDeniedException'];

/** Open (and upcoming) events for `services` in `region`, all pages (maxResults 100). */
export async function openHealthEvents(
  health: HealthClient,
  services: string[],
  region: string,
): Promise<{ checked: boolean; note?: string; events: HealthEvent[] }> {
  const events: HealthEvent[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await health.send(
        new DescribeEventsCommand({
          filter: { services, regions: [region], eventStatusCodes: ['open', 'upcoming'] },
          maxResults: 100,
          nextToken,
        }),
      );
      for (const event of page.events ?? []) {
        events.push({
          service: event.service ?? '?',
          eventTypeCode: event.eventTypeCode ?? '?',
          region: event.region ?? region,
          statusCode: event.statusCode ?? '?',
          startTime: event.startTime?.toISOString(),
          arn: event.arn ?? '',
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    const name = (error as Error).name;
    if (UNAVAILABLE.includes(name)) return { checked: false, note: `AWS Health API: ${name}`, events: [] };
    throw error;
  }
  return { checked: true, events };
}
