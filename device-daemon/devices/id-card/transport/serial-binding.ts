export * from '../../transport/serial-binding';
