import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** An HTTPS listener on loopback (`localhost`, like the Azure half), port 0 = ephemeral. */
export async function listenHttps(
  tls: { certPem: string; keyPem: string },
  port: number,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Listening> {
  const server = https.createServer(
    { cert: tls.certPem, key: tls.keyPem },
    listener,
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `https://localhost:${actual}`,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
