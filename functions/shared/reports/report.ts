// Reports land in the stack's reports bucket under one predictable key layout.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface StoredReport {
  bucket: string;
  key: string;
  uri: string;
  consoleUrl: string;
}

export function reportKey(playbook: string, executionName: string, extension: string, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  const safeName = executionName.replace(/[^\w.-]/g, '_');
  return `reports/${playbook}/${day}/${safeName}.${extension}`;
}

export async function putReport(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string,
  contentType: string,
): Promise<StoredReport> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: contentType,
      ServerSideEncryption: 'AES256',
    }),
  );
  return {
    bucket,
    key,
    uri: `s3://${bucket}/${key}`,
    consoleUrl: `https://s3.console.aws.amazon.com/s3/object/${bucket}?prefix=${encodeURIComponent(key)}`,
  };
}
