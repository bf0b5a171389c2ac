import type { SecretsSearchDocument } from '@ameideio/plugin-secrets-common';
import { Link } from '@backstage/core-components';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import type { ReactNode } from 'react';

/** Props of {@link SecretsSearchResultListItem}, as the search page passes them. @public */
export interface SecretsSearchResultListItemProps {
  /** The search document, of type `secrets`. */
  result?: SearchDocument;
  /** The engine's highlight of the matched terms. */
  highlight?: ResultHighlight;
  /** Position in the result list. */
  rank?: number;
  /** Shown before the result. */
  icon?: ReactNode;
}

const KIND_LABELS: Record<string, string> = {
  VaultKey: 'Vault key',
  RemoteKey: 'Remote key',
};

function highlighted(
  highlight: ResultHighlight | undefined,
  field: string,
  fallback: string,
) {
  const text = highlight?.fields?.[field];
  return text && highlight ? (
    <HighlightedSearchResultText
      text={text}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    fallback
  );
}

/**
 * A search result of type `secrets`: an ExternalSecret, a target Secret or a
 * Vault key name, its owning entity and what reads it, linking to the
 * entity's Secrets tab.
 * @public
 */
export function SecretsSearchResultListItem(
  props: SecretsSearchResultListItemProps,
) {
  const doc = props.result as unknown as SecretsSearchDocument | undefined;
  if (!doc) return null;
  const kind = KIND_LABELS[doc.kind] ?? doc.kind;
  const name = doc.entityRef.replace(/^[^/]*\//, '');
  return (
    <ListItem alignItems="flex-start" divider>
      {props.icon && <ListItemIcon>{props.icon as any}</ListItemIcon>}
      <Box flexWrap="wrap" width="100%">
        <ListItemText
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={doc.location}>
              {highlighted(props.highlight, 'title', doc.title)}
            </Link>
          }
          secondary={
            <>
              <span data-testid="secrets-search-owner">
                {kind} owned by <strong>{name}</strong> ({doc.entityRef}
                {doc.owner ? `, team ${doc.owner}` : ''})
              </span>
              {doc.readers.length > 0 && (
                <>
                  <br />
                  Read by {doc.readers.join(', ')}
                </>
              )}
              {doc.externalSecrets.length > 0 && (
                <>
                  <br />
                  Through ExternalSecret {doc.externalSecrets.join(', ')}
                </>
              )}
            </>
          }
        />
        <Box>
          <Chip label={kind} size="small" />
          {doc.environments.map(env => (
            <Chip key={env} label={env} size="small" variant="outlined" />
          ))}
        </Box>
      </Box>
    </ListItem>
  );
}
