/** Rulebooks in JSON with comments are bundled as text and parsed by the same loader as teams' rulebooks. */
declare module '*.jsonc' {
  const text: string;
  export default text;
}

/**
 * The built-in rulebook's match patterns as compromise reads them, taken when the project is built
 * (see esbuild.js and builtinPatterns.ts), as `writePatternSnapshot` text.
 */
declare module 'clauseguard:builtin-patterns' {
  const text: string;
  export default text;
}
