import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Flex, Skeleton, Text } from '@backstage/ui';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import {
  describeColdStarts,
  describeEstimate,
  describeHeartbeat,
  describePolicy,
} from '../../model/keepWarmText';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { KeepWarmDialog } from './KeepWarmDialog';

/** While a policy runs, the panel re-reads this often, so the next and last heartbeat stay current. */
const REFRESH_MS = 30_000;

/** Why someone who may not change a policy sees it read-only. */
export const KEEP_WARM_READ_ONLY =
  'Read-only: only the owners of this model and the portal admins may change how it is kept warm.';

/**
 * How one pointer is kept warm, on its card: the policy, what it costs a month, the next and the last
 * heartbeat, and the cold starts measured over 30 days (last and p95) next to the hours it keeps warm.
 * Owners and admins change it in a dialog; others read why they cannot.
 */
export const KeepWarmPanel = (props: {
  modelName: string;
  alias: string;
  region: string;
}) => {
  const { modelName, alias, region } = props;
  const api = useApi(bedrockModelsApiRef);
  const alertApi = useApi(alertApiRef);
  const [editing, setEditing] = useState(false);
  const pointer = { modelName, alias, region };
  const state = useAsyncRetry(
    () => Promise.all([api.getKeepWarm(pointer), api.getColdStarts(pointer)]),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the pointer is its three names
    [api, modelName, alias, region],
  );
  const running = state.value?.[0].policy.mode !== 'off';
  const { retry } = state;
  useEffect(() => {
    if (!state.value || !running) return undefined;
    const timer = setTimeout(retry, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [state.value, running, retry]);

  // Not "<alias> in <Region>": that names the pointer's own section, which pages and journeys look up.
  const label = `Keep-warm of ${alias} (${region})`;
  if (state.loading && !state.value) {
    return <Skeleton width="100%" height={48} />;
  }
  if (state.error) {
    return (
      <ErrorWithRetry
        title={`${label} cannot be read`}
        error={state.error}
        onRetry={retry}
      />
    );
  }
  const [view, coldStarts] = state.value!;
  const reasonId = `keep-warm-read-only-${alias}-${region}`;
  return (
    <Box
      as="section"
      aria-label={label}
      mt="1"
      pt="2"
      style={{ borderTop: '1px dashed var(--bui-border-1, #ddd)' }}
    >
      <Flex direction="column" gap="1">
        <Flex justify="between" align="center">
          <Text as="h5" variant="title-x-small">
            Keep warm
          </Text>
          <Button
            size="small"
            variant="secondary"
            isDisabled={!view.canEdit}
            aria-describedby={view.canEdit ? undefined : reasonId}
            onPress={() => setEditing(true)}
            aria-label={`Set keep-warm of ${alias} in ${region}`}
          >
            Set keep-warm
          </Button>
        </Flex>
        <Text as="p" variant="body-small">
          {describePolicy(view.policy)}
        </Text>
        {view.policy.mode !== 'off' && (
          <Text as="p" variant="body-small" aria-label="Keep-warm cost">
            {describeEstimate(view.estimate)}
          </Text>
        )}
        {view.nextHeartbeatAt && (
          <Text as="p" variant="body-small">
            Next heartbeat {formatDateTime(view.nextHeartbeatAt)}
          </Text>
        )}
        {view.lastHeartbeat && (
          <Text as="p" variant="body-x-small" color="secondary">
            {describeHeartbeat(view.lastHeartbeat)}
          </Text>
        )}
        <Text as="p" variant="body-small" aria-label="Cold starts">
          {describeColdStarts(coldStarts, view.policy.mode)}
        </Text>
        {view.estimate.notes.length > 0 && view.policy.mode !== 'off' && (
          <Text as="p" variant="body-x-small" color="secondary">
            {view.estimate.notes.join(' ')}
          </Text>
        )}
        {!view.canEdit && (
          <Text id={reasonId} as="p" variant="body-x-small" color="secondary">
            {KEEP_WARM_READ_ONLY}
          </Text>
        )}
      </Flex>
      {editing && (
        <KeepWarmDialog
          view={view}
          onClose={() => setEditing(false)}
          onSaved={saved => {
            setEditing(false);
            alertApi.post({
              message: `Keep-warm of ${alias} in ${region}: ${describePolicy(
                saved.policy,
              )}`,
              severity: 'success',
              display: 'transient',
            });
            retry();
          }}
        />
      )}
    </Box>
  );
};
