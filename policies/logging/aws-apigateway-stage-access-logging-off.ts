import { defineRule } from '../../src/api/rule.js';
import { APIGATEWAY_STAGE } from '../../src/model/aws/apigateway.js';
import { EDGE_REFS } from '../_lib/aws-edge.js';
import { globMatch } from '../_lib/aws-resource-policy.js';

const defaults: { exemptStages: string[] } = { exemptStages: [] };

export default defineRule({
  id: 'aws-apigateway-stage-access-logging-off',
  title: 'API Gateway stage without access logging',
  severity: 'medium',
  resourceTypes: [APIGATEWAY_STAGE],
  description:
    'Fails for a stage of a REST, HTTP or WebSocket API with no access-log destination (`accessLogSettings.destinationArn`). Execution logging of REST stages is a debugging aid, not an access record, and is not judged. `exemptStages` lists `<api name>/<stage>` patterns (`*` wildcards) that are not applicable.',
  risk: 'Without access logs, who called which route, from where and with what result cannot be reconstructed: abuse of the API (enumeration, credential stuffing, data scraping) goes undetected and cannot be scoped.',
  remediation: [
    "Send the stage's access logs to a CloudWatch Logs group (or Firehose) with a format including `$context.requestId`, `$context.identity.sourceIp`, `$context.status`.",
    '',
    '- Console: API Gateway → the API → Stages → the stage → Logs and tracing (REST) / Logging (HTTP) → Custom access logging on, the log group ARN.',
    "- CLI (REST): `aws apigateway update-stage --rest-api-id ID --stage-name STAGE --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=LOG_GROUP_ARN`; (HTTP/WebSocket): `aws apigatewayv2 update-stage --api-id ID --stage-name STAGE --access-log-settings DestinationArn=LOG_GROUP_ARN,Format='$context.requestId'`.",
    '- Terraform: `access_log_settings { destination_arn = … format = … }` on `aws_api_gateway_stage` / `aws_apigatewayv2_stage`.',
  ].join('\n'),
  references: [EDGE_REFS.apigwLogging, `${EDGE_REFS.apigwHub}#apigateway-1`, `${EDGE_REFS.apigwHub}#apigateway-9`],
  messages: {
    off: 'API Gateway {{type}} API {{api}}, stage {{stage}}, has no access logging.',
    on: 'API Gateway {{type}} API {{api}}, stage {{stage}}, logs accesses to {{destination}}.',
    exempt: 'API Gateway {{type}} API {{api}}, stage {{stage}}, is exempt from this check ({{pattern}}).',
  },
  defaults,
  optionsSchema: { type: 'object', properties: { exemptStages: { type: 'array', items: { type: 'string', minLength: 1 } } }, additionalProperties: false },
  evaluate(r, ctx) {
    const api = r.data.apiName ?? r.data.apiId;
    const stage = r.data.stageName;
    const type = r.data.apiType;
    const pattern = ctx.options.exemptStages.find((p) => globMatch(p, `${api}/${stage}`));
    if (pattern) return { status: 'not_applicable', messageId: 'exempt', data: { type, api, stage, pattern } };
    if (r.data.accessLogDestinationArn) return { status: 'pass', messageId: 'on', data: { type, api, stage, destination: r.data.accessLogDestinationArn } };
    return { status: 'fail', messageId: 'off', data: { type, api, stage }, evidence: { apiId: r.data.apiId, stageName: stage, accessLogDestinationArn: null } };
  },
});
