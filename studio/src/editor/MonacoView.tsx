/**
 * The Monaco view of an item: its YAML (or JSON) text, edited beside the form. Text that parses
 * flows out as the item's value; the form's changes flow in when the text does not already say
 * the same (so the cursor stays where the user types). Monaco loads on first use (monaco-setup).
 */
import { Alert, Segmented, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { parse, stringify } from 'yaml';
import { format, type Lang } from '../messages.ts';

type Setup = typeof import('./monaco-setup.ts');
type Editor = ReturnType<Setup['monaco']['editor']['create']>;

export type TextFormat = 'yaml' | 'json';

const render = (v: unknown, f: TextFormat) => (f === 'json' ? `${JSON.stringify(v, null, 2)}\n` : stringify(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function MonacoView(props: {
  kind: string;
  code: string;
  value: unknown;
  lang: Lang;
  onChange: (value: Record<string, unknown>) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor>();
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string>();
  const [parseError, setParseError] = useState<string>();
  const [textFormat, setTextFormat] = useState<TextFormat>('yaml');
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    import('./monaco-setup.ts').then(
      ({ monaco, modelUri }) => {
        if (disposed || !host.current) return;
        const uri = modelUri(props.kind, props.code);
        monaco.editor.getModel(uri)?.dispose();
        const model = monaco.editor.createModel(render(latest.current.value, 'yaml'), 'yaml', uri);
        const ed = monaco.editor.create(host.current, {
          model,
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          tabSize: 2,
          scrollBeyondLastLine: false,
        });
        editor.current = ed;
        const sub = model.onDidChangeContent(() => {
          try {
            const v = parse(model.getValue()) as unknown;
            setParseError(undefined);
            if (typeof v === 'object' && v !== null && !Array.isArray(v) && !same(v, latest.current.value)) {
              latest.current.onChange(v as Record<string, unknown>);
            }
          } catch (e) {
            setParseError((e as Error).message.split('\n')[0]);
          }
        });
        setReady(true);
        dispose = () => {
          sub.dispose();
          ed.dispose();
          model.dispose();
        };
      },
      (e: unknown) => setFailed(String(e)),
    );
    return () => {
      disposed = true;
      dispose();
    };
  }, [props.kind, props.code]);

  // The form's edits: replace the text only when it says something else (and once Monaco is ready).
  // biome-ignore lint/correctness/useExhaustiveDependencies: ready is the moment the editor exists
  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    let current: unknown;
    try {
      current = parse(model.getValue());
    } catch {
      current = undefined;
    }
    if (!same(current, props.value)) model.setValue(render(props.value, textFormat));
  }, [props.value, textFormat, ready]);

  return (
    <div data-testid="monaco-view">
      <Segmented<TextFormat>
        size="small"
        value={textFormat}
        onChange={(f) => {
          setTextFormat(f);
          editor.current?.getModel()?.setValue(render(latest.current.value, f));
        }}
        options={[
          { value: 'yaml', label: 'YAML' },
          { value: 'json', label: 'JSON' },
        ]}
        style={{ marginBottom: 8 }}
      />
      {failed && <Alert type="error" message={failed} />}
      {parseError && (
        <Alert type="warning" showIcon message={format(props.lang, 'editor.textInvalid')} description={parseError} />
      )}
      {!ready && !failed && <Spin />}
      <div
        ref={host}
        data-testid="monaco"
        data-ready={ready ? 'yes' : 'no'}
        style={{ height: 560, border: '1px solid #f0f0f0' }}
      />
    </div>
  );
}
