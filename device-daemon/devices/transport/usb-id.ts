/** USB ids as 4 lower-case hex digits: "0x0400", "0400", 1024 → "0400" (config, udev and node-hid spell them differently). */
export const normUsbId = (id: string | number | undefined) =>
  id === undefined ? undefined : typeof id === 'number' ? id.toString(16).padStart(4, '0') : id.toLowerCase().replace(/^0x/, '').padStart(4, '0');
