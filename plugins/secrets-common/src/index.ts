/**
 * Isomorphic types, annotations and permissions of the secrets governance suite.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './live';
export * from './permissions';
export * from './annotations';
export * from './findingTypes';
export * from './overviewQuery';
export * from './impact';
export * from './history';
export * from './inventory';
