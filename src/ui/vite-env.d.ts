/// <reference types="vite/client" />

/** A built-in scenario or course file, read from YAML at build time (vite.config.ts). */
declare module '*.yaml?doc' {
  const document: unknown;
  export default document;
}
