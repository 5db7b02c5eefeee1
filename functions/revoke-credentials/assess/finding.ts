// What revoke-credentials reads of a finding beyond the shared parser (functions/shared/guardduty/finding.ts):
// the API call GuardDuty saw and the caller's IP, for the report. Both are optional in GuardDuty's format.
import * as z from 'zod';

const ApiCallAction = z.looseObject({
  action: z
    .looseObject({
      awsApiCallAction: z
        .looseObject({
          api: z.string().optional(),
          remoteIpDetails: z.looseObject({ ipAddressV4: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

export function apiCallOf(service: unknown): { api?: string; remoteIp?: string } {
  const parsed = ApiCallAction.safeParse(service);
  const call = parsed.success ? parsed.data.action?.awsApiCallAction : undefined;
  return { api: call?.api, remoteIp: call?.remoteIpDetails?.ipAddressV4 };
}
