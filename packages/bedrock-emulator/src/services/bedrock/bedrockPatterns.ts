/**
 * A constraint from the Bedrock service model (bedrock 2023-04-20 `service-2.json`): the pattern as
 * the model writes it (AWS quotes it in its validation messages) and a check of the whole value.
 */
export type ModelPattern = {
  /** The pattern exactly as the service model gives it. */
  source: string;
  matches(value: string): boolean;
};

/**
 * A pattern whose model text can be used as is: anchored, it cannot backtrack catastrophically
 * (no quantified group whose body can match the same text in more than one way).
 */
function anchored(source: string): ModelPattern {
  const regex = new RegExp(`^(?:${source})$`);
  return { source, matches: value => regex.test(value) };
}

/**
 * A pattern whose model text backtracks exponentially when a match fails (e.g. JobName's
 * `(-*[...\-...])*` on a run of hyphens): checked with an equivalent pattern that cannot, while
 * messages still quote the model's text.
 */
function equivalent(source: string, linear: RegExp): ModelPattern {
  return { source, matches: value => linear.test(value) };
}

const JOB_NAME_SOURCE = '[a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*';
// `-` is itself in the repeated class, so `(-*[class])*` is just `[class]*`: a letter or digit, then
// letters, digits, `+`, `-` and `.` in any order (a trailing run of hyphens included).
const JOB_NAME_LINEAR = /^[a-zA-Z0-9][a-zA-Z0-9+.-]*$/;

const MODEL_NAME_SOURCE = '([0-9a-zA-Z][_-]?)+';
// Letters and digits, each optionally followed by one `_` or `-`: it starts with a letter or digit
// and never has two separators in a row. Each repetition below consumes exactly one letter or digit,
// so there is one way to match.
const MODEL_NAME_LINEAR = /^[0-9a-zA-Z](?:[_-]?[0-9a-zA-Z])*[_-]?$/;

const JOB_ARN_SOURCE =
  'arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-import-job/[a-z0-9]{12}';
const MODEL_ARN_SOURCE =
  'arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:imported-model/[a-z0-9]{12}';

const jobArn = anchored(JOB_ARN_SOURCE);
const modelArn = anchored(MODEL_ARN_SOURCE);

/** JobName: CreateModelImportJob's `jobName` and ListModelImportJobs' `nameContains`. */
export const JOB_NAME = equivalent(JOB_NAME_SOURCE, JOB_NAME_LINEAR);

/** ImportedModelName: `importedModelName` and ListImportedModels' `nameContains`. */
export const IMPORTED_MODEL_NAME = equivalent(
  MODEL_NAME_SOURCE,
  MODEL_NAME_LINEAR,
);

/** ModelImportJobIdentifier (GetModelImportJob's path): a job ARN or a job name. */
export const JOB_IDENTIFIER: ModelPattern = {
  source: `(${JOB_ARN_SOURCE})|(${JOB_NAME_SOURCE})`,
  matches: value => jobArn.matches(value) || JOB_NAME.matches(value),
};

/** ImportedModelIdentifier (GetImportedModel's and DeleteImportedModel's path): an ARN or a name. */
export const MODEL_IDENTIFIER: ModelPattern = {
  source: `(${MODEL_ARN_SOURCE})|(${MODEL_NAME_SOURCE})`,
  matches: value =>
    modelArn.matches(value) || IMPORTED_MODEL_NAME.matches(value),
};

/** RoleArn. */
export const ROLE_ARN = anchored('arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+');

/**
 * S3Uri: a bucket, then path segments of letters, digits and `- ! _ * ' ( ) .` only (no `=`, `+`,
 * `@`, `:`, spaces or empty segments), optionally ending in `/`.
 */
export const S3_URI = anchored(
  "s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?",
);

/** IdempotencyToken (`clientRequestToken`). */
export const IDEMPOTENCY_TOKEN = anchored(
  '[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?',
);

/** KmsKeyId: a key ARN, an alias ARN, a key id or `alias/<name>`. */
export const KMS_KEY_ID = anchored(
  '(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key/[a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)))|([a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+)',
);

/** TagKey and TagValue. */
export const TAG_TEXT = anchored('[a-zA-Z0-9\\s._:/=+@-]*');

const TAGGABLE_ARN_SOURCE =
  '.*(^[a-zA-Z0-9][a-zA-Z0-9\\-]*$)|(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model/(imported)/[a-z0-9]{12}$)|(^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:([0-9]{12}|)((:(fine-tuning-job|model-customization-job|custom-model)/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12})$)|(:guardrail/[a-z0-9]+$)|(:automated-reasoning-policy/[a-zA-Z0-9]+(:[a-zA-Z0-9]+)?$)|(:(inference-profile|application-inference-profile)/[a-zA-Z0-9-:.]+$)|(:(provisioned-model|model-invocation-job|model-evaluation-job|evaluation-job|model-import-job|imported-model|async-invoke|provisioned-model-v2|provisioned-model-reservation|prompt-router|custom-model-deployment)/[a-z0-9]{12}$))).*';

// The alternatives of TaggableResourcesArn that name what this emulator has (a bare resource name,
// and ARNs of the 12-character-id kinds), each anchored. Custom-model, guardrail, policy and
// inference-profile ARNs also pass their own alternatives so that they reach the not-found answer.
const TAGGABLE_ALTERNATIVES = [
  /^[a-zA-Z0-9][a-zA-Z0-9-]*$/,
  /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model\/imported\/[a-z0-9]{12}$/,
  /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(?:[0-9]{12})?:(?:provisioned-model|model-invocation-job|model-evaluation-job|evaluation-job|model-import-job|imported-model|async-invoke|provisioned-model-v2|provisioned-model-reservation|prompt-router|custom-model-deployment)\/[a-z0-9]{12}$/,
  /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(?:[0-9]{12})?:(?:fine-tuning-job|model-customization-job|custom-model)\/[a-z0-9.:/-]+$/,
  /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(?:[0-9]{12})?:guardrail\/[a-z0-9]+$/,
  /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(?:[0-9]{12})?:automated-reasoning-policy\/[a-zA-Z0-9]+(?::[a-zA-Z0-9]+)?$/,
  /^arn:aws(?:-[^:]+)?:bedrock:[a-z0-9-]{1,20}:(?:[0-9]{12})?:(?:inference-profile|application-inference-profile)\/[a-zA-Z0-9:.-]+$/,
];

/** TaggableResourcesArn (TagResource, UntagResource, ListTagsForResource). */
export const TAGGABLE_ARN: ModelPattern = {
  source: TAGGABLE_ARN_SOURCE,
  matches: value => TAGGABLE_ALTERNATIVES.some(re => re.test(value)),
};

/** CustomModelUnitsVersion, which GetImportedModel's `customModelUnitsVersion` follows. */
export const CUSTOM_MODEL_UNITS_VERSION = anchored('v\\d+.\\d+');
