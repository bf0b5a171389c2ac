/** An object a build produces, with where it comes from. */
export interface BuiltObject {
  /** The object as applied (a copy: the parsed file is never changed). */
  obj: Record<string, any>;
  /** Repo-relative file it was read or generated from. */
  file: string;
  line?: number;
  /** Line of a key path in the source document, when read from a file. */
  lineOfPath?: (path: Array<string | number>) => number | undefined;
  /** Read from a SOPS-encrypted file: its values are ciphertext. */
  encrypted?: boolean;
  /** Names a Secret or ConfigMap had before a generator hash, prefix or suffix. */
  previousNames?: string[];
}

/** Something a build could not evaluate; `info` unless the input is broken. */
export interface BuildNote {
  file: string;
  line?: number;
  message: string;
  /** `yaml` for broken input (an error), `source` for what the engine does not evaluate (info). */
  kind: 'yaml' | 'source';
  /** `duplicate-key`: a repeated mapping key. */
  code?: 'duplicate-key';
}
