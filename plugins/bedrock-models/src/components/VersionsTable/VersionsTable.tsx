import {
  Alert,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Table,
  Text,
} from '@backstage/ui';
import type {
  AliasPointer,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatDateTime } from '../../format/formatDateTime';
import { pointersNaming } from '../../model/regionPointerViews';
import {
  ModelPermissions,
  NOT_OWNER_REASON,
  promoteState,
  retireState,
} from '../../model/versionActions';
import { useAccountNames } from '../../names/useAccountNames';
import { useEntityDisplayNames } from '../../names/useEntityDisplayNames';
import { VersionActions } from './VersionActions';

type VersionRow = ModelVersion & { id: string };

const PERMISSION_NOTICE_ID = 'bedrock-models-permission-notice';

function statusCell(version: ModelVersion) {
  const detail =
    version.status === 'failed'
      ? version.failureMessage ?? 'The import job failed.'
      : version.lastCheckError;
  return (
    <Cell>
      <Flex direction="column" gap="0.5">
        <Text variant="body-medium">{version.status}</Text>
        {detail && (
          <Text
            variant="body-x-small"
            color={version.status === 'failed' ? 'danger' : 'warning'}
          >
            {detail}
          </Text>
        )}
      </Flex>
    </Cell>
  );
}

function refusedActions(permissions: ModelPermissions): string {
  if (!permissions.canPromote && !permissions.canRetire) {
    return 'promote, roll back or retire its versions';
  }
  return permissions.canPromote
    ? 'retire its versions'
    : 'promote or roll back its versions';
}

/** Every version of a model, newest first, with Promote and Retire. */
export const VersionsTable = (props: {
  versions: ModelVersion[];
  pointers: AliasPointer[];
  permissions: ModelPermissions;
  onPromote: (version: ModelVersion) => void;
  onRetire: (version: ModelVersion) => void;
}) => {
  const { pointers, permissions } = props;
  const accountName = useAccountNames();
  const displayName = useEntityDisplayNames(
    props.versions.map(v => v.createdBy),
  );
  const rows: VersionRow[] = [...props.versions]
    .sort((a, b) => b.number - a.number)
    .map(v => ({ ...v, id: `${v.number}` }));

  const columns: ColumnConfig<VersionRow>[] = [
    {
      id: 'number',
      defaultWidth: 100,
      label: 'Version',
      isRowHeader: true,
      cell: v => (
        <CellText
          title={`v${v.number}`}
          description={
            v.managed ? v.importedModelName : 'not managed by the portal'
          }
        />
      ),
    },
    {
      id: 'region',
      defaultWidth: '2fr',
      label: 'Region',
      cell: v => (
        <CellText title={v.region} description={accountName(v.accountId)} />
      ),
    },
    { id: 'status', label: 'Status', defaultWidth: '2fr', cell: statusCell },
    {
      id: 'created',
      defaultWidth: '2fr',
      label: 'Created',
      cell: v => (
        <CellText
          title={displayName(v.createdBy)}
          description={formatDateTime(v.createdAt)}
        />
      ),
    },
    {
      id: 's3',
      defaultWidth: '3fr',
      label: 'S3 source',
      cell: v => (
        <Cell>
          <Text variant="body-small" style={{ wordBreak: 'break-all' }}>
            {v.s3Uri}
          </Text>
        </Cell>
      ),
    },
    {
      id: 'architecture',
      defaultWidth: 110,
      label: 'Architecture',
      cell: v => <CellText title={v.architecture ?? '—'} />,
    },
    {
      id: 'cmus',
      defaultWidth: 70,
      label: 'CMUs',
      cell: v => <CellText title={v.cmusPerCopy?.toString() ?? '—'} />,
    },
    {
      id: 'pointers',
      defaultWidth: '2fr',
      label: 'Pointers',
      cell: v => (
        <CellText
          title={
            pointersNaming(v, pointers)
              .map(p => p.alias)
              .join(', ') || '—'
          }
        />
      ),
    },
    {
      id: 'actions',
      label: 'Actions',
      defaultWidth: 210,
      minWidth: 210,
      cell: v => (
        <VersionActions
          versionNumber={v.number}
          promote={promoteState(v, permissions)}
          retire={retireState(v, pointers, permissions)}
          onPromote={() => props.onPromote(v)}
          onRetire={() => props.onRetire(v)}
          permissionNoticeId={PERMISSION_NOTICE_ID}
        />
      ),
    },
  ];

  const refused =
    !permissions.loading && (!permissions.canPromote || !permissions.canRetire);
  return (
    <Flex direction="column" gap="2">
      {refused && (
        <div id={PERMISSION_NOTICE_ID}>
          <Alert
            status="info"
            title={`You can see this model but not ${refusedActions(
              permissions,
            )}.`}
            description={NOT_OWNER_REASON}
          />
        </div>
      )}
      <Table
        columnConfig={columns}
        data={rows}
        pagination={{ type: 'none' }}
        emptyState={<Text>No versions yet.</Text>}
      />
    </Flex>
  );
};
