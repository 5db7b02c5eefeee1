// SNS: Publish, ListTopics and GetTopicAttributes. Published messages are kept in the region's state (sns.messages) and appended to
// <outDir>/sns/<topic-name>.jsonl. Validation follows SNS: empty/oversized messages and bad subjects are
// InvalidParameterException, an unknown topic NotFound (the SDK names it NotFoundException).
import type { GetTopicAttributesInput, ListTopicsInput, PublishInput } from '@aws-sdk/client-sns';
import { awsError } from '../../errors.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const MAX_MESSAGE_BYTES = 256 * 1024;
const TOPICS_PAGE_SIZE = 100;

const invalidParameter = (what: string) => awsError('InvalidParameterException', `Invalid parameter: ${what}`);

function validateMessage(input: PublishInput): void {
  if (!input.Message) throw invalidParameter('Empty message');
  if (Buffer.byteLength(input.Message, 'utf8') > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (input.Subject !== undefined) {
    // SNS subjects must be printable ASCII without line breaks.
    const printableAscii = /^[\x20-\x7e]+$/;
    if (input.Subject.length > 100 || !printableAscii.test(input.Subject)) throw invalidParameter('Subject');
  }
  if (input.MessageStructure === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.Message);
    } catch {
      throw invalidParameter('Message Structure - JSON message body failed to parse');
    }
    if (typeof parsed !== 'object' || parsed === null || !('default' in parsed)) {
      throw invalidParameter('Message Structure - No default entry in JSON message body');
    }
  }
}

function publish(ctx: HandlerContext, input: PublishInput) {
  if (input.PhoneNumber) throw invalidParameter('PhoneNumber (SMS is not modelled by the sandbox)');
  const arn = input.TopicArn ?? input.TargetArn;
  if (!arn) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  validateMessage(input);
  const topic = ctx.regional.sns.topics.find((t) => t.TopicArn === arn);
  if (!topic) throw awsError('NotFoundException', 'Topic does not exist');
  const isFifo = topic.Name.endsWith('.fifo');
  if (isFifo && !input.MessageGroupId) {
    throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  }
  const message = {
    MessageId: ctx.account.newUuid(),
    TopicArn: arn,
    Subject: input.Subject,
    Message: input.Message!,
    MessageAttributes: input.MessageAttributes && structuredClone(input.MessageAttributes),
    Timestamp: ctx.now().toISOString(),
  };
  ctx.regional.sns.messages.push(message);
  ctx.account.appendOut(`sns/${topic.Name}.jsonl`, message);
  return {
    MessageId: message.MessageId,
    SequenceNumber: isFifo ? String(ctx.regional.sns.messages.length) : undefined,
  };
}

function listTopics(ctx: HandlerContext, input: ListTopicsInput) {
  const page = paginate(ctx.regional.sns.topics, (t) => t.TopicArn, {
    token: input.NextToken,
    pageSize: TOPICS_PAGE_SIZE,
    invalidToken: () => invalidParameter('NextToken'),
  });
  return { Topics: page.items.map((t) => ({ TopicArn: t.TopicArn })), NextToken: page.nextToken };
}

/** The attributes SNS reports for a standard topic without subscriptions the sandbox would know of. */
function getTopicAttributes(ctx: HandlerContext, input: GetTopicAttributesInput) {
  if (!input.TopicArn) throw invalidParameter('TopicArn Reason: no value for required parameter');
  const topic = ctx.regional.sns.topics.find((t) => t.TopicArn === input.TopicArn);
  if (!topic) throw awsError('NotFoundException', 'Topic does not exist');
  return {
    Attributes: {
      TopicArn: topic.TopicArn,
      Owner: ctx.accountId,
      DisplayName: '',
      SubscriptionsConfirmed: '0',
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
      FifoTopic: String(topic.Name.endsWith('.fifo')),
      ...topic.Attributes,
    },
  };
}

export const topicHandlers: Handlers = {
  Publish: publish,
  ListTopics: listTopics,
  GetTopicAttributes: getTopicAttributes,
};
