/** Repo-relative chart path of the entity's Helm chart. @public */
export const SECRETS_CHART_ANNOTATION = 'ameide.io/chart';
/** Overrides the release name(s) derived from the layout (comma separated). @public */
export const SECRETS_HELM_RELEASE_ANNOTATION = 'ameide.io/helm-release';
