const NAMES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

/**
 * The outgoing proxy settings in `env` (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, either case, as curl reads them) for
 * Node's built-in proxy support in http.Agent (`proxyEnv`): plain HTTP goes to the proxy in absolute form, HTTPS
 * through a CONNECT tunnel, credentials in the proxy URL become Proxy-Authorization. Undefined when none is set.
 *
 * @example proxyEnvFrom({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'internal.example' })
 */
export function proxyEnvFrom(env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const name of NAMES) {
    const value = env[name]?.trim();
    if (value) (out ??= {})[name] = value;
  }
  return out;
}

/** Whether requests of `protocol` ('http:' or 'https:') may go through a proxy under these settings. */
export function hasProxyFor(protocol: string, proxyEnv: Record<string, string> | undefined): boolean {
  if (!proxyEnv) return false;
  return protocol === 'https:'
    ? Boolean(proxyEnv.https_proxy ?? proxyEnv.HTTPS_PROXY)
    : Boolean(proxyEnv.http_proxy ?? proxyEnv.HTTP_PROXY);
}
