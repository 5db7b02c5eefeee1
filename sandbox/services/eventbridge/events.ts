// EventBridge PutEvents: every accepted event is kept in the region's state (eventbridge.events), which is the
// autopilot's audit trail (SandboxAccount.events()). Like EventBridge, a malformed entry fails alone (per-entry
// ErrorCode, FailedEntryCount) while the others are accepted; more than 10 entries fail the whole call.
import type { PutEventsRequest, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const MAX_ENTRIES = 10;
const MAX_ENTRY_BYTES = 256 * 1024;

type EntryResult = { EventId?: string; ErrorCode?: string; ErrorMessage?: string };

function busName(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  return nameOrArn.startsWith('arn:')
    ? nameOrArn.slice(nameOrArn.indexOf('event-bus/') + 'event-bus/'.length)
    : nameOrArn;
}

/** The per-entry failure EventBridge reports, or undefined when the entry is valid. */
function entryError(ctx: HandlerContext, entry: PutEventsRequestEntry): EntryResult | undefined {
  if (!entry.Source)
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
    };
  if (!entry.DetailType) {
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    };
  }
  if (!entry.Detail)
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
    };
  try {
    const detail = JSON.parse(entry.Detail);
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) throw new Error('not an object');
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (Buffer.byteLength(JSON.stringify(entry), 'utf8') > MAX_ENTRY_BYTES) {
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Total size of the entries in the request is over the limit.',
    };
  }
  if (!ctx.regional.eventbridge.buses.some((b) => b.Name === busName(entry.EventBusName))) {
    return { ErrorCode: 'InvalidArgument', ErrorMessage: `Event bus ${busName(entry.EventBusName)} does not exist.` };
  }
  return undefined;
}

function putEvents(ctx: HandlerContext, input: PutEventsRequest) {
  const entries = input.Entries ?? [];
  if (entries.length < 1 || entries.length > MAX_ENTRIES) {
    throw awsError(
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  }
  const results: EntryResult[] = entries.map((entry) => {
    const failure = entryError(ctx, entry);
    if (failure) return failure;
    const EventId = ctx.account.newUuid();
    ctx.regional.eventbridge.events.push({
      EventId,
      Time: (entry.Time ? new Date(entry.Time) : ctx.now()).toISOString(),
      Region: ctx.region,
      EventBusName: busName(entry.EventBusName),
      Source: entry.Source!,
      DetailType: entry.DetailType!,
      Detail: entry.Detail!,
      Resources: entry.Resources ?? [],
    });
    return { EventId };
  });
  return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
}

export const eventHandlers: Handlers = {
  PutEvents: putEvents,
};
