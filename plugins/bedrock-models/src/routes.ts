import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Route of the Bedrock models page. */
export const rootRouteRef = createRouteRef();

/** Route of the Approvals page (`/bedrock-models/approvals`). */
export const approvalsRouteRef = createRouteRef();
