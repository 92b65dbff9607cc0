import { Fragment } from 'react';
import { Card, CardBody, CardHeader, Flex, Grid, Text } from '@backstage/ui';
import type { ApprovalRequest } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import type { RegionPointers as RegionPointersData } from '../../model/regionPointerViews';
import { ModelPermissions, rollbackState } from '../../model/versionActions';
import { PointerBlock } from './PointerBlock';
import { AccountName } from '../../names/AccountName';

/** Per Region, what each alias serves: one card per Region. */
export const RegionPointers = (props: {
  regions: RegionPointersData[];
  permissions: ModelPermissions;
  onRollback: (alias: string, region: string) => void;
  /** Pending approval requests of the model, shown on the pointer they would move. */
  pendingApprovals?: ApprovalRequest[];
}) => (
  <Grid.Root columns={{ initial: '1', md: '2' }} gap="3">
    {props.regions.map(region => (
      <Card key={region.region}>
        <CardHeader>
          <Flex direction="column" gap="0.5">
            <Text as="h3" variant="title-small">
              {region.region}
            </Text>
            {region.accountIds.length > 0 && (
              <Text as="p" variant="body-x-small" color="secondary">
                {region.accountIds.length === 1 ? 'Account' : 'Accounts'}{' '}
                {region.accountIds.map((id, i) => (
                  <Fragment key={id}>
                    {i > 0 && ', '}
                    <AccountName accountId={id} />
                  </Fragment>
                ))}
              </Text>
            )}
          </Flex>
        </CardHeader>
        <CardBody>
          <Flex direction="column" gap="2">
            {region.pointers.map(view => (
              <PointerBlock
                key={view.alias}
                view={view}
                rollback={
                  view.pointer
                    ? rollbackState(view.pointer, props.permissions)
                    : undefined
                }
                onRollback={() => props.onRollback(view.alias, region.region)}
                pendingApprovals={props.pendingApprovals?.filter(
                  r => r.alias === view.alias && r.region === region.region,
                )}
              />
            ))}
          </Flex>
        </CardBody>
      </Card>
    ))}
  </Grid.Root>
);
