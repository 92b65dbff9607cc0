import { Alert } from '@backstage/ui';
import type { AliasPointer } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatDateTime } from '../../format/formatDateTime';

/**
 * Someone moved the pointer while the dialog was open: the backend's message, and who moved it to
 * what, as the refreshed data says.
 */
export const ConflictAlert = (props: {
  message: string;
  alias: string;
  region: string;
  /** The pointer as it is now (after the refresh the conflict triggered). */
  current?: AliasPointer;
}) => {
  const { current } = props;
  const now = current
    ? `It now names version ${current.version}, moved by ${
        current.updatedBy
      } at ${formatDateTime(current.updatedAt)}.`
    : `It names no version now.`;
  return (
    <Alert
      role="alert"
      status="warning"
      title={`Someone else moved the ${props.alias} pointer in ${props.region}`}
      description={`${now} ${props.message} The dialog now shows the current state: check it and submit again if you still want to.`}
    />
  );
};
