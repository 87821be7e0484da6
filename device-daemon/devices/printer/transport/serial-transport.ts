// Serial printers use the shared serial link (device-daemon/devices/transport/).
export { SerialTransport, type SerialTarget } from '../../transport/serial-transport';
