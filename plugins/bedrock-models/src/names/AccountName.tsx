import { useAccountNames } from './useAccountNames';

/** An AWS account as people read it: its configured alias, with the 12-digit id as the tooltip. */
export const AccountName = (props: { accountId: string }) => {
  const accountName = useAccountNames();
  return <span title={props.accountId}>{accountName(props.accountId)}</span>;
};
