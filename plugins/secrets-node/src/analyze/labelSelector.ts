/* One requirement of a Kubernetes label selector's `matchExpressions`. */

/**
 * Whether labels meet a requirement: `In` and `NotIn` a list of values,
 * `Exists`, `DoesNotExist`; any other operator is not met.
 */
export function requirementMatches(
  operator: unknown,
  key: string,
  values: unknown,
  labels: Record<string, string>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  const listed =
    Array.isArray(values) && values.map(String).includes(labels[key]);
  switch (operator) {
    case 'In':
      return has && listed;
    case 'NotIn':
      return !has || !listed;
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
