// Autopilot watching itself: one alarm per function on its errors (state machine failures have their own
// alarms in serverless.yml). Generated so that a new function can never be left unwatched. Named
// <service>-<stage>-<function>-errors: incident-response handles them like any alarm (severityByName), except its
// own, which only notify the topic (ignoreAlarmNames), so a failing incident path never feeds itself.
const logicalId = (name) =>
  `${name.charAt(0).toUpperCase()}${name.slice(1).replace(/-/g, 'Dash').replace(/_/g, 'Underscore')}`;

module.exports = async ({ resolveConfigurationProperty }) => {
  const functions = (await resolveConfigurationProperty(['functions'])) ?? {};
  const service = await resolveConfigurationProperty(['service']);
  const stage = await resolveConfigurationProperty(['provider', 'stage']);
  const Resources = {};
  for (const name of Object.keys(functions)) {
    Resources[`${logicalId(name)}ErrorsAlarm`] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: `${service}-${stage}-${name}-errors`.slice(0, 255),
        AlarmDescription: `Function ${name} of idp-autopilot returned errors`,
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: `${logicalId(name)}LambdaFunction` } }],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: 'NotificationTopic' }],
      },
    };
  }
  return { Resources };
};
