// The part of jStat (https://jstat.github.io, MIT) this package uses: jStat ships no type declarations.
declare module 'jstat' {
  interface JStatStatic {
    readonly studentt: {
      cdf(x: number, dof: number): number;
      pdf(x: number, dof: number): number;
      inv(p: number, dof: number): number;
    };
    readonly normal: {
      cdf(x: number, mean: number, std: number): number;
    };
  }
  const jStat: JStatStatic;
  export default jStat;
}
