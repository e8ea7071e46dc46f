/** File-system predicates that answer false, rather than throw, for anything odd on the path. */
import { statSync } from 'node:fs';

/** Whether the path is a regular file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether the path is a directory. */
export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
