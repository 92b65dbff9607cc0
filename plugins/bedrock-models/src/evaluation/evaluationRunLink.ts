/** The query parameter that opens an evaluation run on the model tab. */
export const EVALUATION_RUN_PARAM = 'evaluationRun';

/** The id of the Evaluations section on the model tab. */
export const EVALUATIONS_SECTION_ID = 'bedrock-evaluations';

/** A link, relative to the model tab, that opens a run there. */
export function evaluationRunHref(runId: string): string {
  return `?${EVALUATION_RUN_PARAM}=${encodeURIComponent(
    runId,
  )}#${EVALUATIONS_SECTION_ID}`;
}
