/**
 * The lesson editor's languages: YAML through monaco-yaml, which checks the frontmatter as you
 * type against the lesson schema's JSON Schema (the same zod schema the build validates with)
 * and completes its fields (a program may leave out `expect` here: Check fills it in, and the
 * preview says which programs are not checked yet); and Markdown highlighting for the prose. Loaded with the editor.
 */
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from 'monaco-yaml/yaml.worker?worker';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/markdown/register';
import { lessonJsonSchema } from '../../lessons/schema';
import { monaco } from '../editor/monaco-setup';

export const FRONTMATTER_URI = 'file:///lesson/frontmatter.yaml';
export const PROSE_URI = 'file:///lesson/prose.md';

/**
 * monaco-yaml 5.5 asks Monaco for its worker by label, which Monaco 0.55 and later no longer do:
 * `createWebWorker` now takes the Worker itself, and the worker takes its options ("create
 * data") as the message before Monaco's own first message. So the worker is made here and given
 * them in that order: one message that starts monaco-yaml's side, then the options.
 */
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker(opts: { createData?: unknown; host?: Record<string, (...args: never[]) => unknown>; keepIdleModels?: boolean }) {
      const worker = new YamlWorker();
      worker.postMessage('start');
      worker.postMessage(opts.createData ?? {});
      return monaco.editor.createWebWorker({ worker, ...(opts.host ? { host: opts.host } : {}), keepIdleModels: opts.keepIdleModels ?? false });
    },
  },
} as unknown as typeof monaco;

configureMonacoYaml(monacoForYaml, {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  schemas: [{ uri: 'inmemory://exitlab/lesson-frontmatter.schema.json', fileMatch: ['**/lesson/frontmatter.yaml'], schema: lessonJsonSchema({ expectOptional: true }) as never }],
});

export { monaco };
