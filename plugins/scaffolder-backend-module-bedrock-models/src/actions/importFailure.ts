import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

// AWS error names (AccessDeniedException, ThrottlingException ...) and the backend's log references,
// as the backend writes them into a version's failure message: "ThrottlingException (log reference 1a2b3c4d)".
const AWS_ERROR_NAME = /\b[A-Z][A-Za-z]{2,63}(?:Exception|Error|Fault)\b/g;
const LOG_REFERENCE = /\blog reference ([0-9a-f]{4,16})\b/g;

/** The AWS error names and log references a failure message carries, each once, in order. */
export function failureCodes(message: string): {
  awsErrors: string[];
  logReferences: string[];
} {
  const unique = (matches: string[]) => [...new Set(matches)];
  return {
    awsErrors: unique(message.match(AWS_ERROR_NAME) ?? []),
    logReferences: unique(
      [...message.matchAll(LOG_REFERENCE)].map(match => match[1]),
    ),
  };
}

/** The failure message without its codes: "(ThrottlingException (log reference ...))" and the like go. */
export function withoutCodes(message: string): string {
  return message
    .replace(/\s*\([^()]*\([^()]*log reference [^()]*\)[^()]*\)/g, '')
    .replace(/\s*\([^()]*log reference [^()]*\)/g, '')
    .replace(AWS_ERROR_NAME, 'an AWS error')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
}

/** A failed import, told in plain words for the error card, with the codes apart for whoever fixes it. */
export type ImportFailureReport = {
  /** What happened and what to do, without codes. */
  summary: string;
  /** AWS's message as it came, the AWS error names, log references and the job. */
  details: string[];
};

/** Describes a version whose import failed: a plain summary and its details. */
export function describeImportFailure(
  version: ModelVersion,
  elapsed: string,
): ImportFailureReport {
  const label = `${version.modelName} v${version.number}`;
  const message = version.failureMessage ?? 'AWS gave no reason.';
  const reason = withoutCodes(message);
  const summary = `The import of ${label} into ${
    version.region
  } failed after ${elapsed}: ${reason}${
    /[.!?]$/.test(reason) ? '' : '.'
  } Nothing is serving it: fix the cause and run the template again (version ${
    version.number
  } stays in the registry as failed).`;
  const { awsErrors, logReferences } = failureCodes(message);
  const details = [`Message: ${message}`];
  if (awsErrors.length > 0) details.push(`AWS errors: ${awsErrors.join(', ')}`);
  if (logReferences.length > 0) {
    details.push(
      `Portal log references (for the portal's operators): ${logReferences.join(
        ', ',
      )}`,
    );
  }
  if (version.jobArn) details.push(`Import job: ${version.jobArn}`);
  return { summary, details };
}

/**
 * The step's error for a failed import. Its message is Markdown for the task page's error card: the
 * summary, then a "Details" part listing the codes. (Not an HTML `<details>` toggle: the card is itself a
 * collapsible panel, so a click on the toggle would also open the panel, which shows the message's source.)
 * Its `plainText` (what the task log shows) is the same without markup.
 */
export function importFailedError(
  report: ImportFailureReport,
): Error & { plainText: string } {
  const error = new Error(
    [
      report.summary,
      '',
      'Details:',
      '',
      ...report.details.map(line => `- ${line}`),
    ].join('\n'),
  ) as Error & { plainText: string };
  error.name = 'ImportFailedError';
  error.plainText = [
    report.summary,
    ...report.details.map(line => `  ${line}`),
  ].join('\n');
  return error;
}
