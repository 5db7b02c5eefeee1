// GuardDuty detectors: ListDetectors, GetDetector, UpdateDetector, GetAdministratorAccount. GuardDuty answers an
// unknown detector id with BadRequestException (not a NotFound), validates enums with BadRequestException too, and
// refuses a member account's change to what its administrator account manages (the publishing frequency) the same way.
import type {
  GetAdministratorAccountRequest,
  GetDetectorRequest,
  ListDetectorsRequest,
  UpdateDetectorRequest,
} from '@aws-sdk/client-guardduty';
import { awsError } from '../../errors.ts';
import type { DetectorRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'];

const badRequest = (message: string) =>
  awsError('BadRequestException', message, { fields: { Type: 'InvalidInputException' } });

function requireDetector(ctx: HandlerContext, detectorId: string | undefined): DetectorRec {
  const detector = ctx.regional.guardduty.detectors.find((d) => d.DetectorId === detectorId);
  if (!detector) {
    throw badRequest('The request is rejected because the input detectorId is not owned by the current account.');
  }
  return detector;
}

function listDetectors(ctx: HandlerContext, input: ListDetectorsRequest) {
  const pageSize = input.MaxResults ?? 50;
  if (pageSize < 1 || pageSize > 50)
    throw badRequest('The request is rejected because MaxResults is out of range [1, 50].');
  const page = paginate(ctx.regional.guardduty.detectors, (d) => d.DetectorId, {
    token: input.NextToken,
    pageSize,
    invalidToken: () => badRequest('The request is rejected because the NextToken is invalid.'),
  });
  return { DetectorIds: page.items.map((d) => d.DetectorId), NextToken: page.nextToken };
}

function getDetector(ctx: HandlerContext, input: GetDetectorRequest) {
  const { DetectorId: _id, ...detector } = requireDetector(ctx, input.DetectorId);
  return detector;
}

function updateDetector(ctx: HandlerContext, input: UpdateDetectorRequest) {
  const detector = requireDetector(ctx, input.DetectorId);
  const now = ctx.now().toISOString();
  if (input.FindingPublishingFrequency !== undefined) {
    if (!FREQUENCIES.includes(input.FindingPublishingFrequency)) {
      throw badRequest(
        `The request is rejected because the value '${input.FindingPublishingFrequency}' of FindingPublishingFrequency is not valid. Valid values: ${FREQUENCIES.join(', ')}.`,
      );
    }
    if (detector.administrator?.RelationshipStatus === 'Enabled') {
      throw badRequest(
        'The request is rejected because the finding publishing frequency of a member account is managed by its administrator account.',
      );
    }
    detector.FindingPublishingFrequency = input.FindingPublishingFrequency as DetectorRec['FindingPublishingFrequency'];
  }
  if (input.Enable !== undefined) detector.Status = input.Enable ? 'ENABLED' : 'DISABLED';
  if (input.DataSources) detector.DataSources = { ...detector.DataSources, ...structuredClone(input.DataSources) };
  for (const feature of input.Features ?? []) {
    detector.Features ??= [];
    const existing = detector.Features.find((f) => f.Name === feature.Name);
    const update = { Name: feature.Name!, Status: feature.Status ?? existing?.Status ?? 'DISABLED', UpdatedAt: now };
    if (existing) Object.assign(existing, update);
    else detector.Features.push(update);
  }
  detector.UpdatedAt = now;
  return {};
}

function getAdministratorAccount(ctx: HandlerContext, input: GetAdministratorAccountRequest) {
  const detector = requireDetector(ctx, input.DetectorId);
  return detector.administrator ? { Administrator: structuredClone(detector.administrator) } : {};
}

export const detectorHandlers: Handlers = {
  GetAdministratorAccount: getAdministratorAccount,
  ListDetectors: listDetectors,
  GetDetector: getDetector,
  UpdateDetector: updateDetector,
};
