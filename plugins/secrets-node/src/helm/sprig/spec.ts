/* The calling convention of a sprig function: Go parameter kinds and the implementation. */

export type Param = 's' | 'i' | 'f' | 'b' | 'a' | 'm' | 'S';

export interface Spec {
  params: Param[];
  variadic?: Param;
  fn: (...a: any[]) => unknown;
  /** Receives unknown arguments instead of propagating them. */
  structural?: boolean;
}

export const S = (params: string, fn: Spec['fn'], structural = false): Spec => {
  const m = /^([a-zA-Z]*?)([a-zA-Z]\*)?$/.exec(params)!;
  return {
    params: [...m[1]] as Param[],
    variadic: m[2] ? (m[2][0] as Param) : undefined,
    fn,
    structural,
  };
};
