export { parseTemplate } from './parse';
export { TemplateError } from './parse/ast';
export type { ParsedTemplate } from './parse/ast';
export { renderTemplate, UNKNOWN_MARKER } from './render';
export type { RenderOptions } from './render';
export type { RenderContext, RenderNote, RenderResult } from './render/state';
export { mergeValues, layerValues, overlayValues } from './values';
export type { Values } from './values';
