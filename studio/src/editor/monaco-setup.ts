/**
 * Monaco, bundled locally (no CDN: these machines are offline) and loaded only when an item
 * editor opens — this module is reached by a dynamic import, so none of it is in the studio's
 * first load. YAML with the metamodel's JSON Schemas through monaco-yaml: completion, hover and
 * errors for an item, each kind's model matched to its kind's schema, refs across files resolved
 * by the schemas' $ids.
 */
import { ITEM_KINDS, SCHEMAS } from '@yifa/metamodel';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { createWebWorker as startWorker } from 'monaco-editor/internal/common/workers';
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from './yaml.worker.ts?worker';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

const kindFiles = new Map<string, string>(ITEM_KINDS.map((k) => [k.schema, k.kind]));

// monaco-yaml 5.5 asks monaco.editor.createWebWorker for its worker by label and createData
// (monaco-worker-manager 2), the API before monaco 0.55; monaco 0.57's editor.createWebWorker takes
// a started worker instead. Monaco's own language features start theirs with
// internal/common/workers' createWebWorker (MonacoEnvironment.getWorker by label, then createData
// posted to it): monaco-yaml is handed that one.
const yamlMonaco = { ...monaco, editor: { ...monaco.editor, createWebWorker: startWorker } };

configureMonacoYaml(yamlMonaco as typeof monaco, {
  enableSchemaRequest: false,
  schemas: Object.entries(SCHEMAS).map(([file, schema]) => {
    const kind = kindFiles.get(file);
    return {
      uri: schema.$id,
      schema: schema as unknown as Record<string, unknown>,
      // The shared schemas (common, condition, expression) apply through the kinds' refs only.
      fileMatch: kind ? [`**/items/${kind}/*.yaml`] : [],
    };
  }),
});

/** The URI of an item's model: the kind's schema applies by its folder. */
export const modelUri = (kind: string, code: string) =>
  monaco.Uri.parse(`file:///items/${encodeURIComponent(kind)}/${encodeURIComponent(code || 'new')}.yaml`);

export { monaco };
