import {
  IMPORTABLE_ARCHITECTURES,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Whether a version answers the Converse API: Bedrock says so, else its architecture's known ability. */
export function supportsConverse(
  version: Pick<ModelVersion, 'instructSupported' | 'architecture'>,
): boolean {
  if (version.instructSupported !== undefined) return version.instructSupported;
  const arch = version.architecture?.toLowerCase();
  return IMPORTABLE_ARCHITECTURES.some(
    a => (a.name.toLowerCase() === arch || a.family === arch) && a.converse,
  );
}

/**
 * A short Python (boto3) snippet that reads the model ARN from its SSM parameter, so callers follow
 * promotions and rollbacks without a deploy, and calls it with Converse or InvokeModel.
 */
export function sdkSnippet(input: {
  parameterName: string;
  region: string;
  converse: boolean;
  architecture?: string;
}): string {
  const { parameterName, region, converse } = input;
  // InvokeModel takes the model's native body; Llama names its length limit differently.
  const lengthKey = input.architecture?.toLowerCase().includes('llama')
    ? 'max_gen_len'
    : 'max_tokens';
  const head = [
    'import boto3',
    '',
    `ssm = boto3.client("ssm", region_name="${region}")`,
    `model_arn = ssm.get_parameter(Name="${parameterName}")["Parameter"]["Value"]`,
    '',
    `bedrock = boto3.client("bedrock-runtime", region_name="${region}")`,
  ];
  const call = converse
    ? [
        'response = bedrock.converse(',
        '    modelId=model_arn,',
        '    messages=[{"role": "user", "content": [{"text": "Hello"}]}],',
        ')',
        'print(response["output"]["message"]["content"][0]["text"])',
      ]
    : [
        'import json',
        'response = bedrock.invoke_model(',
        '    modelId=model_arn,',
        `    body=json.dumps({"prompt": "Hello", "${lengthKey}": 256}),`,
        ')',
        'print(json.loads(response["body"].read()))',
      ];
  return [...head, ...call].join('\n');
}
