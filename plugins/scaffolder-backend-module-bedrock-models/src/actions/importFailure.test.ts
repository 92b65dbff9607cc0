import { failureCodes, withoutCodes } from './importFailure';

// The failure messages the bedrock-models backend writes into a version (ImportJobStarter, ImportJobTracker).
const NOT_STARTED =
  'Bedrock did not start the import job after 12 attempts; the last answer was ThrottlingException (log reference 0a1b2c3d). Import again when it can (a full imported-models quota needs a retired version or a quota increase).';
const REFUSED =
  'Bedrock refused the import job: Bedrock found the request invalid (ValidationException (log reference 99aa88bb)).';
const NOT_FOLLOWED =
  'The import job could not be followed: ResourceNotFoundException (log reference deadbeef)';

describe('withoutCodes', () => {
  it('leaves a plain sentence where the backend wrote AWS error names and log references', () => {
    expect(withoutCodes(NOT_STARTED)).toBe(
      'Bedrock did not start the import job after 12 attempts; the last answer was an AWS error. Import again when it can (a full imported-models quota needs a retired version or a quota increase).',
    );
    expect(withoutCodes(REFUSED)).toBe(
      'Bedrock refused the import job: Bedrock found the request invalid.',
    );
    expect(withoutCodes(NOT_FOLLOWED)).toBe(
      'The import job could not be followed: an AWS error',
    );
  });

  it("keeps AWS's own words about the artifacts as they are", () => {
    const aws =
      "The model artifacts at s3://bucket/llama/ are missing config.json. Add the model's Hugging Face config.json and try again.";
    expect(withoutCodes(aws)).toBe(aws);
  });
});

describe('failureCodes', () => {
  it('finds each AWS error name and log reference once', () => {
    expect(failureCodes(NOT_STARTED)).toEqual({
      awsErrors: ['ThrottlingException'],
      logReferences: ['0a1b2c3d'],
    });
    expect(
      failureCodes(`${REFUSED} ${NOT_FOLLOWED} ValidationException again`),
    ).toEqual({
      awsErrors: ['ValidationException', 'ResourceNotFoundException'],
      logReferences: ['99aa88bb', 'deadbeef'],
    });
  });
});
