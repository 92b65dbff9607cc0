import { ArtifactCheckResult } from './runArtifactCheck';

/**
 * The artifact check as one line: the field's value, which the review step shows. Never empty, so
 * the scaffolder always runs the field's validation.
 */
export function artifactCheckSummary(state: {
  missing?: string[];
  checking: boolean;
  failedToCheck: boolean;
  result?: ArtifactCheckResult;
}): string {
  const { missing, result } = state;
  if (missing) return 'Not checked yet';
  if (state.checking) return 'Checking';
  if (state.failedToCheck || !result) return 'Could not be checked';
  const warnings = result.warnings.length;
  const warned =
    warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '';
  if (!result.passed) {
    const problems = result.errors.length;
    return `${problems} problem${problems === 1 ? '' : 's'} to fix${warned}`;
  }
  const detected = result.detected;
  const what = [
    detected?.architecture,
    detected && detected.weightBytes > 0
      ? `${(detected.weightBytes / 1e9).toFixed(1)} GB`
      : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `Passed${what ? `: ${what}` : ''}${warned}`;
}
