import { EmulatorRequest } from './EmulatorRequest';

/**
 * IAM's wording when no policy allows an action, e.g. "User: arn:aws:iam::123456789012:user/test is
 * not authorized to perform: ssm:GetParameter because no identity-based policy allows the
 * ssm:GetParameter action". The caller stands as an IAM user named by its access key id (the
 * emulator has no identities).
 */
export function iamDenialMessage(
  request: EmulatorRequest,
  action: string,
): string {
  const principal = `arn:aws:iam::${request.accountId}:user/${request.scope.accessKeyId}`;
  return `User: ${principal} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
}
