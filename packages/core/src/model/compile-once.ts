/**
 * A compiler that builds each node's function once (`build`, given the compiler for the nodes below): the walk over
 * a schema then does no dispatch on it. A recursive node finds a forwarder to its function while that is being
 * built. Internal to the model's schema walks.
 *
 * @example
 * const compile = compileOnce<Def, Test>((def, compile) => build(def, compile, limits));
 * compile(defOf(schema))(value);
 */
export function compileOnce<N extends object, F extends (value: unknown) => unknown>(
  build: (node: N, compile: (node: N) => F) => F,
): (node: N) => F {
  const compiled = new Map<N, F>();
  const compile = (node: N): F => {
    const known = compiled.get(node);
    if (known !== undefined) return known;
    let fn: F | undefined;
    compiled.set(node, ((value: unknown) => (fn as F)(value)) as F);
    fn = build(node, compile);
    compiled.set(node, fn);
    return fn;
  };
  return compile;
}
