import { Resolver } from 'node:dns/promises';

/** Reads TXT records; `servers` (DNS_SERVERS) replaces the system's resolvers when given. */
export type TxtLookup = (name: string) => Promise<string[]>;

export function createTxtLookup(servers: string[] | undefined): TxtLookup {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (servers && servers.length > 0) resolver.setServers(servers);
  return async (name) => {
    try {
      // A record may be split into several strings of at most 255 bytes: they are one value.
      return (await resolver.resolveTxt(name)).map((parts) => parts.join(''));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') return [];
      throw error;
    }
  };
}
