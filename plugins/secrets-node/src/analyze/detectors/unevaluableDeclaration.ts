/* unevaluable-declaration: a delivery declaration (Argo CD) the engine cannot evaluate offline. */
import type { Detector } from '../context';
import { discoveryFindings } from '../discoveryFindings';

export const unevaluableDeclaration: Detector = ctx =>
  discoveryFindings(ctx.discoveryNotes).map(args => ctx.finding(...args));
