/** The SSM parameter a pointer is published to: `<prefix>/<model>/<alias>`. */
export function ssmParameterName(
  prefix: string,
  modelName: string,
  alias: string,
): string {
  return `${prefix.replace(/\/+$/, '')}/${modelName}/${alias}`;
}
