/** A NUL byte in the first 8 KB marks a binary file, as git and grep decide. */
export function isBinaryText(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
