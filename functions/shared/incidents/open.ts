// Which incidents are open, for playbooks that must not run during one (maintenance-window refuses while a SEV1 or
// SEV2 is open). The incident playbook keeps one object per open incident under incidents/open/ in the reports
// bucket, created when it opens the incident and deleted when it resolves it; this module only reads them.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { readJson } from '../claims/read.ts';
import type { Severity } from '../config/config.ts';
import { OPEN_INCIDENTS_PREFIX, type OpenIncident } from './keys.ts';

export { OPEN_INCIDENTS_PREFIX, type OpenIncident, openIncidentKey } from './keys.ts';

/** Every open incident (paginated ListObjectsV2 over incidents/open/), optionally only these severities. */
export async function listOpenIncidents(
  s3: S3Client,
  bucket: string,
  severities?: Severity[],
): Promise<OpenIncident[]> {
  const found: OpenIncident[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: OPEN_INCIDENTS_PREFIX, ContinuationToken }),
    );
    for (const object of page.Contents ?? []) {
      const incident = await readJson<OpenIncident>(s3, bucket, object.Key!);
      if (incident && (!severities || severities.includes(incident.severity))) found.push(incident);
    }
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return found;
}
