/**
 * Reads SMTP replies (RFC 5321 §4.2) from a socket with a deadline per reply and hard caps on
 * what a peer can make us buffer, so a stalling or flooding MX ends the probe with a distinct
 * error code instead of a hang or unbounded memory.
 */
import type { Socket } from 'node:net';
import type { SmtpStage } from '../core/observation.js';
import { clearNetworkTimeout, setNetworkTimeout } from './network-timer.js';

/** RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; 8× that tolerates verbose servers. */
export const MAX_LINE_BYTES = 4096;
/** Real EHLO replies list a dozen or two extensions; more lines than this is a flood. */
export const MAX_REPLY_LINES = 100;
/** Everything one probe reads in plaintext (banner, EHLO, STARTTLS, QUIT replies). */
export const MAX_SESSION_BYTES = 64 * 1024;

export interface SmtpReply {
  code: number;
  /** The text of each line, without the code and separator. */
  lines: string[];
}

/** A step of the probe that failed: becomes SmtpObservation.error. */
export class ProbeFailure extends Error {
  constructor(
    readonly stage: SmtpStage,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Buffers a socket's input and hands out one reply at a time. */
export class ReplyReader {
  private buffer = Buffer.alloc(0);
  private total = 0;
  private ended: string | null = null;
  private wake: (() => void) | null = null;
  private readonly onData = (chunk: Buffer): void => {
    this.total += chunk.length;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.wake?.();
  };
  private readonly onEnd = (): void => {
    this.ended ??= 'the server closed the connection';
    this.wake?.();
  };
  private readonly onError = (error: Error & { code?: string }): void => {
    this.ended ??= `${error.code ?? 'socket error'}: ${error.message}`;
    this.wake?.();
  };

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Stops reading (before the socket is handed to TLS); returns bytes the peer sent early. */
  detach(): Buffer {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    return this.buffer;
  }

  /** Reads one complete (possibly multi-line) reply before `deadline` (ms since the epoch). */
  async read(stage: SmtpStage, deadline: number): Promise<SmtpReply> {
    const lines: string[] = [];
    let code: number | null = null;
    for (;;) {
      const line = await this.nextLine(stage, deadline);
      const match = /^(\d{3})(?:([ -])(.*))?$/s.exec(line);
      if (!match || (code !== null && Number(match[1]) !== code)) {
        throw new ProbeFailure(
          stage,
          'malformed-reply',
          `not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`,
        );
      }
      code = Number(match[1]);
      lines.push(match[3] ?? '');
      if (match[2] !== '-') return { code, lines };
      if (lines.length >= MAX_REPLY_LINES) {
        throw new ProbeFailure(stage, 'reply-too-long', `more than ${MAX_REPLY_LINES} lines in one reply`);
      }
    }
  }

  private async nextLine(stage: SmtpStage, deadline: number): Promise<string> {
    for (;;) {
      if (this.total > MAX_SESSION_BYTES) {
        throw new ProbeFailure(
          stage,
          'too-much-data',
          `the server sent more than ${MAX_SESSION_BYTES} bytes`,
        );
      }
      const end = this.buffer.indexOf(0x0a);
      if (end >= 0) {
        if (end > MAX_LINE_BYTES) throw this.lineTooLong(stage);
        // RFC 5321 §2.3.8 says CRLF; a bare LF is tolerated (we only read what the server says).
        const line = this.buffer.subarray(0, end).toString('latin1').replace(/\r$/, '');
        this.buffer = this.buffer.subarray(end + 1);
        return line;
      }
      if (this.buffer.length > MAX_LINE_BYTES) throw this.lineTooLong(stage);
      if (this.ended !== null) throw new ProbeFailure(stage, 'connection-closed', this.ended);
      await this.waitForData(stage, deadline);
    }
  }

  private lineTooLong(stage: SmtpStage): ProbeFailure {
    return new ProbeFailure(stage, 'line-too-long', `a reply line longer than ${MAX_LINE_BYTES} bytes`);
  }

  private waitForData(stage: SmtpStage, deadline: number): Promise<void> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(timeout(stage));
    return new Promise<void>((resolve, reject) => {
      const timer = setNetworkTimeout(() => {
        this.wake = null;
        reject(timeout(stage));
      }, remaining);
      this.wake = () => {
        clearNetworkTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

/** The error of a step that ran out of time: `timeout-<stage>`. */
export function timeout(stage: SmtpStage): ProbeFailure {
  return new ProbeFailure(stage, `timeout-${stage}`, `no answer in time during ${stage}`);
}
