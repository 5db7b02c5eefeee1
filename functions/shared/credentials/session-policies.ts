// Policy documents autopilot attaches when it revokes credentials.

/** The policy name the IAM console's "Revoke active sessions" uses (and AWS's guidance refers to). */
export const REVOKE_SESSIONS_POLICY = 'AWSRevokeOlderSessions';

/** What the console's "Revoke active sessions" attaches to a role: deny to every session issued before `before`. */
export function revokeOlderSessionsPolicy(before: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': before } },
      },
    ],
  });
}
