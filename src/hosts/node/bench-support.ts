/** What the bench needs of the Node host, bundled next to the CLI (dist-cli/bench-support.mjs). */
export { readHarnessFiles } from './harness-files';
export { createControlBuffer } from '../../engine/shared';
