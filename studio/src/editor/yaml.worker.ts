// monaco-yaml's language worker, bundled by vite as a worker of its own (the README's advice for vite).
import 'monaco-yaml/yaml.worker.js';
