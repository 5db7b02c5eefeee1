// Every access key of a user (ListAccessKeys pages with Marker/IsTruncated). Shared by the steps that act on keys.
import { type AccessKeyMetadata, type IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';

export async function listAccessKeys(iam: IAMClient, userName: string): Promise<AccessKeyMetadata[]> {
  const keys: AccessKeyMetadata[] = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new ListAccessKeysCommand({ UserName: userName, Marker }));
    keys.push(...(page.AccessKeyMetadata ?? []));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return keys;
}
