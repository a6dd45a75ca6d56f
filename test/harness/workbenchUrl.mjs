// Builds the workbench URL that makes code-server's web workbench run an extension test suite.
import { resolve } from 'node:path';

// Returns the URL opening `workspace` with the given extension under development and tests module (paths are on the server's disk).
export function workbenchUrl({ port, extensionDevelopmentPath, extensionTestsPath, workspace, extensionEnv }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
  // Keys are read by the workbench only when --enable-smoke-test-driver is on (it is a built workbench).
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(extensionTestsPath)],
    ['enableProposedApi', ''],
    ['skipWelcome', 'true'],
  ];
  if (extensionEnv && Object.keys(extensionEnv).length) payload.push(['extensionEnvironment', JSON.stringify(extensionEnv)]);
  const query = [];
  if (workspace) query.push(`folder=${encodeURIComponent(resolve(workspace))}`);
  query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://127.0.0.1:${port}/?${query.join('&')}`;
}
