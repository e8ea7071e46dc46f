/**
 * Stands in for node: built-ins in the browser build. The shared parts import them only for
 * reading pack folders and bundles, which the app never does; calling one is a bug.
 */
const unavailable = (name: string) => () => {
  throw new Error(`${name} is not available in the browser`);
};

export const readFileSync = unavailable('readFileSync');
export const readdirSync = unavailable('readdirSync');
export const statSync = unavailable('statSync');
export const existsSync = unavailable('existsSync');
export const createHash = unavailable('createHash');
export const join = unavailable('join');
export const dirname = unavailable('dirname');
export const resolve = unavailable('resolve');
export const basename = unavailable('basename');
export const extname = unavailable('extname');
export const relative = unavailable('relative');
export const fileURLToPath = unavailable('fileURLToPath');
export default {};
