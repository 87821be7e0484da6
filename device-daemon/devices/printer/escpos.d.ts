// Types for the parts of `escpos` 2.5.2 we use (Printer builder only) (it ships none; @types/escpos
// is not installed and mistypes image()/qrcode()). CommonJS modules.
declare module 'escpos/printer' {
  import type { EventEmitter } from 'node:events';
  interface EscposAdapter {
    write(data: Buffer, cb?: (err?: Error | null) => void): void;
  }
  interface MutableBuffer {
    size: number;
    flush(): Buffer;
    write(data: Buffer | string): void;
  }
  class Printer extends EventEmitter {
    constructor(adapter: EscposAdapter, options?: { encoding?: string });
    buffer: MutableBuffer;
    encoding: string;
    hardware(hw: 'init' | 'select' | 'reset'): this;
    align(align: 'lt' | 'ct' | 'rt'): this;
    pureText(content: string, encoding?: string): this;
    text(content: string, encoding?: string): this;
    print(content: Buffer | string): this;
    feed(n?: number): this;
    cut(part?: boolean, feed?: number): this;
  }
  export = Printer;
}
