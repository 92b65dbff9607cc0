// Prettier 2 ships no types; the generator uses these two functions of it.
declare module 'prettier' {
  export function resolveConfig(
    file: string,
  ): Promise<Record<string, unknown> | null>;
  export function format(
    source: string,
    options: Record<string, unknown> & { filepath: string },
  ): string;
}
