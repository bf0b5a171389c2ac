export { parseTemplate, TemplateError } from './parse';
export type { ParsedTemplate } from './parse';
export { renderTemplate, UNKNOWN_MARKER } from './render';
export type { RenderOptions } from './render';
export type { RenderContext, RenderNote, RenderResult } from './render/state';
export { mergeValues, layerValues, overlayValues } from './values';
export type { Values } from './values';
