import {
  Button,
  MenuListBox,
  MenuListBoxItem,
  MenuTrigger,
} from '@backstage/ui';
import {
  FIXED_COLUMN,
  REPORT_COLUMNS,
  shownColumns,
} from '../../governance/reportColumns';

/**
 * Which columns the versions table shows: a list of every column to tick (the model column is always
 * shown). Reached with Tab, opened with Enter, ticked with Space.
 */
export const ColumnChooser = (props: {
  /** The chosen columns (undefined: the default set). */
  columns: string[] | undefined;
  onChange: (columns: string[]) => void;
  /** The configured alias governance calls production (the first one). */
  productionAlias: string;
}) => {
  const shown = shownColumns(props.columns);
  const label = (id: string, text: string) =>
    id === 'production'
      ? `${props.productionAlias
          .charAt(0)
          .toUpperCase()}${props.productionAlias.slice(1)}`
      : text;
  return (
    <MenuTrigger>
      <Button size="small" variant="secondary">
        Columns ({shown.length} of {REPORT_COLUMNS.length})
      </Button>
      <MenuListBox
        aria-label="Columns shown"
        selectionMode="multiple"
        // The model column is always in, so the list is never empty; and then Escape closes the list
        // rather than clearing every choice (a list box's default).
        disallowEmptySelection
        selectedKeys={new Set(shown)}
        disabledKeys={[FIXED_COLUMN]}
        onSelectionChange={keys => {
          if (keys === 'all') {
            props.onChange(REPORT_COLUMNS.map(c => c.id));
          } else {
            props.onChange(shownColumns([...keys].map(String)));
          }
        }}
      >
        {REPORT_COLUMNS.map(c => (
          <MenuListBoxItem
            key={c.id}
            id={c.id}
            textValue={`${label(c.id, c.label)}${
              c.id === FIXED_COLUMN ? ' (always)' : ''
            }`}
          >
            {label(c.id, c.label)}
            {c.id === FIXED_COLUMN ? ' (always)' : ''}
          </MenuListBoxItem>
        ))}
      </MenuListBox>
    </MenuTrigger>
  );
};
