/** Listening for a test server, with an error that says what to do when the address is taken. */
import type * as net from 'node:net';

export function listenOn(server: net.Server, address: string, port: number, protocol: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error & { code?: string }): void => {
      const hint =
        error.code === 'EADDRINUSE'
          ? ' (in use: another test run or session holds it; choose other addresses or ports)'
          : error.code === 'EACCES'
            ? ' (ports below 1024 need root: pass a high port)'
            : '';
      reject(
        new Error(`cannot listen for ${protocol} on ${address}:${port}: ${error.message}${hint}`, {
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
