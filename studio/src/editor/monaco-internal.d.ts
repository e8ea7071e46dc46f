// Monaco's own worker starter (see monaco-setup.ts); the package ships no types for internal/.
declare module 'monaco-editor/internal/common/workers' {
  import type { editor } from 'monaco-editor/editor';
  export function createWebWorker<T extends object>(opts: {
    label?: string;
    moduleId?: string;
    createData?: unknown;
    host?: unknown;
    keepIdleModels?: boolean;
  }): editor.MonacoWebWorker<T>;
}
