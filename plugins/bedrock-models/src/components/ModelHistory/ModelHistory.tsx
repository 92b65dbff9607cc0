import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button, Flex, Skeleton, Text } from '@backstage/ui';
import type { AuditEvent } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import { describeAuditEvent } from '../../governance/auditEvents';
import { useEntityDisplayNames } from '../../names/useEntityDisplayNames';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';

/** Events the history shows at first, and reads each time it is asked for older ones. */
export const HISTORY_PAGE_SIZE = 20;

type Pages = {
  events: AuditEvent[];
  nextCursor?: string;
};

/**
 * A model's history from the audit trail, newest first: every import, move, retirement (with its reason)
 * and approval decision; the 20 most recent, then older ones a page at a time.
 */
export const ModelHistory = (props: {
  modelName: string;
  /** Changes when the model changed (a move, a retirement): the history is read again from the top. */
  refreshKey: string;
}) => {
  const { modelName, refreshKey } = props;
  const api = useApi(bedrockModelsApiRef);
  const [pages, setPages] = useState<Pages>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    api
      .getAuditTrail({ model: modelName, limit: String(HISTORY_PAGE_SIZE) })
      .then(
        trail => {
          if (!current) return;
          setPages({
            events: trail.items,
            nextCursor: trail.nextCursor,
          });
        },
        e => current && setError(e),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, modelName, refreshKey, attempt]);

  const older = async () => {
    if (!pages?.nextCursor) return;
    setLoading(true);
    try {
      const trail = await api.getAuditTrail({
        model: modelName,
        limit: String(HISTORY_PAGE_SIZE),
        cursor: pages.nextCursor,
      });
      setPages({
        events: [...pages.events, ...trail.items],
        nextCursor: trail.nextCursor,
      });
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  };

  const events = pages?.events ?? [];
  const displayName = useEntityDisplayNames(events.map(e => e.actor));

  if (error && !pages) {
    return (
      <ErrorWithRetry
        title="The model's history cannot be read"
        error={error}
        onRetry={() => setAttempt(n => n + 1)}
      />
    );
  }
  if (!pages) return <Skeleton width="100%" height={120} />;
  if (events.length === 0) {
    return (
      <Text as="p" color="secondary">
        Nothing has happened to this model yet.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="2">
      <ol
        aria-label="Model history"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {events.map(event => (
          <li key={event.id}>
            <Box
              pl="3"
              pb="3"
              style={{ borderLeft: '2px solid var(--bui-border-2, #ccc)' }}
            >
              <Flex direction="column" gap="0.5">
                <Text as="p" variant="body-x-small" color="secondary">
                  {formatDateTime(event.at)}
                </Text>
                <Text as="p" variant="body-medium">
                  <strong title={event.actor}>
                    {displayName(event.actor)}
                  </strong>{' '}
                  {describeAuditEvent(event)}
                </Text>
                {event.reason && (
                  <Text as="p" variant="body-small" color="secondary">
                    “{event.reason}”
                  </Text>
                )}
                {event.detail && (
                  <Text
                    as="p"
                    variant="body-x-small"
                    color="secondary"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {event.detail}
                  </Text>
                )}
              </Flex>
            </Box>
          </li>
        ))}
      </ol>
      {error && (
        <ErrorWithRetry
          title="Older events cannot be read"
          error={error}
          onRetry={older}
        />
      )}
      <Flex justify="between" align="center">
        <Text variant="body-x-small" color="secondary" aria-live="polite">
          {events.length} most recent {events.length === 1 ? 'event' : 'events'}
          {pages.nextCursor ? '' : ', all of them'}
        </Text>
        {pages.nextCursor && (
          <Button
            size="small"
            variant="secondary"
            onPress={older}
            isPending={loading}
          >
            Show older events
          </Button>
        )}
      </Flex>
    </Flex>
  );
};
