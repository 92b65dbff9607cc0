import { Progress } from '@backstage/core-components';

/** A load in progress. */
export const LoadingState = () => <Progress />;
