import type { SourceHealth } from '@ameideio/plugin-secrets-common';
import { Box } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  degradedHeadline,
  isDegraded,
  sourceDetail,
  sourceLabel,
} from '../common';

/** The source's own text, unless it only repeats the headline. */
function detail(source: SourceHealth): string | undefined {
  const parts: string[] = [];
  const text = sourceDetail(source);
  if (text && !text.startsWith(sourceLabel(source))) parts.push(text);
  if (source.lastSuccessAt) {
    parts.push(
      `Last good data: ${new Date(source.lastSuccessAt).toLocaleString()}.`,
    );
  }
  if (source.lastAttemptAt) {
    parts.push(
      `Last attempt: ${new Date(source.lastAttemptAt).toLocaleString()}.`,
    );
  }
  if (source.statusCode) parts.push(`HTTP ${source.statusCode}.`);
  return parts.length ? parts.join(' ') : undefined;
}

/**
 * One banner per degraded source: a sealed Vault or an unreachable cluster
 * empties only its own part of the page, the rest still renders.
 */
export const SourceBanners = (props: {
  sources: SourceHealth[] | undefined;
  now?: number;
}) => {
  const degraded = (props.sources ?? []).filter(isDegraded);
  if (degraded.length === 0) return null;
  return (
    <Box
      display="flex"
      flexDirection="column"
      gridGap={8}
      aria-label="Degraded sources"
      role="region"
    >
      {degraded.map(source => (
        <Alert
          key={source.id}
          severity={source.status === 'error' ? 'error' : 'warning'}
          data-testid={`source-banner-${source.id}`}
        >
          <AlertTitle>{degradedHeadline(source, props.now)}</AlertTitle>
          {detail(source)}
        </Alert>
      ))}
    </Box>
  );
};
