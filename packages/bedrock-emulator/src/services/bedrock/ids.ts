import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 12-character lower-case id, as in Bedrock's job and imported-model ARNs. */
export function newResourceId(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, b => ALPHABET[b % ALPHABET.length]).join('');
}

/** `arn:aws:bedrock:<region>:<account>:<kind>/<id>`. */
export function bedrockArn(
  region: string,
  accountId: string,
  kind: 'model-import-job' | 'imported-model',
  id: string,
): string {
  return `arn:aws:bedrock:${region}:${accountId}:${kind}/${id}`;
}

/** Splits a Bedrock ARN into its parts, or undefined when it is not one. */
export function parseBedrockArn(
  arn: string,
): { region: string; accountId: string; kind: string; id: string } | undefined {
  const match =
    /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]+):(\d{12}):([a-z-]+)\/([a-z0-9]+)$/.exec(
      arn,
    );
  if (!match) return undefined;
  const [, region, accountId, kind, id] = match;
  return { region, accountId, kind, id };
}
