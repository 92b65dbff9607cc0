import { Fragment, ReactNode } from 'react';
import { Text } from '@backstage/ui';

/** Label and value pairs as a description list: what a move would do, read before the click. */
export const EvidenceList = (props: {
  label: string;
  items: Array<{ term: string; value: ReactNode }>;
}) => (
  <div role="group" aria-label={props.label}>
    <dl
      style={{
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        columnGap: 'var(--bui-space-3, 12px)',
        rowGap: 'var(--bui-space-1_5, 6px)',
        margin: 0,
      }}
    >
      {props.items.map(item => (
        <Fragment key={item.term}>
          <dt>
            <Text as="span" variant="body-small" color="secondary">
              {item.term}
            </Text>
          </dt>
          <dd style={{ margin: 0 }}>
            {typeof item.value === 'string' ? (
              <Text as="span" variant="body-small">
                {item.value}
              </Text>
            ) : (
              item.value
            )}
          </dd>
        </Fragment>
      ))}
    </dl>
  </div>
);
