/** Rulebooks in JSON with comments are bundled as text and parsed by the same loader as teams' rulebooks. */
declare module '*.jsonc' {
  const text: string;
  export default text;
}
