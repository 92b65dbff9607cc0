import { InputError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import { modelNameParam, versionParam } from './registryRequests';

/**
 * The OpenAPI validator's message about a model name or version, in the path or the query, e.g.
 * `request/params/model must match pattern "..."`.
 */
const VALIDATOR_PARAM_ERROR = /^request\/(params|query)\/(model|version) /;

/** The segment of the path after `/models/` or `/versions/`, where each parameter sits. */
function segmentAfter(path: string, collection: string): string | undefined {
  const match = new RegExp(`/${collection}/([^/]+)`).exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/**
 * Says in words what is wrong with a model name or version in the path or the query. The OpenAPI validator runs
 * before the routes and answers with its schema pattern (`request/params/model must match pattern
 * "^[a-z0-9]+..."`); callers (the scaffolder's task log, an assistant, a script) need the rule instead.
 */
export function parameterErrorsInWords(): ErrorRequestHandler {
  return (error, req, _res, next) => {
    const match =
      error instanceof InputError
        ? VALIDATOR_PARAM_ERROR.exec(error.message)
        : null;
    if (!match) {
      next(error);
      return;
    }
    const [, place, name] = match;
    const [collection, check] =
      name === 'model'
        ? (['models', modelNameParam] as const)
        : (['versions', versionParam] as const);
    const query = req.query[name];
    let value: string | undefined;
    if (place === 'params') value = segmentAfter(req.path, collection);
    else if (typeof query === 'string') value = query;
    try {
      if (value !== undefined) check(value);
    } catch (inWords) {
      next(inWords);
      return;
    }
    next(error);
  };
}
