// S3 objects through the real S3Client: bodies, listing pages, errors, the copy under outDir, and conditional
// writes (services/s3/conditional.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { REPORTS_BUCKET, account as seededAccount } from '../support/instance.ts';
import { readBack } from '../support/sandbox.ts';
import { errorOf, NOW, useSandbox } from './helpers.ts';

const BUCKET = 'idp-autopilot-dev-reports-123456789012';
const outDir = mkdtempSync(join(tmpdir(), 'sandbox-s3-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('S3 objects', () => {
  const account = useSandbox({ outDir });
  const s3 = () => awsClient(S3Client, 'us-east-1');

  it('stores string, byte and stream bodies and serves them back with the SDK stream mixin', async () => {
    await s3().send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'reports/a.json',
        Body: '{"ok":true}',
        ContentType: 'application/json',
      }),
    );
    await s3().send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'reports/b.bin', Body: new Uint8Array([0, 1, 2, 255]) }),
    );
    await s3().send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'reports/c.csv',
        Body: Readable.from(['a,b\n', '1,2\n']),
        ContentLength: 8,
      }),
    );
    const a = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/a.json' }));
    expect(await a.Body!.transformToString()).toBe('{"ok":true}');
    expect(a).toMatchObject({ ContentType: 'application/json', ContentLength: 11, LastModified: NOW });
    const b = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/b.bin' }));
    expect([...(await b.Body!.transformToByteArray())]).toEqual([0, 1, 2, 255]);
    const c = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'reports/c.csv' }));
    expect(await c.Body!.transformToString()).toBe('a,b\n1,2\n');
    const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'reports/c.csv' }));
    expect(head.ETag).toBe(c.ETag);
    expect(readFileSync(join(outDir, 's3', BUCKET, 'reports/a.json'), 'utf8')).toBe('{"ok":true}');
    expect(account().state.global.s3.buckets[BUCKET].objects['reports/b.bin'].BodyBase64).toBe('AAEC/w==');
  });

  it('lists every key exactly once over pages, with prefixes folded by a delimiter', async () => {
    for (let i = 0; i < 12; i++) {
      await s3().send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `reports/day-${String(i).padStart(2, '0')}.json`, Body: '{}' }),
      );
    }
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'other/x.json', Body: '{}' }));
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: s3(), pageSize: 5 },
      { Bucket: BUCKET, Prefix: 'reports/' },
    )) {
      expect(page.KeyCount).toBeLessThanOrEqual(5);
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    }
    expect(keys).toHaveLength(12);
    expect(new Set(keys).size).toBe(12);
    const folded = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/' }));
    expect(folded.CommonPrefixes).toEqual([{ Prefix: 'other/' }, { Prefix: 'reports/' }]);
    expect(folded.Contents).toBeUndefined();
  });

  it('answers NoSuchKey, NotFound (HEAD), NoSuchBucket and a wrong-region client like S3', async () => {
    const missing = await errorOf(s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'nope' })));
    expect(missing).toBeInstanceOf(NoSuchKey);
    expect(missing.$metadata).toMatchObject({ httpStatusCode: 404 });
    expect((await errorOf(s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'nope' })))).name).toBe('NotFound');
    expect((await errorOf(s3().send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })))).name).toBe(
      'NoSuchBucket',
    );
    const west = awsClient(S3Client, 'us-west-2');
    expect((await errorOf(west.send(new ListObjectsV2Command({ Bucket: BUCKET })))).name).toBe('PermanentRedirect');
  });
});

describe('sandbox S3 conditional writes', () => {
  it('creates with If-None-Match only when the key is free', async () => {
    const on = seededAccount();
    await readBack(on, async () => {
      const s3 = awsClient(S3Client, 'us-east-1');
      const put = () =>
        s3.send(new PutObjectCommand({ Bucket: REPORTS_BUCKET, Key: 'cases/x.json', Body: '{}', IfNoneMatch: '*' }));
      await put();
      expect((await errorOf(put())).name).toBe('PreconditionFailed');
    });
  });
});
