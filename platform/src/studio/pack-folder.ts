/**
 * A pack folder read as texts for a working copy (#14): every file under it (the README and
 * notes too, so an export gives the folder back), path → text, byte for byte. Dot-files and
 * node_modules are left out; a file that is not UTF-8 is refused, since its text would not
 * give its bytes back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AppError } from '../errors.ts';

/** Every file of a pack folder as path (relative, `/` separated) → text. */
export function readPackFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const name = relative(dir, path).split(sep).join('/');
        try {
          files[name] = decoder.decode(readFileSync(path));
        } catch {
          throw new AppError(
            'validation',
            { file: name, reason: 'not-utf8' },
            { zh: `文件 ${name} 不是 UTF-8 文本`, en: `the file ${name} is not UTF-8 text` },
          );
        }
      }
    }
  };
  walk(dir);
  return files;
}
