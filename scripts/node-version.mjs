// The Node versions this project supports, checked by `npm start` before anything runs.
// Vite 8 (the build) needs ^20.19 || >=22.12; CI runs Node 20. wxt 0.21 declares node >=22 in its
// package.json (npm prints EBADENGINE on Node 20), but builds, unit and e2e tests pass on 20.19+ (README).
export const SUPPORTED_NODE = '^20.19.0 || >=22.12.0';

/** Why `version` (e.g. "v20.20.2") cannot run the project, or undefined when it can. */
export function nodeVersionProblem(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return `Cannot read the Node version "${version}".`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
  return ok ? undefined : `Node ${version.replace(/^v/, '')} is not supported: use Node 20.19+ or 22.12+ (${SUPPORTED_NODE}).`;
}
