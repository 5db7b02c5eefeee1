// Work files of one run in the reports bucket: work/nightly-cleanup/<execution>/plans/<region>.json, gate.json
// and batches/<name>.json (a batch file gets its results written into it, so a retried batch resumes). Candidate
// lists can be large (an account with 100,000 snapshots), so they travel through S3 and the state machine passes
// only keys and counts. Reading, writing and listing live in separate modules so each function's role allows only
// the S3 actions it uses.
import type { S3Client } from '@aws-sdk/client-s3';
import { PLAYBOOK } from './model.ts';

export interface WorkStore {
  s3: S3Client;
  bucket: string;
}

const safe = (value: string) => value.replace(/[^\w.-]/g, '_');

export function workPrefix(executionName: string): string {
  return `work/${PLAYBOOK}/${safe(executionName)}/`;
}

export const planKey = (executionName: string, region: string) =>
  `${workPrefix(executionName)}plans/${safe(region)}.json`;
export const gateKey = (executionName: string) => `${workPrefix(executionName)}gate.json`;
export const batchKey = (executionName: string, name: string) =>
  `${workPrefix(executionName)}batches/${safe(name)}.json`;
