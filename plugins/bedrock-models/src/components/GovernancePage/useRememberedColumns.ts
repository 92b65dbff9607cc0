import { useEffect } from 'react';
import useLocalStorage from 'react-use/esm/useLocalStorage';

/** Where the browser remembers the last columns chosen. */
const COLUMNS_STORAGE_KEY = 'bedrock-models.governance.columns';

/**
 * The versions table's columns: the URL's when it names them (a shared link), else the ones this browser
 * chose last. A choice goes into both.
 */
export function useRememberedColumns(
  fromUrl: string[] | undefined,
  writeUrl: (columns: string[]) => void,
): [string[] | undefined, (columns: string[]) => void] {
  const [remembered, remember] = useLocalStorage<string[] | undefined>(
    COLUMNS_STORAGE_KEY,
    undefined,
  );
  // A shared link's columns become this browser's choice too, so they stay when the filters change.
  const urlKey = fromUrl?.join(',');
  useEffect(() => {
    if (urlKey && urlKey !== remembered?.join(',')) {
      remember(urlKey.split(','));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlKey]);
  const choose = (columns: string[]) => {
    remember(columns);
    writeUrl(columns);
  };
  return [fromUrl ?? remembered, choose];
}
