import { useEffect, useState } from 'react';
import { Progress, SignInPage } from '@backstage/core-components';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import { useApi } from '@backstage/frontend-plugin-api';
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
 * The sign-in page: the guest, and the local demo's second user when the backend offers it (it does
 * only with auth.providers.demo-approver configured, under NODE_ENV=development). Production's
 * configuration has neither.
 */
export const DemoSignInPage = (props: {
  onSignInSuccess(identityApi: IdentityApi): void;
}) => {
  const auth = useApi(demoApproverAuthApiRef);
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
      providers={offered ? ['guest', demoApprover] : ['guest']}
    />
  );
};
