import { createServiceMock, ServiceMock } from '@backstage/backend-test-utils';
import { BedrockModelsService } from '../BedrockModelsService';
import { bedrockModelsServiceRef } from '../bedrockModelsServiceRef';
import {
  BedrockModelsServiceMockOptions,
  InMemoryBedrockModelsService,
} from './InMemoryBedrockModelsService';

/** Every method of the service, in the order the interface declares them. */
const METHODS: Array<keyof BedrockModelsService> = [
  'getHealth',
  'searchModels',
  'getSettings',
  'validateArtifacts',
  'getQuotas',
  'getGovernanceReport',
  'getReportCsv',
  'getReportFacets',
  'getInventory',
  'getModel',
  'getVersion',
  'importVersion',
  'getModelCost',
  'retireVersion',
  'getPointerHistory',
  'promoteVersion',
  'rollbackPointer',
  'getEvaluationSuite',
  'startEvaluation',
  'getEvaluationRun',
];

/** Each method of `implementation` as a jest mock function that calls it. */
function mockedMethodsOf(
  implementation?: BedrockModelsService,
): jest.Mocked<BedrockModelsService> {
  const methods: Record<string, jest.Mock> = {};
  for (const name of METHODS) {
    // The methods differ in their parameters; each mock passes its arguments on unchanged.
    const method = implementation?.[name] as
      | ((...args: unknown[]) => unknown)
      | undefined;
    methods[name] = method
      ? jest.fn((...args: unknown[]) => method.apply(implementation, args))
      : jest.fn();
  }
  return methods as unknown as jest.Mocked<BedrockModelsService>;
}

const createBareMock = createServiceMock(bedrockModelsServiceRef, () =>
  mockedMethodsOf(),
);

/**
 * An in-memory bedrock-models backend for tests, as `catalogServiceMock` is for the catalog: it keeps
 * models, versions and pointers, applies the backend's rules (from `-common`) and permission rules, and
 * throws `ResponseError`s as the real client does. Every method is a jest mock function (spy on calls,
 * or make one fail with `mockRejectedValueOnce`), and `.factory` installs it in `startTestBackend`.
 *
 * @public
 */
export function bedrockModelsServiceMock(
  options?: BedrockModelsServiceMockOptions,
): ServiceMock<BedrockModelsService> {
  const registry = new InMemoryBedrockModelsService(options);
  return createServiceMock(bedrockModelsServiceRef, () =>
    mockedMethodsOf(registry),
  )();
}

/**
 * Ways to install the mock.
 *
 * @public
 */
// A namespace merged with the function, as Backstage's own service mocks are shaped.
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace bedrockModelsServiceMock {
  /** A factory installing an in-memory backend, for `startTestBackend`'s features. */
  export const factory = (options?: BedrockModelsServiceMockOptions) =>
    bedrockModelsServiceMock(options).factory;
  /** A service whose methods are bare jest mock functions, possibly with some implemented. */
  export const mock = createBareMock;
}
