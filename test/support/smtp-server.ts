import net from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as sent after DATA, dot-unstuffed, CRLF line endings. */
  raw: string;
}

export interface SmtpServer {
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A plain-text ESMTP server on a free local port that accepts every message and keeps it in
 * `messages`. No TLS or AUTH is advertised, so clients send in the clear without logging in.
 */
export async function startSmtpServer(): Promise<SmtpServer> {
  const messages: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    serve(socket, messages);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function serve(socket: net.Socket, messages: ReceivedMail[]) {
  const reply = (line: string) => socket.write(`${line}\r\n`);
  let from = '';
  let to: string[] = [];
  let data: string[] | null = null;
  let buffered = '';

  const handle = (line: string) => {
    if (data) {
      if (line === '.') {
        messages.push({ from, to, raw: data.join('\r\n') });
        data = null;
        from = '';
        to = [];
        reply('250 2.0.0 OK queued');
      } else {
        data.push(line.startsWith('.') ? line.slice(1) : line);
      }
      return;
    }
    const verb = line.slice(0, 4).toUpperCase();
    const address = () => /<([^>]*)>/.exec(line)?.[1] ?? line.slice(line.indexOf(':') + 1).trim();
    if (verb === 'EHLO') {
      reply('250-localhost greets you');
      reply('250-8BITMIME');
      reply('250 SMTPUTF8');
    } else if (verb === 'HELO') reply('250 localhost');
    else if (verb === 'MAIL') {
      from = address();
      to = [];
      reply('250 2.1.0 OK');
    } else if (verb === 'RCPT') {
      to.push(address());
      reply('250 2.1.5 OK');
    } else if (verb === 'DATA') {
      if (to.length === 0) reply('503 5.5.1 RCPT first');
      else {
        data = [];
        reply('354 End data with <CR><LF>.<CR><LF>');
      }
    } else if (verb === 'RSET') {
      from = '';
      to = [];
      reply('250 2.0.0 OK');
    } else if (verb === 'NOOP') reply('250 2.0.0 OK');
    else if (verb === 'QUIT') {
      reply('221 2.0.0 Bye');
      socket.end();
    } else reply('502 5.5.2 Command not implemented');
  };

  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      const line = buffered.slice(0, i).replace(/\r$/, '');
      buffered = buffered.slice(i + 1);
      handle(line);
    }
  });
  reply('220 localhost ESMTP test server');
}
