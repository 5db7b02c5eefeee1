// The reads `autopilot doctor` makes that no playbook makes: S3 HeadBucket and SNS GetTopicAttributes, through the
// real SDK clients, answered as AWS answers them.
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, NotFoundException, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { errorOf, useSandbox } from './helpers.ts';

const BUCKET = 'idp-autopilot-dev-reports-123456789012';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:idp-autopilot-dev-notifications';

describe('S3 HeadBucket', () => {
  useSandbox();

  it('answers for a bucket of the client region with its region', async () => {
    const out = await awsClient(S3Client, 'us-east-1').send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(out.BucketRegion).toBe('us-east-1');
  });

  it('answers a bucket that does not exist with a bare 404 (NotFound)', async () => {
    const error = await errorOf(
      awsClient(S3Client, 'us-east-1').send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })),
    );
    expect(error.name).toBe('NotFound');
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
  });

  it('answers a bucket of another region with a 301', async () => {
    const error = await errorOf(awsClient(S3Client, 'us-west-2').send(new HeadBucketCommand({ Bucket: BUCKET })));
    expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(301);
  });
});

describe('SNS GetTopicAttributes', () => {
  useSandbox();

  it('returns the attributes of a topic of the region', async () => {
    const { Attributes } = await awsClient(SNSClient, 'us-east-1').send(
      new GetTopicAttributesCommand({ TopicArn: TOPIC }),
    );
    expect(Attributes).toMatchObject({ TopicArn: TOPIC, Owner: '123456789012', SubscriptionsConfirmed: '0' });
  });

  it('answers a topic of another region, or none, with NotFound', async () => {
    const error = await errorOf(
      awsClient(SNSClient, 'us-west-1').send(new GetTopicAttributesCommand({ TopicArn: TOPIC })),
    );
    expect(error).toBeInstanceOf(NotFoundException);
  });
});
