import { ResponseError } from '@backstage/errors';
import { describeError } from './describeError';

async function responseError(
  status: number,
  statusText: string,
  body: string,
  contentType: string,
) {
  return ResponseError.fromResponse(
    new Response(body, {
      status,
      statusText,
      headers: { 'Content-Type': contentType },
    }),
  );
}

describe('describeError', () => {
  it("shows the backend's reason from Backstage's error body", async () => {
    const error = await responseError(
      409,
      'Conflict',
      JSON.stringify({
        error: { name: 'ConflictError', message: 'It names version 4 now.' },
        request: { method: 'POST', url: '/' },
        response: { statusCode: 409 },
      }),
      'application/json',
    );
    expect(describeError(error)).toBe('It names version 4 now.');
  });

  it('shows the message of another JSON error body, never the JSON', async () => {
    const gateway = await responseError(
      400,
      'Bad Request',
      JSON.stringify({ error: { message: 'limit must be at most 500' } }),
      'application/json',
    );
    expect(describeError(gateway)).toBe('limit must be at most 500');
    const flat = await responseError(
      413,
      'Payload Too Large',
      JSON.stringify({ message: 'The body is too large.' }),
      'application/json',
    );
    expect(describeError(flat)).toBe('The body is too large.');
    const list = await responseError(
      400,
      'Bad Request',
      JSON.stringify({ errors: [{ message: 'a' }, { message: 'b' }] }),
      'application/json',
    );
    expect(describeError(list)).toBe('a; b');
    const opaque = await responseError(
      500,
      'Internal Server Error',
      JSON.stringify({ stack: 'at x (/srv/app.js:1)' }),
      'application/json',
    );
    expect(describeError(opaque)).toBe(
      'The server answered 500 Internal Server Error.',
    );
  });

  it("shows a proxy's page as its status, and a short plain text as it is", async () => {
    const page = await responseError(
      502,
      'Bad Gateway',
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      'text/html',
    );
    expect(describeError(page)).toBe('The server answered 502 Bad Gateway.');
    const text = await responseError(
      503,
      'Service Unavailable',
      'The backend is restarting.',
      'text/plain',
    );
    expect(describeError(text)).toBe('The backend is restarting.');
  });

  it('shows a plain error as its message', () => {
    expect(describeError(new Error('offline'))).toBe('offline');
  });
});
