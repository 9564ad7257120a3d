import type { WebSocket } from 'ws';
import { ClientMessage, RelayCloseCode, type ServerMessage } from '../../shared/relay-protocol';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { FrameSource } from './frames';

export interface SubscriberOptions {
  highWaterBytes: number;
  stallMs: number;
}

/**
 * One WebSocket subscription. It keeps no queue of its own: the store is the queue, and
 * `sentCursor` is how far this connection got. Sending pauses while the socket's unsent buffer is
 * above the high-water mark, so a client that never reads costs at most about one high-water mark
 * plus one frame; if the buffer does not shrink within `stallMs`, the connection is closed with 1013.
 * Event frames come from the shared {@link FrameSource}: the buffered bytes are the same Buffers for
 * every subscriber of the channel, and no frame carries a body over the inline limit.
 */
export class Subscriber {
  private sentCursor: number;
  private blocked = false;
  private stallTimer: NodeJS.Timeout | undefined;
  private closed = false;
  alive = true;
  /** Largest ws.bufferedAmount seen right after a send (for tests and stats). */
  maxBuffered = 0;

  constructor(
    readonly ws: WebSocket,
    readonly channelId: string,
    after: number,
    private readonly store: Store,
    private readonly frames: FrameSource,
    private readonly logger: Logger,
    private readonly options: SubscriberOptions,
  ) {
    this.sentCursor = after;
    ws.on('message', (data, isBinary) => this.onMessage(data.toString(), isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    this.send({ type: 'ready', channelId, after });
    this.pump();
  }

  private pumping = false;
  private again = false;

  /** New events may be stored for this channel. Reads run one at a time; a call during one re-reads after it. */
  pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    this.again = false;
    this.drain()
      .catch((e: unknown) => this.logger.error(`ws ${this.channelId} delivery failed`, e))
      .finally(() => {
        this.pumping = false;
        if (this.again) this.pump();
      });
  }

  private async drain(): Promise<void> {
    // Bounded: each round sends at least one event or returns; the store is finite.
    for (let round = 0; round < 10_000; round++) {
      if (this.closed || this.blocked || this.ws.readyState !== this.ws.OPEN) return;
      const batch = await this.frames.after(this.channelId, this.sentCursor);
      if (batch.length === 0) return;
      for (const frame of batch) {
        if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
        // Another read may have sent it already (a notice and a local commit both pump).
        if (frame.cursor <= this.sentCursor) continue;
        this.sendBytes(frame.bytes);
        this.sentCursor = frame.cursor;
        if (this.ws.bufferedAmount > this.options.highWaterBytes) {
          this.block();
          return;
        }
      }
    }
    this.again = true;
  }

  stop(): void {
    this.closed = true;
    clearTimeout(this.stallTimer);
  }

  private send(msg: ServerMessage): void {
    this.sendBytes(Buffer.from(JSON.stringify(msg)));
  }

  /** A text frame (browsers hand binary ones over as Blobs); ws writes the Buffer as is, uncopied. */
  private sendBytes(bytes: Buffer): void {
    this.ws.send(bytes, { binary: false }, (err) => {
      if (err) return; // the close handler cleans up
      if (this.blocked && this.ws.bufferedAmount <= this.options.highWaterBytes / 2) this.unblock();
    });
    this.maxBuffered = Math.max(this.maxBuffered, this.ws.bufferedAmount);
  }

  private block(): void {
    this.blocked = true;
    let last = this.ws.bufferedAmount;
    const decide = () => {
      if (!this.blocked || this.closed) return;
      const now = this.ws.bufferedAmount;
      if (now < last) {
        last = now;
        arm();
        return;
      }
      this.logger.info(`ws ${this.channelId} slow consumer: ${now} bytes unsent for ${this.options.stallMs}ms, closing 1013`);
      this.close(RelayCloseCode.tryAgainLater, 'slow consumer, reconnect later');
    };
    // Decide in setImmediate, after this loop turn's I/O: if the process itself was starved, the
    // socket writes that became possible meanwhile count as progress before we judge the client.
    const arm = () => {
      this.stallTimer = setTimeout(() => setImmediate(decide), this.options.stallMs).unref();
    };
    arm();
  }

  private unblock(): void {
    this.blocked = false;
    clearTimeout(this.stallTimer);
    this.pump();
  }

  /** Polite close, then cut the TCP connection if the client does not answer (it may not be reading). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.stop();
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), 5_000).unref();
  }

  private onMessage(text: string, isBinary: boolean): void {
    let msg: ClientMessage;
    try {
      msg = ClientMessage.parse(JSON.parse(isBinary ? '' : text));
    } catch {
      this.send({ type: 'error', error: 'bad_message', message: 'Expected {"type":"ack","cursor":N} or {"type":"ping"}' });
      return;
    }
    if (msg.type === 'ping') {
      this.send({ type: 'pong' });
      return;
    }
    const cursor = msg.cursor;
    this.store.ack(this.channelId, cursor).then(
      () => {
        this.frames.forget(this.channelId, cursor);
        this.send({ type: 'acked', cursor });
      },
      (e: unknown) => {
        this.logger.error(`ws ${this.channelId} ack failed`, e);
        this.send({ type: 'error', error: 'internal', message: 'Ack failed' });
      },
    );
  }
}
