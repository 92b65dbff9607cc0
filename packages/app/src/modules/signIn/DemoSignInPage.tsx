import { useEffect, useState } from 'react';
import { Progress, SignInPage } from '@backstage/core-components';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { signInProvidersFor } from './signInProviders';
import {
  DEMO_APPROVER_PROVIDER,
  demoApproverAuthApiRef,
} from './demoApproverAuthApi';

/** The local demo's second sign-in, as the core sign-in page offers a provider. */
const demoApprover = {
  id: DEMO_APPROVER_PROVIDER,
  title: 'Demo approver',
  message:
    'Local demo only: sign in as the second demo user, in ML governance, to approve what the guest asks for.',
  apiRef: demoApproverAuthApiRef,
};

/**
 * The sign-in page: the providers `app.signIn.providers` names (the demo: the guest; production: GitHub),
 * and the local demo's second user when the backend offers it (it does only with
 * auth.providers.demo-approver configured, under NODE_ENV=development). Production's configuration has no
 * guest and no second user.
 */
export const DemoSignInPage = (props: {
  onSignInSuccess(identityApi: IdentityApi): void;
}) => {
  const auth = useApi(demoApproverAuthApiRef);
  const configured = signInProvidersFor(
    useApi(configApiRef).getOptionalStringArray('app.signIn.providers') ?? [
      'guest',
    ],
  );
  const [offered, setOffered] = useState<boolean>();
  useEffect(() => {
    let current = true;
    auth.isOffered().then(answer => {
      if (current) setOffered(answer);
    });
    return () => {
      current = false;
    };
  }, [auth]);
  if (offered === undefined) return <Progress />;
  return (
    <SignInPage
      {...props}
      title="Bedrock model portal"
      providers={offered ? [...configured, demoApprover] : configured}
    />
  );
};
