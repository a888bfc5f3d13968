/** `server.address` / `server.port` of a provider base URL, as the GenAI spans report them. */
export function endpointOf(baseURL: string): { serverAddress: string; serverPort: number } {
  const url = new URL(baseURL);
  return {
    serverAddress: url.hostname,
    serverPort: Number(url.port || (url.protocol === 'http:' ? 80 : 443)),
  };
}
