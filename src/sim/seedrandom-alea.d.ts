// Types for seedrandom's Alea generator imported on its own (the package's types cover only
// the main entry, which also bundles seven other generators the engine never uses).
declare module 'seedrandom/lib/alea.js' {
  interface AleaPrng {
    (): number;
    double(): number;
    int32(): number;
  }
  const alea: (seed: string) => AleaPrng;
  export default alea;
}
