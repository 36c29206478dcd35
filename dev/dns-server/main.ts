import { startDnsServer } from './dns-server.ts';

// `node dev/dns-server/main.ts name=value …`: serves each TXT record given (a name may repeat).
const dns = await startDnsServer(Number(process.env.DNS_SERVER_PORT ?? 5353));
for (const arg of process.argv.slice(2)) {
  const at = arg.indexOf('=');
  if (at <= 0) {
    console.error(`not name=value: ${arg}`);
    process.exit(2);
  }
  const name = arg.slice(0, at).toLowerCase();
  dns.records.set(name, [...(dns.records.get(name) ?? []), arg.slice(at + 1)]);
}
console.log(`DNS server on ${dns.address} — start the service with DNS_SERVERS=${dns.address}`);
