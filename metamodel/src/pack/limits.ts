/**
 * How much a pack folder may hold. A pack comes from outside (an implementer's zip, a
 * git clone), so reading it is bounded: a file or a pack over these limits is refused
 * before its content is read, rather than parsed for minutes or held in memory.
 */

/** The bounds a pack folder is read within. */
export interface LoadLimits {
  /** Largest item or manifest file, in bytes. */
  maxFileBytes: number;
  /** Most directory entries the loader looks at in one pack (item files, overrides and anything else in its folders). */
  maxFiles: number;
  /** Most bytes read from one pack, all files together. */
  maxPackBytes: number;
  /** Deepest nesting of mappings and sequences in one file. */
  maxDepth: number;
  /** Most aliases (`*name`) in one file. */
  maxAliases: number;
}

/**
 * The defaults, chosen well above real packs: the largest shipped item file is under 20 KB
 * and the generated provincial pack of the benchmark (27,510 items) is 16 MB in 27,511 files;
 * the deepest condition allowed (`MAX_CONDITION_DEPTH`, 32 levels) sits under 64 levels of YAML.
 */
export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 1024 * 1024,
  maxFiles: 100_000,
  maxPackBytes: 256 * 1024 * 1024,
  maxDepth: 64,
  maxAliases: 100,
};

/** The defaults with some limits replaced. */
export function limitsWith(partial: Partial<LoadLimits> = {}): LoadLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
