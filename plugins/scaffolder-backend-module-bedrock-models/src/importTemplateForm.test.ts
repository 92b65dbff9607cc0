import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  parseS3Uri,
  S3_URI_FORM_PATTERN,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

const TEMPLATE_FILE = path.resolve(
  __dirname,
  '../../../examples/templates/import-bedrock-model/template.yaml',
);

type Property = Record<string, unknown> & {
  'ui:field'?: string;
  'ui:options'?: Record<string, unknown>;
};
type Page = {
  title: string;
  properties?: Record<string, Property>;
  dependencies?: Record<
    string,
    { oneOf: Array<{ properties: Record<string, Property> }> }
  >;
};

const template = parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
const pages: Page[] = template.spec.parameters;
const page = (title: string) => pages.find(p => p.title === title)!;

describe('the import template form', () => {
  it("holds the S3 folder to the backend's rule, in one pattern", () => {
    const s3Uri = page('Artifacts').properties!.s3Uri;
    expect(s3Uri.pattern).toBe(S3_URI_FORM_PATTERN);
    expect(s3Uri.maxLength).toBe(1024);
    // Its help names what the pattern refuses, for when the form can only say "does not match".
    expect(s3Uri['ui:help']).toContain(`- ! _ * ' ( ) .`);
    // The default is a folder the backend accepts.
    expect('location' in parseS3Uri(String(s3Uri.default))).toBe(true);
  });

  it('checks the artifacts on the Artifacts page, and offers Regions by classification', () => {
    const artifacts = page('Artifacts').properties!;
    expect(Object.keys(artifacts)).toEqual([
      's3Uri',
      'accountId',
      'classification',
      'region',
      'artifactCheck',
    ]);
    expect(artifacts.artifactCheck['ui:field']).toBe('BedrockArtifactCheck');
    expect(artifacts.region['ui:options']).toEqual({
      list: 'regions',
      accountField: 'accountId',
      classificationField: 'classification',
    });
  });

  it('picks an existing model from the ones the user may add to, not from free text', () => {
    const existing = page('Model').dependencies!.modelKind.oneOf.find(
      option => 'existingModel' in option.properties,
    )!;
    expect(existing.properties.existingModel['ui:field']).toBe(
      'BedrockModelPicker',
    );
  });

  it('gives the import step the size the validate step found', () => {
    const importStep = template.spec.steps.find(
      (step: { id: string }) => step.id === 'import',
    );
    expect(importStep.input.weightBytes).toBe(
      '${{ steps.validate.output.weightBytes }}',
    );
  });

  it('offers to run the evaluation suite on the Release page, off by default, and runs it once the version is ready', () => {
    const release = page('Release').properties!;
    expect(release.runEvaluation).toMatchObject({
      title: "Run the model's evaluation suite when the version is ready",
      type: 'boolean',
      default: false,
    });
    const steps: Array<{
      id: string;
      if?: string;
      action: string;
      input: Record<string, unknown>;
    }> = template.spec.steps;
    const evaluate = steps.find(step => step.id === 'evaluate')!;
    // After the import (which ends when the version is ready), before the promote.
    expect(steps.map(step => step.id)).toEqual([
      'validate',
      'import',
      'evaluate',
      'promote',
    ]);
    expect(evaluate.action).toBe('bedrock:model:evaluate');
    // A dry run imports nothing: without a version the step is skipped.
    expect(evaluate.if).toBe(
      '${{ parameters.runEvaluation and steps.import.output.version }}',
    );
    expect(evaluate.input).toEqual({
      modelName: '${{ steps.import.output.modelName }}',
      version: '${{ steps.import.output.version }}',
      region: '${{ steps.import.output.region }}',
      failOnFailure: false,
    });
    expect(template.spec.output.links).toContainEqual(
      expect.objectContaining({
        url: '${{ steps.evaluate.output.runLink }}',
      }),
    );
  });
});
