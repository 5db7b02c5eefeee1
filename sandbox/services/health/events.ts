// AWS Health DescribeEvents: the account's events (state.global.health, seeded from estate/health.yaml), filtered
// by region, service, status, category and type code, newest update first, 10 to 100 per page with nextToken. The
// Health API has no endpoint in ordinary regions: the global view is served from us-east-1 (us-east-2 when
// us-east-1 is impaired); a client made for any other region cannot reach it.
import type { DescribeEventsRequest } from '@aws-sdk/client-health';
import { awsError } from '../../errors.ts';
import type { HealthEventRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const ENDPOINT_REGIONS = ['us-east-1', 'us-east-2'];

function unreachable(region: string): Error {
  const error = new Error(`getaddrinfo ENOTFOUND health.${region}.amazonaws.com`);
  Object.assign(error, { code: 'ENOTFOUND' });
  return error;
}

const within = (time: string, ranges: { from?: Date | string; to?: Date | string }[] | undefined) =>
  !ranges?.length ||
  ranges.some(
    (range) =>
      (!range.from || time >= new Date(range.from).toISOString()) &&
      (!range.to || time <= new Date(range.to).toISOString()),
  );

function matches(event: HealthEventRec, filter: DescribeEventsRequest['filter'] = {}): boolean {
  const among = <T>(values: T[] | undefined, value: T) => !values?.length || values.includes(value);
  return (
    among(filter.regions, event.region) &&
    among(filter.services, event.service) &&
    among(filter.eventStatusCodes, event.statusCode) &&
    among(filter.eventTypeCategories, event.eventTypeCategory) &&
    among(filter.eventTypeCodes, event.eventTypeCode) &&
    among(filter.eventArns, event.arn) &&
    among(filter.availabilityZones, event.availabilityZone ?? '') &&
    within(event.startTime, filter.startTimes) &&
    within(event.lastUpdatedTime, filter.lastUpdatedTimes)
  );
}

function describeEvents(ctx: HandlerContext, input: DescribeEventsRequest) {
  if (!ENDPOINT_REGIONS.includes(ctx.region)) throw unreachable(ctx.region);
  const pageSize = input.maxResults ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 10 || pageSize > 100) {
    throw awsError('ValidationException', `maxResults must be between 10 and 100 (got ${pageSize})`);
  }
  const events = (ctx.state.global.health?.events ?? []).filter((event) => matches(event, input.filter));
  // Newest update first; the key keeps pages disjoint (time descending, then ARN).
  const keyOf = (event: HealthEventRec) =>
    `${String(9e15 - Date.parse(event.lastUpdatedTime)).padStart(16, '0')}|${event.arn}`;
  const page = paginate(events, keyOf, {
    token: input.nextToken,
    pageSize,
    invalidToken: () => awsError('InvalidPaginationToken', 'The specified pagination token is invalid.'),
  });
  return { events: page.items, nextToken: page.nextToken };
}

export const healthEventHandlers: Handlers = { DescribeEvents: describeEvents };
