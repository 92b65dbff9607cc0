import { Alert } from '@backstage/ui';
import { formatDateTime } from '../../format/formatDateTime';

/** Says that AWS could not be reached, so what is shown is from the last successful sync. */
export const StaleDataBanner = (props: {
  /** Since when AWS could not be read, if known. */
  since?: string;
  /** The last successful sync, if known. */
  lastSync?: string;
  /** The error met, if any. */
  detail?: string;
}) => (
  <Alert
    status="warning"
    title={`AWS could not be reached${
      props.since ? ` since ${formatDateTime(props.since)}` : ''
    }: the data shown is from the last successful sync${
      props.lastSync ? ` (${formatDateTime(props.lastSync)})` : ''
    }.`}
    description={props.detail}
  />
);
