// serialport's binding types do not resolve under moduleResolution Bundler
// (the packages' exports carry no "types"), so the shapes we use are here.
export interface PortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}
export interface OpenOptions {
  path: string;
  baudRate: number;
  [k: string]: unknown;
}
export interface BindingPortInterface {
  readonly openOptions: OpenOptions;
  isOpen: boolean;
  close(): Promise<void>;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: Record<string, boolean>): Promise<void>;
  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}
export interface BindingInterface {
  list(): Promise<PortInfo[]>;
  open(options: OpenOptions): Promise<BindingPortInterface>;
}
