/**
 * Which vendor's saved aggregates a file is (docs/parts.md, "Vendor aggregates"), by its first characters: small,
 * so that a reader can tell before it loads the readers themselves.
 */
export type AggregateSource = 'connect' | 'genesys';

/** The vendors' names, as every sentence about their figures gives them. */
export const SOURCE_NAMES: Record<AggregateSource, string> = { connect: 'Amazon Connect', genesys: 'Genesys Cloud' };

/** Which vendor's response a file is, by its first characters (null: neither). */
export function aggregateSourceOf(head: string): AggregateSource | null {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t[0] !== '{' && t[0] !== '[') return null;
  if (/"(MetricResults|metricResults|NextToken|nextToken)"\s*:/.test(t)) return 'connect';
  if (/"results"\s*:/.test(t)) return 'genesys';
  return null;
}

