import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { Box, Button, Typography } from '@material-ui/core';
import { Skeleton } from '@material-ui/lab';

/** True when the backend refused the request (HTTP 403). */
export function isForbidden(error: unknown): boolean {
  if (error instanceof ResponseError) return error.statusCode === 403;
  return (error as { name?: string } | undefined)?.name === 'NotAllowedError';
}

/** Skeleton shaped like the content it stands for, announced to screen readers. */
export const SecretsLoading = ({ label }: { label: string }) => (
  <Box
    role="status"
    aria-busy="true"
    aria-live="polite"
    data-testid="secrets-loading"
  >
    <Typography variant="body2" color="textSecondary">
      {label}
    </Typography>
    <Box display="flex" gridGap={8} mt={1} mb={2}>
      {[0, 1, 2, 3].map(i => (
        <Skeleton key={i} variant="rect" width={160} height={28} />
      ))}
    </Box>
    <Skeleton variant="rect" height={120} />
    <Box mt={2}>
      {[0, 1, 2, 3, 4].map(i => (
        <Skeleton key={i} height={36} />
      ))}
    </Box>
  </Box>
);

/**
 * The error state: a permission-denied explanation for 403, otherwise the
 * backend's error with a retry.
 */
export const SecretsError = (props: {
  error: Error;
  permission: string;
  onRetry?: () => void;
}) => {
  if (isForbidden(props.error)) {
    return (
      <EmptyState
        missing="info"
        title="You do not have access to this secret governance data"
        description={`Reading it needs the ${props.permission} permission. Ask the owning team or a platform administrator to grant it. No secret values are shown here either way: only names, coverage and statuses.`}
      />
    );
  }
  return (
    <Box>
      <ResponseErrorPanel
        title="The secrets backend could not answer"
        error={props.error}
      />
      {props.onRetry && (
        <Box mt={2}>
          <Button variant="outlined" color="primary" onClick={props.onRetry}>
            Try again
          </Button>
        </Box>
      )}
    </Box>
  );
};
