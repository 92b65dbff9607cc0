import { ResponseError } from '@backstage/errors';

const NAMES: Record<number, [name: string, statusText: string]> = {
  400: ['InputError', 'Bad Request'],
  403: ['NotAllowedError', 'Forbidden'],
  404: ['NotFoundError', 'Not Found'],
  409: ['ConflictError', 'Conflict'],
  503: ['ServiceUnavailableError', 'Service Unavailable'],
};

/**
 * The error the real client throws when the bedrock-models backend refuses a call: a `ResponseError`
 * read from the backend's error body, so callers see the same status, name and reason. For tests that
 * make a mocked call fail as the backend would.
 *
 * @public
 */
export function bedrockModelsResponseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  const [name, statusText] = NAMES[status] ?? ['Error', 'Error'];
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/bedrock-models' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}
