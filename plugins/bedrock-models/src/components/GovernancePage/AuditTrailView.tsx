import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
// core-plugin-api's hook resolves routes in apps on both frontend systems (as catalog-react's own links do).
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  Button,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Table,
  Text,
} from '@backstage/ui';
import {
  AUDIT_EVENT_KINDS,
  AuditEvent,
  AuditTrailFilters,
  ReportFacets,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import { formatDateTime } from '../../format/formatDateTime';
import {
  AUDIT_KIND_LABELS,
  auditPageQuery,
  auditQueryOf,
  describeAuditEvent,
  MODEL_NAME_PATTERN,
} from '../../governance/auditEvents';
import { AccountNameOf } from '../../names/useAccountNames';
import { useEntityDisplayNames } from '../../names/useEntityDisplayNames';
import { DayField } from '../shared/DayField';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { FilterSelect } from '../shared/FilterSelect';
import { TextFilterField } from '../shared/TextFilterField';
import { downloadCsv } from './downloadCsv';

/** Events a page of the audit trail shows. */
export const AUDIT_PAGE_SIZE = 50;

type EventRow = AuditEvent & { rowId: string; id: string };

const WrappingCell = (props: { text: string; secondary?: boolean }) => (
  <Cell>
    <Text
      as="p"
      variant="body-small"
      color={props.secondary ? 'secondary' : undefined}
      style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}
    >
      {props.text}
    </Text>
  </Cell>
);

/**
 * Every import, move, retirement and approval decision across all models, newest first, from the
 * backend a page at a time: filters for model, owner, actor, Region, kind and days, and the backend's CSV
 * of every event the filters let through.
 */
export const AuditTrailView = (props: {
  filters: AuditTrailFilters;
  onFiltersChange: (filters: AuditTrailFilters) => void;
  /** The cursor of each page after the first that was visited to reach this one. */
  cursors: string[];
  onCursorsChange: (cursors: string[]) => void;
  facets?: ReportFacets;
  accountName: AccountNameOf;
  /** Today, as `YYYY-MM-DD` (the file name of the export, and the latest day to pick). */
  today: string;
}) => {
  const { filters, cursors } = props;
  const api = useApi(bedrockModelsApiRef);
  const alertApi = useApi(alertApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const [exporting, setExporting] = useState(false);
  const query = auditPageQuery(
    filters,
    AUDIT_PAGE_SIZE,
    cursors[cursors.length - 1],
  );
  const key = JSON.stringify(query);
  const page = useAsyncRetry(
    () => api.getAuditTrail(query),
    // The key stands for the query, which is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  const events = page.value?.items ?? [];
  const displayName = useEntityDisplayNames([
    ...events.flatMap(e => [e.actor, e.owner]),
    ...(props.facets?.owner ?? []),
  ]);

  const change = (next: AuditTrailFilters) => {
    props.onFiltersChange(next);
  };
  const exportCsv = async () => {
    setExporting(true);
    try {
      const csv = await api.getAuditCsv(auditQueryOf(filters));
      downloadCsv(`bedrock-models-audit-${props.today}.csv`, csv);
    } catch (error) {
      alertApi.post({
        message: `The audit trail could not be exported: ${describeError(
          error as Error,
        )}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  };

  const modelHref = (model: string) =>
    entityRoute?.({ kind: 'resource', namespace: 'default', name: model });
  const columns: ColumnConfig<EventRow>[] = [
    {
      id: 'at',
      label: 'When (UTC)',
      isRowHeader: true,
      defaultWidth: 150,
      cell: e => (
        <CellText
          title={formatDateTime(e.at).replace(' UTC', '')}
          description={AUDIT_KIND_LABELS[e.kind] ?? e.kind}
        />
      ),
    },
    {
      id: 'model',
      label: 'Model',
      defaultWidth: '2fr',
      minWidth: 170,
      cell: e => (
        <CellText
          title={e.modelName}
          href={modelHref(e.modelName)}
          description={displayName(e.owner)}
        />
      ),
    },
    {
      id: 'actor',
      label: 'Who',
      defaultWidth: '1.5fr',
      minWidth: 130,
      cell: e => (
        <CellText title={displayName(e.actor)} description={e.actor} />
      ),
    },
    {
      id: 'what',
      label: 'What',
      defaultWidth: '3fr',
      minWidth: 220,
      cell: e => <WrappingCell text={describeAuditEvent(e)} />,
    },
    {
      id: 'reason',
      label: 'Reason',
      defaultWidth: '3fr',
      minWidth: 200,
      cell: e => (
        <WrappingCell
          text={[e.reason ? `“${e.reason}”` : '', e.detail ?? '']
            .filter(Boolean)
            .join(' · ')}
        />
      ),
    },
    {
      id: 'where',
      label: 'Where',
      defaultWidth: 150,
      cell: e => (
        <CellText
          title={e.region ?? '—'}
          description={e.accountId ? props.accountName(e.accountId) : undefined}
        />
      ),
    },
  ];

  const kindOptions = AUDIT_EVENT_KINDS.map(k => ({
    id: k,
    label: AUDIT_KIND_LABELS[k],
  }));
  const firstShown = cursors.length * AUDIT_PAGE_SIZE + 1;
  return (
    <Flex direction="column" gap="3">
      <Flex gap="2" align="start" style={{ flexWrap: 'wrap' }}>
        <TextFilterField
          label="Model"
          placeholder="support-summarizer"
          value={filters.model}
          onChange={model => change({ ...filters, model })}
          check={value =>
            MODEL_NAME_PATTERN.test(value)
              ? undefined
              : 'A model name: lowercase letters, digits and single dashes.'
          }
        />
        <FilterSelect
          label="Owner"
          options={(props.facets?.owner ?? []).map(o => ({
            id: o,
            label: displayName(o),
          }))}
          value={filters.owner}
          onChange={owner => change({ ...filters, owner })}
        />
        <TextFilterField
          label="Who"
          placeholder="user:default/ana"
          value={filters.actor}
          onChange={actor => change({ ...filters, actor })}
        />
        <FilterSelect
          label="Region"
          options={(props.facets?.region ?? []).map(r => ({
            id: r,
            label: r,
          }))}
          value={filters.region}
          onChange={region => change({ ...filters, region })}
        />
        <FilterSelect
          label="Kind"
          options={kindOptions}
          value={filters.kind}
          onChange={kind =>
            change({
              ...filters,
              kind: kind as AuditTrailFilters['kind'],
            })
          }
        />
        <DayField
          label="From (UTC day)"
          value={filters.from}
          max={filters.to ?? props.today}
          onChange={from => change({ ...filters, from })}
        />
        <DayField
          label="To (UTC day, included)"
          value={filters.to}
          min={filters.from}
          max={props.today}
          onChange={to => change({ ...filters, to })}
        />
      </Flex>
      <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
        <Text variant="body-small" color="secondary" aria-live="polite">
          {page.value
            ? `${
                events.length === 0
                  ? 'No events'
                  : `Events ${firstShown}–${firstShown + events.length - 1}`
              }, newest first`
            : 'Reading the audit trail…'}
        </Text>
        <Flex gap="2">
          <Button
            size="small"
            variant="tertiary"
            onPress={() => change({})}
            isDisabled={Object.values(filters).every(v => !v)}
          >
            Clear filters
          </Button>
          <Button
            size="small"
            variant="secondary"
            onPress={exportCsv}
            isPending={exporting}
            isDisabled={page.value !== undefined && events.length === 0}
          >
            Export CSV
          </Button>
        </Flex>
      </Flex>
      {page.error ? (
        <ErrorWithRetry
          title="The audit trail cannot be read"
          error={page.error}
          onRetry={page.retry}
        />
      ) : (
        <Table
          columnConfig={columns}
          data={
            page.value
              ? events.map(e => ({ ...e, rowId: e.id, id: e.id }))
              : undefined
          }
          isPending={page.loading && !page.value}
          isStale={page.loading && Boolean(page.value)}
          pagination={{ type: 'none' }}
          emptyState={<Text>No event matches the filters.</Text>}
        />
      )}
      <Flex gap="2" justify="end">
        <Button
          size="small"
          variant="secondary"
          isDisabled={cursors.length === 0}
          onPress={() => props.onCursorsChange(cursors.slice(0, -1))}
        >
          Newer events
        </Button>
        <Button
          size="small"
          variant="secondary"
          isDisabled={!page.value?.nextCursor}
          onPress={() =>
            page.value?.nextCursor &&
            props.onCursorsChange([...cursors, page.value.nextCursor])
          }
        >
          Older events
        </Button>
      </Flex>
    </Flex>
  );
};
