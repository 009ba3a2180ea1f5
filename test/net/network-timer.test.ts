/**
 * A network deadline loses to an answer that arrived in time but waited behind our own CPU
 * work (issue 11 item 2): after a blocked loop, Node runs due timers before it polls for I/O.
 */
import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { clearNetworkTimeout, setNetworkTimeout } from '../../src/net/network-timer.js';

function blockLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

async function race(useNetworkTimer: boolean): Promise<string> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  try {
    return await new Promise<string>((resolve) => {
      let clear = (): void => undefined;
      if (useNetworkTimer) {
        const timer = setNetworkTimeout(() => resolve('timeout'), 20);
        clear = () => clearNetworkTimeout(timer);
      } else {
        const timer = setTimeout(() => resolve('timeout'), 20);
        clear = () => clearTimeout(timer);
      }
      socket.once('message', () => {
        clear();
        resolve('answer');
      });
      socket.send('x', socket.address().port, '127.0.0.1', () => blockLoop(100));
    });
  } finally {
    socket.close();
  }
}

describe('setNetworkTimeout', () => {
  it('an answer already received when the deadline comes due wins', async () => {
    expect(await race(true)).toBe('answer');
  });

  it('(a plain timer, for contrast, fires first on the same schedule)', async () => {
    expect(await race(false)).toBe('timeout');
  });

  it('expires when nothing came', async () => {
    const fired = await new Promise<boolean>((resolve) => {
      setNetworkTimeout(() => resolve(true), 5);
    });
    expect(fired).toBe(true);
  });
});
