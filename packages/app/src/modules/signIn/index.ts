import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { demoApproverAuthApi } from './demoApproverAuthApi';

/** Replaces the app's default sign-in page (guest only) with one that also offers the demo's approver. */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./DemoSignInPage')).DemoSignInPage,
  },
});

/** The portal's sign-in: the guest, and the local demo's second user where the backend offers it. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, demoApproverAuthApi],
});
